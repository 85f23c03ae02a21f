"""The nightly job under cron or systemd: a crontab line, or a ``.service`` + ``.timer`` pair.

Contract
--------
:class:`ScheduleSpec` holds what the job needs: the command of this install's ``tracker``
(:func:`tracker_command`: an absolute path, so neither cron's nor systemd's ``PATH`` matters),
the absolute database path, the time of day, ``--keep``, ``--wait``, the user's dictionary
files, the feeds and URL-list files if the job fetches news first, and where the output goes
(the journal, or a log file). :func:`cron_entry`, :func:`service_unit` and :func:`timer_unit`
render it, ready to install as printed (see docs/operations.md and deploy/README.md).

A system-wide unit (one with ``User=``) is confined (:func:`sandbox`): the file system is
read-only but for the database's folder (and the log's), home directories are hidden or
read-only, there is no network unless the job fetches, and no privileges can be gained;
docs/security.md lists the directives and the exposure ``systemd-analyze security`` gives them.
A user unit (``systemctl --user``) is left unconfined: most of these directives need user
namespaces there, which many systems disable, and the unit would then fail to start.

The job is ``tracker rescore``, or with feeds or a URL list ``tracker fetch`` then
``tracker rescore`` in one unit (:func:`job_script`, run by ``/bin/sh``): the rescoring runs
even when some feed or page failed, and the job exits with the rescoring's code if it failed,
else the fetch's (README's exit codes: 1 something failed, 75 the database was busy). The job
prints progress and errors on stderr and summaries on stdout, and exits non-zero on failure:
the cron line appends both to a log and echoes the log's tail only when the job fails, so cron
mails exactly the failures.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from tracker import __version__

SERVICE_NAME = "tracker-rescore.service"
TIMER_NAME = "tracker-rescore.timer"
CRON = "cron"
SYSTEMD = "systemd"
KINDS = (CRON, SYSTEMD)  # what `tracker schedule --print` writes
DEFAULT_AT = "02:30"
DEFAULT_KEEP = 14
DEFAULT_JOB_WAIT = 600.0
_AT = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def tracker_command() -> tuple[str, ...]:
    """How to run this install's ``tracker``: its console script next to the running Python
    (not resolved: a virtualenv's ``bin`` must stay in the path), else ``python -m tracker``."""
    script = Path(sys.executable).parent / "tracker"
    if script.is_file() and os.access(script, os.X_OK):
        return (str(script.absolute()),)
    return (str(Path(sys.executable).absolute()), "-m", "tracker")


def parse_at(at: str) -> tuple[int, int]:
    match = _AT.match(at.strip())
    if not match:
        raise ValueError(f"time {at!r} is not HH:MM (24-hour clock); write e.g. 02:30")
    return int(match[1]), int(match[2])


@dataclass(frozen=True)
class ScheduleSpec:
    command: tuple[str, ...]  # the tracker to run: a script, or python -m tracker
    db_path: Path  # absolute
    at: tuple[int, int] = parse_at(DEFAULT_AT)
    keep: int | None = DEFAULT_KEEP
    wait: float = DEFAULT_JOB_WAIT
    actor_files: tuple[Path, ...] = ()
    lexicons: tuple[Path, ...] = ()
    events_dicts: tuple[Path, ...] = ()
    log_file: Path | None = None  # None: systemd's journal; cron: <db>.rescore.log
    user: str | None = None  # User= of a system-wide unit
    feeds: Path | None = None  # with either: `tracker fetch` runs first
    urls: Path | None = None

    @property
    def fetches(self) -> bool:
        return self.feeds is not None or self.urls is not None

    def _common(self, command: str) -> list[str]:
        return [*self.command, command, "--db", str(self.db_path), "--wait", f"{self.wait:g}"]

    def _dictionaries(self) -> list[str]:
        args = []
        for path in self.actor_files:
            args += ["--actors", str(path)]
        for path in self.lexicons:
            args += ["--lexicon", str(path)]
        for path in self.events_dicts:
            args += ["--events-dict", str(path)]
        return args

    def arguments(self) -> list[str]:
        """The rescoring's command line."""
        args = self._common("rescore")
        if self.keep is not None:
            args += ["--keep", str(self.keep)]
        return [*args, *self._dictionaries(), "--json"]

    def fetch_arguments(self) -> list[str]:
        """The fetch's command line (its ingest uses the same dictionaries)."""
        args = self._common("fetch")
        if self.feeds is not None:
            args += ["--feeds", str(self.feeds)]
        if self.urls is not None:
            args += ["--urls", str(self.urls)]
        return [*args, *self._dictionaries()]

    @property
    def cron_log(self) -> Path:
        return self.log_file or self.db_path.with_name(self.db_path.name + ".rescore.log")

    @property
    def time_text(self) -> str:
        return f"{self.at[0]:02d}:{self.at[1]:02d}"


def job_script(spec: ScheduleSpec) -> str:
    """The job as one ``sh`` command line: the rescoring, or the fetch then the rescoring,
    exiting with the rescoring's code if it failed, else the fetch's."""
    rescore = " ".join(shlex.quote(a) for a in spec.arguments())
    if not spec.fetches:
        return rescore
    fetch = " ".join(shlex.quote(a) for a in spec.fetch_arguments())
    return f"{fetch}; f=$?; {rescore} || exit $?; exit $f"


def _what(spec: ScheduleSpec) -> str:
    return "fetch news into and rescore" if spec.fetches else "rescore"


def cron_entry(spec: ScheduleSpec) -> str:
    """Comment lines and the crontab line (``%`` escaped: cron reads it as a newline)."""
    log = shlex.quote(str(spec.cron_log))
    command = job_script(spec)
    if spec.fetches:
        command = f"( {command} )"
    line = (f"{spec.at[1]} {spec.at[0]} * * * {command} >>{log} 2>&1 || tail -n 30 {log}").replace(
        "%", "\\%"
    )
    return (
        f"# tracker {__version__}: {_what(spec)} {spec.db_path} nightly at {spec.time_text}.\n"
        f"# Output is appended to {spec.cron_log};\n"
        "# cron mails the log's tail only when the job fails (exit 1: failed; 75: the database\n"
        "# was busy for longer than --wait; see docs/operations.md).\n"
        "# Install: `crontab -e` and paste the line below.\n"
        f"{line}\n"
    )


def _systemd_quote(arg: str) -> str:
    """One ExecStart word: double-quoted when needed; ``%`` (specifiers) and ``$`` (variables)
    doubled, as systemd reads them."""
    arg = arg.replace("%", "%%").replace("$", "$$")
    if arg and not re.search(r"[\s\"'\\;$]", arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Where a path may lie in someone's home: ProtectHome=yes would hide it from the job.
_HOMES = (Path("/home"), Path("/root"), Path("/run/user"))


def _in_home(path: Path) -> bool:
    return any(path == home or home in path.parents for home in _HOMES)


def sandbox(spec: ScheduleSpec) -> list[str]:
    """The confinement of a system-wide job: every directive ``systemd-analyze security``
    weighs that the job can live with. Only the database's folder (the file, its ``.lock``,
    ``.wal`` and DuckDB's ``.tmp`` spill folder) and the log's folder are writable."""
    writable = sorted({spec.db_path.parent, *([spec.log_file.parent] if spec.log_file else [])})
    read = [
        Path(spec.command[0]),
        spec.db_path,
        *spec.actor_files,
        *spec.lexicons,
        *spec.events_dicts,
        *([spec.feeds] if spec.feeds else []),
        *([spec.urls] if spec.urls else []),
        *([spec.log_file] if spec.log_file else []),
    ]
    home = "read-only" if any(_in_home(path) for path in read) else "yes"
    if spec.fetches:
        # AF_NETLINK: the C library asks the kernel for the host's addresses when resolving names.
        network = ["RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK"]
    else:
        # The rescoring's worker processes talk over Unix sockets only.
        network = ["PrivateNetwork=yes", "IPAddressDeny=any", "RestrictAddressFamilies=AF_UNIX"]
    return [
        "# Confinement (docs/security.md): read-only system, only the data folder writable.",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        f"ProtectHome={home}",
        "ReadWritePaths=" + " ".join(_systemd_quote(str(path)) for path in writable),
        "PrivateTmp=yes",
        "PrivateDevices=yes",
        "PrivateUsers=yes",
        "PrivateMounts=yes",
        "ProtectKernelTunables=yes",
        "ProtectKernelModules=yes",
        "ProtectKernelLogs=yes",
        "ProtectControlGroups=yes",
        "ProtectClock=yes",
        "ProtectHostname=yes",
        "ProtectProc=invisible",
        "RestrictSUIDSGID=yes",
        "RestrictRealtime=yes",
        "RestrictNamespaces=yes",
        "LockPersonality=yes",
        "RemoveIPC=yes",
        "CapabilityBoundingSet=",
        "AmbientCapabilities=",
        "SystemCallArchitectures=native",
        "SystemCallFilter=@system-service",
        "SystemCallErrorNumber=EPERM",
        *network,
        "UMask=0027",
    ]


def service_unit(spec: ScheduleSpec) -> str:
    if spec.fetches:
        exec_start = f"/bin/sh -c {_systemd_quote(job_script(spec))}"
    else:
        exec_start = " ".join(_systemd_quote(a) for a in spec.arguments())
    if spec.log_file is None:
        output = ["StandardOutput=journal", "StandardError=journal"]
    else:
        target = f"append:{spec.log_file}".replace("%", "%%")
        output = [f"StandardOutput={target}", f"StandardError={target}"]
    lines = [
        f"# {SERVICE_NAME}: written by `tracker schedule --print systemd` (tracker {__version__}).",
        f"# Started by {TIMER_NAME}; see docs/operations.md for installing and exit codes.",
        "[Unit]",
        f"Description=Tracker: {_what(spec)} {spec.db_path}",
        "After=local-fs.target",
        # A fetch creates the database; the rescoring alone has nothing to do without one.
        *([] if spec.fetches else [f"ConditionPathExists={_systemd_quote(str(spec.db_path))}"]),
        "",
        "[Service]",
        "Type=oneshot",
        f"ExecStart={exec_start}",
        f"WorkingDirectory={_systemd_quote(str(spec.db_path.parent))}",
        "Environment=PYTHONUNBUFFERED=1",
        *([f"User={spec.user}"] if spec.user else []),
        *(sandbox(spec) if spec.user else []),
        "Nice=10",
        "IOSchedulingClass=idle",
        *(
            [
                "# SIGTERM goes to the shell; the command running is killed after TimeoutStopSec",
                "# (a killed fetch stores nothing of its run's state, a killed rescore no run).",
            ]
            if spec.fetches
            else [
                "# SIGTERM goes to the main process, which stops its workers and marks the run "
                "failed."
            ]
        ),
        "KillMode=mixed",
        "TimeoutStopSec=30",
        "TimeoutStartSec=6h",
        *output,
        "SyslogIdentifier=tracker-rescore",
        "",
    ]
    return "\n".join(lines)


def timer_unit(spec: ScheduleSpec) -> str:
    lines = [
        f"# {TIMER_NAME}: written by `tracker schedule --print systemd` (tracker {__version__}).",
        "[Unit]",
        f"Description=Tracker: nightly {'fetch and ' if spec.fetches else ''}rescoring at "
        f"{spec.time_text}",
        "",
        "[Timer]",
        f"OnCalendar=*-*-* {spec.time_text}:00",
        "# A night missed while the machine was off runs at the next boot.",
        "Persistent=true",
        "RandomizedDelaySec=5min",
        f"Unit={SERVICE_NAME}",
        "",
        "[Install]",
        "WantedBy=timers.target",
        "",
    ]
    return "\n".join(lines)


def systemd_units(spec: ScheduleSpec) -> dict[str, str]:
    return {SERVICE_NAME: service_unit(spec), TIMER_NAME: timer_unit(spec)}
