"""Where the tracker finds its bundled data and its default database.

Bundled data (demo corpus, actors, events, lexicons) lives in the checkout's top-level ``data/``
folder; a wheel install carries the same files as ``tracker/_data``. The default database is
``data/tracker.duckdb`` in a checkout, else ``~/.local/share/tracker/tracker.duckdb``; the
``TRACKER_DB`` environment variable or ``--db`` overrides it.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
DB_ENV_VAR = "TRACKER_DB"


def data_dir() -> Path:
    """The folder holding the bundled data files."""
    installed = _PACKAGE_DIR / "_data"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "data"


def default_db_path() -> Path:
    """The database used when neither ``--db`` nor ``TRACKER_DB`` names one."""
    env = os.environ.get(DB_ENV_VAR)
    if env:
        return Path(env).expanduser()
    checkout_data = _PACKAGE_DIR.parent / "data"
    if checkout_data.is_dir() and os.access(checkout_data, os.W_OK):
        return checkout_data / "tracker.duckdb"
    return Path.home() / ".local" / "share" / "tracker" / "tracker.duckdb"


def corpus_dir() -> Path:
    return data_dir() / "corpus"


def events_path() -> Path:
    return data_dir() / "events.csv"
