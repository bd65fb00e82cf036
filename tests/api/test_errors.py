"""An unexpected failure inside the service: Norwegian 500 JSON, no stack trace, the connection stays usable."""

from __future__ import annotations

import pytest

from tests.api.conftest import LiveServer, assert_error_json

pytestmark = pytest.mark.integration

SECRET = "kaboom in /srv/hemmelig/sti.py"


class BrokenService:
    """Answers health checks, fails everything else with an error a user must never see."""

    def ready(self) -> bool:
        return True

    def warm_up(self) -> None:
        pass

    def documents(self):
        return []

    def search(self, *args, **kwargs):
        raise RuntimeError(SECRET)

    def ask(self, *args, **kwargs):
        raise RuntimeError(SECRET)

    def document(self, doc_id):
        raise KeyError(SECRET)


@pytest.fixture
def broken(settings):
    from api.main import create_app

    with LiveServer(create_app(settings, service=BrokenService())) as server, server.client() as c:
        yield c


def test_unexpected_errors_are_generic_norwegian_json(broken):
    for r in (
        broken.get("/api/search", params={"q": "bolig"}),
        broken.post("/api/ask", json={"question": "Hva er startlån?"}),
        broken.post("/api/chat", json={"question": "Hva er startlån?"}),
        broken.post(
            "/v1/chat/completions", json={"messages": [{"role": "user", "content": "Hva er startlån?"}]}
        ),
        broken.get("/api/documents/noe"),
    ):
        detail = assert_error_json(r, 500)
        assert "Noe gikk galt" in detail
        assert "kaboom" not in r.text and "hemmelig" not in r.text
        # Same keep-alive connection: the next request is answered.
        assert broken.get("/healthz").status_code == 200


def test_chat_page_or_norwegian_404(broken):
    r = broken.get("/")
    if r.status_code == 200:  # the chat page is installed
        assert r.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in r.headers["content-security-policy"]
    else:
        assert "Chat-siden" in assert_error_json(r, 404)
