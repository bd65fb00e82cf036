"""A live Planprat server over the shared corpus index, and Debian's Chromium driven by Playwright (sync API)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-output" / "browser"
# Never a downloaded browser: Debian's Chromium, headless, with nothing that phones home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


class LiveServer:
    """uvicorn serving `app` in a daemon thread on a free loopback port."""

    def __init__(self, app):
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, name="uvicorn-browser", daemon=True
        )

    def __enter__(self) -> LiveServer:
        import httpx

        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {self.url}")
            time.sleep(0.02)
        # Ready means the index is loaded and the model warm: the first question is then as fast as the rest.
        while httpx.get(f"{self.url}/readyz", timeout=30).status_code != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("server never became ready")
            time.sleep(0.1)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.sock.close()


@pytest.fixture(scope="session")
def page_server(corpus_settings, corpus_service) -> Iterator[LiveServer]:
    """The app over the shared, read-only corpus index (no API key, reading open)."""
    from api.main import create_app

    settings = corpus_settings.model_copy(update={"api_key": None, "read_key": None})
    with LiveServer(create_app(settings, service=corpus_service)) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageProblems:
    """JavaScript errors and CSP violations seen by a page; a test fails if there are any."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("console", self._console)

    def _console(self, msg) -> None:
        text = msg.text
        if msg.type == "error" and "Failed to load resource" not in text:
            self.errors.append(f"console: {text}")
        elif "Content Security Policy" in text:
            self.errors.append(f"csp: {text}")


def _new_page(browser, page_server, viewport):
    context = browser.new_context(viewport=viewport, locale="nb-NO", base_url=page_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page_server.url)
    context.set_default_timeout(60_000)
    page = context.new_page()
    problems = PageProblems(page)
    page.goto("/")
    page.wait_for_selector("body[data-ready]")
    return context, page, problems


@pytest.fixture
def page(browser, page_server):
    context, page, problems = _new_page(browser, page_server, DESKTOP)
    yield page
    context.close()
    assert not problems.errors, problems.errors


@pytest.fixture
def phone(browser, page_server):
    context, page, problems = _new_page(browser, page_server, PHONE)
    yield page
    context.close()
    assert not problems.errors, problems.errors


def shot(page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot under test-output/browser/ (look at them after a change to the page)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
