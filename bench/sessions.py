"""Many dashboard sessions at once, in real browser pages: ``python bench/sessions.py DB``.

Serves ``dashboard.py`` on a free port of 127.0.0.1 against ``DB`` (make one with
``python bench/make_db.py --statements 1000000``), opens ``--sessions`` pages in one headless
Chromium (Debian's /usr/bin/chromium through Playwright, the dev extra), and for
``--seconds`` has every page click through the controls an analyst uses (profile, date axis,
a text search, clearing it) as fast as the server answers. Prints, per kind of interaction,
how many there were and the median, 95th percentile and longest time until the page was
idle again; the exceptions any page showed (Streamlit's error element) and that its server
logged; and the server's peak memory. Exit code 1 if any page showed an exception or the
server logged a traceback.

The server stops itself when the run ends (or after ``--seconds`` plus a bounded grace).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
CHART = "[data-testid='stVegaLiteChart'] svg"
RUNNING = "[data-testid='stStatusWidget']"
EXCEPTION = "[data-testid='stException']"
# (name, what to click or type): each session goes round these in turn, from its own start.
STEPS = (
    ("profile vader", ("radio", "vader")),
    ("date axis: publication", ("radio", "publication date")),
    ("profile both", ("radio", "both")),
    ("text search", ("search", "talks")),
    ("date axis: referred to", ("radio", "date referred to")),
    ("clear search", ("search", "")),
    ("profile diplomacy", ("radio", "diplomacy")),
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc (Linux)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if entry.name == str(pid) or fields.get("PPid", "").strip() == str(pid):
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


def _serve(db: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, "TRACKER_DB": str(db)}, stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"streamlit exited: code {proc.returncode}; see {log}") from None
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"streamlit did not answer within 120 s; see {log}")


def _idle(page, timeout_ms: float) -> None:  # type: ignore[no-untyped-def]
    """Wait until the script run the last action started has finished."""
    page.wait_for_timeout(150)  # the status widget appears a moment after the rerun starts
    page.wait_for_selector(RUNNING, state="detached", timeout=timeout_ms)


def _act(page, step: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    kind, value = step
    if kind == "radio":
        page.get_by_text(value, exact=True).first.click()
    else:
        box = page.get_by_placeholder("e.g. sanctions")
        box.fill(value)
        box.press("Enter")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    log = Path(f"/tmp/bench-sessions-{os.getpid()}.log")
    server, url = _serve(args.db, log)
    peak = [0.0]
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.5):
            peak[0] = max(peak[0], _rss_mb(server.pid))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    times: dict[str, list[float]] = defaultdict(list)
    shown: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            began = time.monotonic()
            pages = []
            for _ in range(args.sessions):
                page = browser.new_context(viewport={"width": 1400, "height": 1200}).new_page()
                page.goto(url, timeout=300_000)
                pages.append(page)
            for page in pages:
                page.wait_for_selector(CHART, timeout=300_000)
            times["first chart (all sessions)"].append(time.monotonic() - began)
            # One browser, one thread: go round the pages, each doing its next step, so the
            # server always has every session's rerun in hand at once.
            step = [k % len(STEPS) for k in range(len(pages))]
            end = time.monotonic() + args.seconds
            while time.monotonic() < end:
                started = {}
                for k, page in enumerate(pages):
                    _act(page, STEPS[step[k]][1])
                    started[k] = time.monotonic()
                for k, page in enumerate(pages):
                    _idle(page, 300_000)
                    times[STEPS[step[k]][0]].append(time.monotonic() - started[k])
                    if page.locator(EXCEPTION).count():
                        shown.append(page.locator(EXCEPTION).first.inner_text()[:200])
                    step[k] = (step[k] + 1) % len(STEPS)
            browser.close()
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    logged = log.read_text(errors="replace").count("Traceback")
    print(f"{args.sessions} sessions for {args.seconds:g} s on {args.db}")
    print(f"{'interaction':32} {'n':>5} {'median s':>9} {'p95 s':>7} {'max s':>7}")
    for name, values in times.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(
            f"{name:32} {len(values):5d} {statistics.median(values):9.2f} {p95:7.2f} "
            f"{values[-1]:7.2f}"
        )
    print(f"exceptions shown: {len(shown)}; tracebacks in the server log: {logged}")
    for text in shown[:5]:
        print("  " + text.replace("\n", " "))
    print(f"server peak RSS: {peak[0]:.0f} MB")
    return 1 if shown or logged else 0


if __name__ == "__main__":
    raise SystemExit(main())
