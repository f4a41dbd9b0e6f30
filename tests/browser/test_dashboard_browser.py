"""The dashboard in a real browser (Debian's chromium through Playwright): live numbers over
the WebSocket, the polling fallback when the WebSocket dies, and the "try it" form.

`make test` installs chromium with apt-get when it is missing; without it this test fails
(it skips, saying why, only where it cannot be installed: not root or no apt-get).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, WebSocketRoute, sync_playwright
from tests.live_server import live_server
from tests.server_fakes import fake_process, healthy, settings, synthesizer

from litetts_adapters.fastapi import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
WAIT_MS = 30_000
DOCS_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "dashboard.png"
"""Written when LITETTS_DOCS_SCREENSHOT=1 (`make docs-screenshot`); docs/server.md shows it."""


def _chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip(f"{CHROMIUM} is missing and cannot be installed here (not root or no apt-get)")
    pytest.fail(
        f"{CHROMIUM} is missing: run `make test` (it installs it) or apt-get install chromium"
    )


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    app = create_app(
        synthesizer(), settings=settings(), health_check=healthy, process_stats=fake_process
    )
    with live_server(app) as (url, _):
        yield url


@pytest.fixture
def page(server: str) -> Iterator[Page]:
    executable = _chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=ARGS)
        try:
            yield browser.new_page(base_url=server)
        finally:
            browser.close()


def _speak(server: str, voice: str) -> None:
    body = {"input": "Hello there.", "voice": voice, "response_format": "pcm"}
    assert 200 == httpx.post(f"{server}/v1/audio/speech", json=body, timeout=30).status_code


def _updates(page: Page) -> int:
    return int(page.text_content("#updates") or "0")


def test_numbers_update_live_over_the_websocket(page: Page, server: str, tmp_path: Path) -> None:
    page.goto("/dashboard")
    page.wait_for_function(
        "document.getElementById('transport').textContent === 'websocket'", timeout=WAIT_MS
    )
    seen = _updates(page)
    page.wait_for_function(
        f"Number(document.getElementById('updates').textContent) > {seen + 2}", timeout=WAIT_MS
    )
    before = int(page.text_content("#requests-total") or "0")

    _speak(server, "af_bella")

    page.wait_for_function(
        f"Number(document.getElementById('requests-total').textContent) > {before}",
        timeout=WAIT_MS,
    )
    page.wait_for_selector("#voices td:text('af_bella')", timeout=WAIT_MS)
    page.wait_for_selector("#events li", timeout=WAIT_MS)
    assert page.text_content("#rss") == "123 MiB"
    shot = DOCS_SCREENSHOT if os.environ.get("LITETTS_DOCS_SCREENSHOT") else tmp_path / "d.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_polling_takes_over_when_the_websocket_dies(page: Page, server: str) -> None:
    page.goto("/dashboard")
    page.wait_for_function(
        "document.getElementById('transport').textContent === 'websocket'", timeout=WAIT_MS
    )

    def refuse(ws: WebSocketRoute) -> None:  # every reconnect attempt is closed at once
        ws.close(code=1011, reason="test: websocket unavailable")

    page.route_web_socket("**/dashboard/ws", refuse)
    page.evaluate("window.litettsDashboard.ws.close()")
    page.wait_for_function(
        "document.getElementById('transport').textContent === 'polling'", timeout=WAIT_MS
    )
    before = int(page.text_content("#requests-total") or "0")

    _speak(server, "bf_emma")

    page.wait_for_function(
        f"Number(document.getElementById('requests-total').textContent) > {before}",
        timeout=WAIT_MS,
    )
    seen = _updates(page)
    page.wait_for_function(
        f"Number(document.getElementById('updates').textContent) > {seen + 1}", timeout=WAIT_MS
    )


def test_the_form_streams_and_plays_a_synthesis(page: Page) -> None:
    page.goto("/dashboard")
    page.wait_for_function(
        "document.getElementById('try-voice').options.length === 5", timeout=WAIT_MS
    )
    page.select_option("#try-voice", "bf_emma")
    page.fill("#try-text", "Testing the form. It streams as it speaks.")
    page.fill("#try-speed", "1.2")

    page.click("#try-play")
    page.wait_for_selector("#try-status[data-state='done']", timeout=WAIT_MS)

    assert float(page.get_attribute("#try-status", "data-seconds") or "0") > 0.5
    assert "web-audio" == page.get_attribute("#try-status", "data-played")
    assert "played" in (page.text_content("#try-status") or "")
