"""The chat page in real headless Chromium against a live server over the shipped corpus."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import CHROMIUM, shot

if not CHROMIUM.exists():
    pytest.skip(
        "Debian's Chromium is missing at /usr/bin/chromium: install it with «apt-get install chromium»",
        allow_module_level=True,
    )
pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.browser

ANSWERABLE = "Hvem regnes som vanskeligstilt på boligmarkedet etter den nye boligsosiale loven?"
UNANSWERABLE = "Hvor mange mål scoret Erling Haaland for Manchester City i Champions League i 2023?"
INJECTION = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'

# Records every length the last answer's text had while it streamed in.
WATCH_STREAM = """() => {
  window.__lengths = [];
  const thread = document.querySelector('#thread');
  new MutationObserver(() => {
    const texts = thread.querySelectorAll('.answer-text');
    const last = texts[texts.length - 1];
    if (last) window.__lengths.push(last.textContent.length);
  }).observe(thread, {childList: true, subtree: true, characterData: true});
}"""


def ask(page, question: str):
    """Type the question, send it with Enter, wait until the answer is complete; the last turn's locator."""
    turns = page.locator("#thread > li")
    before = turns.count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    turn = turns.nth(before)
    turn.locator(".answer:not(.streaming)").wait_for()
    return turn


def municipalities(items) -> list[str]:
    return [items.nth(i).get_attribute("data-municipality") for i in range(items.count())]


def sources_of(turn) -> list[str]:
    """The municipality of each cited source ("" for a law); none for an abstained answer."""
    return municipalities(turn.locator(".sources-box .source-item"))


def test_answer_streams_in_with_citations_and_sources(page):
    page.evaluate(WATCH_STREAM)
    turn = ask(page, ANSWERABLE)
    lengths = page.evaluate("window.__lengths")
    growing = sorted(set(lengths))
    assert len(growing) >= 3, f"the answer did not stream in pieces: {lengths}"
    assert not turn.locator(".answer.abstained").count()
    assert turn.locator(".question-text").inner_text() == ANSWERABLE
    markers = turn.locator(".answer-text button.marker")
    assert markers.count() >= 1
    assert turn.locator(".sources li").count() >= 1
    assert page.locator(".answer-text").get_attribute("aria-live") == "polite"
    assert page.locator(".answer-text").get_attribute("aria-busy") == "false"
    shot(page, "01-answer")

    # By keyboard: focus a marker, Enter opens the source panel, Esc closes it and focus goes back.
    first = markers.first
    first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#source")
    dialog.locator("mark").first.wait_for()
    assert dialog.locator("#source-title").inner_text().strip()
    marked = " ".join(dialog.locator("mark").all_inner_texts())
    quote = turn.locator(".sources .source-quote").first.inner_text().strip("«»… ")
    assert marked.split()[0] in quote, (marked, quote)
    assert dialog.locator(".passage.cited").count() == 1
    assert dialog.locator("#source-meta").inner_text().strip()
    shot(page, "02-source-panel", full_page=False)
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('marker')")

    # «Kopier svar» puts the answer and its numbered sources on the clipboard.
    turn.get_by_role("button", name="Kopier svar").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Kilder:" in copied and "[1]" in copied and ANSWERABLE in copied


