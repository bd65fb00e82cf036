"""A real uvicorn server on 127.0.0.1 (free port, background thread) and httpx clients against it."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

API_KEY = "test-api-key-7f3a"
READ_KEY = "test-read-key-91c2"


class LiveServer:
    """uvicorn serving `app` in a daemon thread on a socket bound to a free loopback port."""

    def __init__(self, app):
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=2)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, name=f"uvicorn-{self.port}", daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {self.url}")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.sock.close()

    def client(self, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120, **kw)


def serve(app) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server


def wait_ready(client: httpx.Client, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while client.get("/readyz").status_code != 200:
        if time.monotonic() > deadline:
            raise RuntimeError("server never became ready")
        time.sleep(0.1)


def assert_error_json(r: httpx.Response, status: int) -> str:
    """The response is `status` with {"detail": Norwegian text}, and no stack trace anywhere."""
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/json"), r.headers
    body = r.json()
    assert isinstance(body.get("detail"), str) and body["detail"].strip(), body
    assert "Traceback" not in r.text and 'File "' not in r.text, r.text
    return body["detail"]


def sse_events(r: httpx.Response) -> list[tuple[str, dict]]:
    """(event, data) pairs of a server-sent-event stream."""
    events: list[tuple[str, dict]] = []
    name, data = "message", []
    for line in r.iter_lines():
        if line == "":
            if data:
                events.append((name, json.loads("\n".join(data))))
            name, data = "message", []
        elif line.startswith(":"):
            continue  # ping comments
        elif line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip(" "))
    if data:
        events.append((name, json.loads("\n".join(data))))
    return events


if os.environ.get("PLANPRAT_TEST_INDEX"):

    @pytest.fixture(scope="session")
    def corpus_settings(e5_model_dir):
        """Local iteration only: PLANPRAT_TEST_INDEX=<data dir of `planprat ingest corpus/`> skips the ingest.

        The API tests only read it. Unset (CI), the session fixture of tests/conftest.py ingests the corpus.
        """
        from planprat.settings import Settings

        data = Path(os.environ["PLANPRAT_TEST_INDEX"]).resolve()
        return Settings(
            data_dir=data, corpus_dir=Path(__file__).resolve().parents[2] / "corpus", chroma_url=None
        )


@pytest.fixture(scope="session")
def read_settings(corpus_settings):
    """The shared corpus index; no API key (writes refused), reading open."""
    return corpus_settings.model_copy(update={"api_key": None, "read_key": None})


@pytest.fixture(scope="session")
def live(read_settings, corpus_service) -> Iterator[LiveServer]:
    """A live server over the shared, read-only corpus index."""
    from api.main import create_app

    yield from serve(create_app(read_settings, service=corpus_service))


@pytest.fixture(scope="session")
def client(live) -> Iterator[httpx.Client]:
    with live.client() as c:
        wait_ready(c)
        yield c


@pytest.fixture(scope="module")
def write_settings(tmp_path_factory, e5_model_dir):
    """A small index of its own (the shared one is never changed), with an API key and a 0.25 MB upload limit."""
    from planprat.settings import Settings

    base: Path = tmp_path_factory.mktemp("api-write")
    s = Settings(
        data_dir=base / "data",
        corpus_dir=base / "corpus",
        chroma_url=None,
        api_key=API_KEY,
        read_key=None,
        max_upload_mb=0.25,
    )
    s.models_dir.mkdir(parents=True, exist_ok=True)
    (s.models_dir / e5_model_dir.name).symlink_to(e5_model_dir, target_is_directory=True)
    return s
