"""The dashboard in a real headless Chromium: it renders, reads well and its brush filters.

Starts ``streamlit run dashboard.py`` on a free port of 127.0.0.1 against a synthetic
database, drives Debian's /usr/bin/chromium through Playwright, and saves a screenshot to
``tests/artifacts/dashboard.png``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.synthetic.build import make_database

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
TITLE = "Turkey–Russia & Turkey–West relations tracker"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHART = "[data-testid='stVegaLiteChart'] svg"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer on {url} within {timeout:g} s")


Served = tuple[str, Path, Path, dict[str, tuple[int, int]]]


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The dashboard's URL, the database's folder, the server's (empty) home folder, and
    the database folder's listing before the server started."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install Debian's chromium package (.ci/run does)")
    pytest.importorskip("playwright.sync_api", reason="pip install playwright (the dev extra)")
    path = tmp_path_factory.mktemp("browser") / "tracker.duckdb"
    make_database(path, 2000, seed=7)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    home = tmp_path_factory.mktemp("home")
    folder = _listing(path.parent)
    env = {**os.environ, "TRACKER_DB": str(path), "HOME": str(home)}
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    log = tmp_path_factory.mktemp("browser-log") / "streamlit.log"
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, proc)
        yield url, path.parent, home, folder
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def server(served: Served) -> str:
    return served[0]


def test_dashboard_in_chromium(server: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            page.goto(server)
            page.wait_for_selector(CHART, timeout=60_000)
            chart = page.locator(CHART).first
            # The legend is SVG text (charts ask vega-embed for the svg renderer).
            page.wait_for_function(
                "() => { const s = document.querySelector(\"[data-testid='stVegaLiteChart'] svg\");"
                " return s && s.textContent.includes('Turkey–Russia')"
                " && s.textContent.includes('Turkey–West'); }",
                timeout=30_000,
            )
            assert page.title() == TITLE
            assert page.locator("[data-testid='stException']").count() == 0
            assert "How warm are Turkey" in chart.text_content()
            # The grid paints rows on a canvas; its accessible copy holds the cell text.
            page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=30_000)
            rows = page.locator("[data-testid='stDataFrame'] [role='row']")
            rows.nth(1).wait_for(state="attached", timeout=30_000)
            assert "Turkey–" in rows.nth(1).text_content()
            page.wait_for_timeout(500)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "dashboard.png"))

            # Drag across the plot: the statement table lists that interval only.
            box = chart.bounding_box()
            assert box is not None
            y = box["y"] + box["height"] * 0.4
            page.mouse.move(box["x"] + box["width"] * 0.45, y)
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=8)
            page.mouse.up()
            heading = page.get_by_text("Statements in the selection")
            heading.wait_for(timeout=30_000)
            assert page.locator("[data-testid='stException']").count() == 0
        finally:
            browser.close()


def test_the_served_dashboard_wrote_nothing(served: Served) -> None:
    """docs/security.md says a served dashboard needs no writable folder (the shipped unit
    makes the whole file system read-only): after a session in a browser, the database's
    folder is as it was and the server's home folder is still empty."""
    url, folder, home, before = served
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
        assert response.status == 200
    assert _listing(folder) == before
    assert _listing(home) == {}