def test_filter_and_follow_up_stay_in_the_conversation(page):
    bodies: list[dict] = []
    page.on(
        "request", lambda r: bodies.append(json.loads(r.post_data)) if r.url.endswith("/api/chat") else None
    )
    page.select_option("#f-municipality", "Bodø")
    turn = ask(page, "Hvilke tiltak har kommunen for bostedsløse?")
    where = sources_of(turn) or municipalities(turn.locator(".maybe .source-item"))  # cited, or «kanskje»
    assert where and set(where) == {"Bodø"}, where
    assert "Bodø" in turn.locator(".question-filters").inner_text()
    assert bodies[-1]["filters"]["municipality"] == ["Bodø"]

    # A new conversation without the filter: the follow-up borrows the topic and swaps the municipality.
    page.click("#f-clear")
    page.get_by_role("button", name="Ny samtale").click()
    ask(page, "Hvilke tiltak har Tromsø mot bostedsløshet?")
    follow = ask(page, "Og hva gjør Bodø?")
    assert "conversation_id" not in bodies[-2]
    assert bodies[-1].get("conversation_id"), bodies[-1]
    assert not bodies[-1]["filters"]["municipality"]
    assert "abstained" not in (follow.locator(".answer").get_attribute("class") or "")
    where = sources_of(follow)
    assert "Bodø" in where, where
    assert page.locator("#thread > li").count() == 2
    shot(page, "03-follow-up")

    # «Ny samtale» empties the page; the old conversation is in the history list and can be reopened.
    page.get_by_role("button", name="Ny samtale").click()
    assert page.locator("#thread > li").count() == 0
    assert page.locator("#welcome").is_visible()
    history = page.locator("#history .history-item")
    assert history.count() >= 1
    history.first.click()
    assert page.locator("#thread > li").count() == 2
    page.reload()  # the history survives a reload (kept in the browser)
    page.wait_for_selector("body[data-ready]")
    assert page.locator("#history .history-item").count() >= 1


def test_keyboard_moves_between_modes_and_shift_enter_adds_a_line(page):
    page.focus("#question")
    page.keyboard.type("første linje")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("andre linje")
    assert page.input_value("#question") == "første linje\nandre linje"
    assert page.locator("#thread > li").count() == 0  # Shift+Enter did not send
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus ring

    page.focus("#tab-ask")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "tab-draft"
    assert page.locator("#panel-draft").is_visible() and page.locator("#panel-ask").is_hidden()
    page.keyboard.press("End")
    assert page.get_by_role("tab", name="Sjekk lovhenvisninger").get_attribute("aria-selected") == "true"
    page.keyboard.press("Home")
    assert page.locator("#panel-ask").is_visible()
    shot(page, "00-start", full_page=False)


SPLIT_READS = """async () => {
  // sse_starlette's framing (\\r\\n), a ping comment, UTF-8: read 1, 2, 3 … bytes at a time.
  const payload = 'event: start\\r\\ndata: {"conversation_id": "c1"}\\r\\n\\r\\n: ping\\r\\n\\r\\n'
    + 'event: delta\\r\\ndata: {"text": "Bodø får svar [1]"}\\r\\n\\r\\nevent: done\\r\\ndata: {}\\r\\n\\r\\n';
  const bytes = new TextEncoder().encode(payload);
  const results = [];
  for (const step of [1, 2, 3, 5, 64]) {
    let at = 0;
    const read = async () => {
      if (at >= bytes.length) return { done: true };
      const value = bytes.slice(at, at + step);
      at += step;
      return { value, done: false };
    };
    const got = [];
    await window.PlanpratSSE.readEvents({ body: { getReader: () => ({ read }) } }, (n, d) => got.push([n, JSON.parse(d)]));
    results.push(got);
  }
  return results;
}"""


def test_stream_parser_survives_any_split_of_the_bytes(page):
    expected = [["start", {"conversation_id": "c1"}], ["delta", {"text": "Bodø får svar [1]"}], ["done", {}]]
    for got in page.evaluate(SPLIT_READS):
        assert got == expected


def test_unanswerable_question_shows_fant_ikke(page):
    turn = ask(page, UNANSWERABLE)
    answer = turn.locator(".answer")
    assert "abstained" in (answer.get_attribute("class") or "")
    assert "Fant ikke" in answer.locator(".abstain-badge").inner_text()
    assert not turn.locator(".answer-text button.marker").count()
    assert not turn.locator(".sources-box").count()  # no «Kilder» for an answer that has none
    shot(page, "04-fant-ikke")


