"""Streaming chat (SSE, server-side conversations) and the OpenAI-compatible endpoints with the official client."""

from __future__ import annotations

import openai
import pytest

from tests.api.conftest import assert_error_json, sse_events

pytestmark = pytest.mark.integration

LIST_QUESTION = "Hvilke tiltak har kommunene mot mangel på utleieboliger?"
GOALS_QUESTION = "Hva er hovedmålene for det boligsosiale arbeidet i Halden?"
LEGAL_QUESTION = "Hvem regnes som vanskeligstilt på boligmarkedet etter den nye boligsosiale loven?"


def chat(client, body: dict) -> list[tuple[str, dict]]:
    with client.stream("POST", "/api/chat", json=body) as r:
        assert r.status_code == 200, r.read()
        assert r.headers["content-type"].startswith("text/event-stream")
        return sse_events(r)


def test_chat_streams_pieces_then_citations_then_done(client):
    events = chat(client, {"question": LEGAL_QUESTION})
    names = [name for name, _ in events]
    assert names[0] == "start" and names[-2:] == ["citations", "done"]
    deltas = [d["text"] for name, d in events if name == "delta"]
    assert len(deltas) > 3 and set(names[1:-2]) == {"delta"}
    cid = events[0][1]["conversation_id"]
    assert cid and events[-1][1]["conversation_id"] == cid
    cites = events[-2][1]
    assert cites["abstained"] is False and cites["citations"] and cites["hits"]
    # The pieces join to the same answer /api/ask gives.
    ask = client.post("/api/ask", json={"question": LEGAL_QUESTION}).json()
    assert "".join(deltas) == ask["answer"]
    assert [c["chunk_id"] for c in cites["citations"]] == [c["chunk_id"] for c in ask["citations"]]


def test_chat_follow_up_uses_the_conversation(client):
    first = chat(client, {"question": GOALS_QUESTION})
    cid = first[0][1]["conversation_id"]
    follow = chat(client, {"question": "Og hva med Bodø?", "conversation_id": cid})
    assert follow[0][1]["conversation_id"] == cid
    data = follow[-2][1]
    assert not data["abstained"], "".join(d["text"] for n, d in follow if n == "delta")
    munis = [c["municipality"] for c in data["citations"]]
    assert "Bodø" in munis, munis
    # Bodø plus the topic of the first question: the answer is Bodø's goals, not just anything about «Bodø».
    answer = "".join(d["text"] for n, d in follow if n == "delta")
    assert "hovedmål" in answer.lower(), answer


def test_chat_unknown_conversation_and_bad_input(client):
    detail = assert_error_json(
        client.post("/api/chat", json={"question": "Og Bodø?", "conversation_id": "x1"}), 404
    )
    assert "samtale" in detail
    assert_error_json(client.post("/api/chat", json={"question": ""}), 422)


def test_chat_abstains_honestly(client):
    events = chat(client, {"question": "Hvor mange mål scoret Erling Haaland for Manchester City i 2023?"})
    assert events[-2][1]["abstained"] is True
    assert "fant ikke" in "".join(d["text"] for n, d in events if n == "delta").lower()


@pytest.fixture(scope="module")
def oai(live):
    with openai.OpenAI(base_url=f"{live.url}/v1", api_key="ikke-i-bruk", max_retries=0, timeout=120) as c:
        yield c


def test_openai_models(oai):
    models = oai.models.list()
    assert [m.id for m in models.data] == ["planprat"]


def test_openai_chat_completion_with_sources(oai):
    resp = oai.chat.completions.create(
        model="planprat",
        messages=[
            {"role": "system", "content": "Du er en hjelpsom assistent."},
            {"role": "user", "content": LEGAL_QUESTION},
        ],
    )
    msg = resp.choices[0].message
    assert msg.role == "assistant" and resp.choices[0].finish_reason == "stop"
    assert "[1]" in msg.content and "Kilder:" in msg.content
    extra = resp.model_extra or {}
    citations = extra["citations"]
    assert citations and {"n", "doc_title", "quote", "chunk_id"} <= citations[0].keys()
    assert citations[0]["doc_title"] in msg.content
    assert extra["planprat"]["abstained"] is False
    assert resp.usage.total_tokens > 0


def test_openai_streaming_with_sources(oai):
    stream = oai.chat.completions.create(
        model="planprat", messages=[{"role": "user", "content": LEGAL_QUESTION}], stream=True
    )
    parts, final = [], None
    for chunk in stream:
        assert chunk.object == "chat.completion.chunk"
        if chunk.choices and chunk.choices[0].delta.content:
            parts.append(chunk.choices[0].delta.content)
        if chunk.choices and chunk.choices[0].finish_reason == "stop":
            final = chunk
    text = "".join(parts)
    assert len(parts) > 3 and "[1]" in text and "Kilder:" in text
    assert final is not None and final.model_extra["citations"]
    assert final.model_extra["citations"][0]["doc_title"] in text


def test_openai_multi_turn_and_errors(oai):
    resp = oai.chat.completions.create(
        model="planprat",
        messages=[
            {"role": "user", "content": GOALS_QUESTION},
            {"role": "assistant", "content": "Halden har en visjon og tre hovedmål."},
            {"role": "user", "content": [{"type": "text", "text": "Og hva med Bodø?"}]},
        ],
    )
    assert "Bodø" in [c["municipality"] for c in resp.model_extra["citations"]]
    with pytest.raises(openai.UnprocessableEntityError) as err:
        oai.chat.completions.create(model="planprat", messages=[{"role": "assistant", "content": "Hei"}])
    assert "brukeren" in err.value.response.json()["detail"]