def test_text_from_documents_and_users_is_never_markup(page):
    # A question with HTML is echoed as text.
    turn = ask(page, f"Hva betyr {INJECTION} i en plan?")
    assert INJECTION in turn.locator(".question-text").inner_text()
    # Pasted plan text (as a document would give it) with HTML and a law reference, through check-refs.
    page.get_by_role("tab", name="Sjekk lovhenvisninger").click()
    page.fill(
        "#refs-text", f"Kommunen {INJECTION} skal følge opp etter sosialtjenesteloven § 15 i planperioden."
    )
    page.fill("#refs-year", "2015")
    page.click("#refs-form button[type=submit]")
    page.locator("#refs-out .refs, #refs-out .error").first.wait_for()
    out = page.locator("#refs-out")
    assert "sosialtjenesteloven § 15" in out.inner_text()
    assert "<img src=x" in out.inner_text()
    assert page.locator("#main img, #main script").count() == 0
    assert page.evaluate("window.__pwned") is None
    shot(page, "05-check-refs")

    # A plan file of one's own, uploaded for checking (not stored): whatever survives of its HTML stays text.
    plan = f"Boligplan for Eksempelby\n\nTiltak {INJECTION} etter helse- og omsorgstjenesteloven § 3-7.\n"
    page.set_input_files(
        "#refs-file", {"name": "plan.txt", "mimeType": "text/plain", "buffer": plan.encode()}
    )
    page.click("#refs-form button[type=submit]")
    page.locator("#refs-out .refs-head h3", has_text="plan.txt").wait_for()
    assert "§ 3-7" in page.locator("#refs-out .refs").inner_text()
    assert page.locator("#main img, #main script").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_phone_width_has_no_horizontal_scroll(phone):
    assert phone.locator("#side").is_hidden()  # filters fold away behind a button
    turn = ask(phone, ANSWERABLE)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    shot(phone, "06-phone-answer")
    turn.locator(".answer-text button.marker").first.click()
    phone.locator("#source mark").first.wait_for()
    box = phone.locator("#source").bounding_box()
    assert box and box["width"] <= 375
    shot(phone, "07-phone-source", full_page=False)
    phone.keyboard.press("Escape")
    phone.get_by_role("button", name="Filtre og samtaler").click()
    assert phone.locator("#f-municipality").is_visible()
    phone.select_option("#f-municipality", "Bodø")
    assert phone.locator("#filter-count").inner_text() == "1"  # seen on the button when the filters fold away
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_draft_mode_shows_an_outline_with_citations(page):
    page.get_by_role("tab", name="Lag utkast").click()
    page.fill("#draft-topic", "bo-oppfølging")
    page.click("#draft-form button[type=submit]")
    page.locator("#draft-out .draft, #draft-out .error").first.wait_for()
    sections = page.locator("#draft-out .outline-section")
    assert sections.count() >= 3, page.locator("#draft-out").inner_text()
    assert page.locator("#draft-out .excerpt button.marker").count() >= 2
    assert page.get_by_role("button", name="Last ned Word (DOCX)").is_visible()
    shot(page, "08-draft")
    with page.expect_download() as info:
        page.get_by_role("button", name="Last ned Markdown").click()
    assert info.value.suggested_filename.endswith(".md")
    page.locator("#draft-out .excerpt button.marker").first.click()
    page.locator("#source .passage.cited").wait_for()
    page.keyboard.press("Escape")


def test_compare_mode_shows_a_table(phone):
    phone.get_by_role("tab", name="Sammenlign kommuner").click()
    phone.click("#compare-form button[type=submit]")  # the headline question is filled in
    phone.locator("#compare-out table, #compare-out .abstained, #compare-out .error").first.wait_for()
    rows = phone.locator("#compare-out tbody tr")
    assert rows.count() >= 2, phone.locator("#compare-out").inner_text()
    munis = set(phone.locator("#compare-out tbody th").all_inner_texts())
    assert len(munis) >= 2, munis
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    shot(phone, "09-phone-compare")


def test_each_municipality_of_a_list_answer_is_shown_as_a_heading(page):
    turn = ask(page, "Hvilke tiltak har kommunene mot mangel på utleieboliger?")
    heads = turn.locator(".answer-text .line-head").all_inner_texts()
    # Indre Østfold's document has a long title: its group label is still a heading, not a line of text
    assert any(h.startswith("Indre Østfold –") and h.rstrip().endswith(":") for h in heads), heads
    # the quoted measures under it are not headings
    assert all("[" not in h and not h.startswith("•") for h in heads)
