"""Plain text and Markdown: # headings, numbered headings («1.», «2.3»), ALL-CAPS short lines, «- » list items,
Markdown tables («| a | b |» over «|---|---|»)."""

from __future__ import annotations

import re

from ingest.clean import clean_inline, clean_text
from planprat.models import Block

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+([A-ZÆØÅÉÈÓÒÄÖÜ«\"].*)$")
# «§ 3 Boligtyper», «§ 12 Klage»: a paragraph's heading in a municipality's guidelines (short, no sentence)
_OWN_PARAGRAPH = re.compile(r"^§\s?\d{1,3}(?:\s?[a-h])?\.?\s+[A-ZÆØÅ][^.:;!?()]{0,60}$")
_LIST = re.compile(r"^(?:[-*•–▪◦]\s+|\(?[a-zæøå]\)\s+|\d{1,2}\)\s+)")
# «1. Etabler …», and the labelled points of a case document: «Alternativ 2: Etablere eit eige team …» (the
# number in group 1 or 2)
_NUMBERED_ITEM = re.compile(
    r"^(?:(\d{1,2})\.|(?:Alternativ|Tiltak|Delmål|Mål|Steg|Fase|Forslag|Punkt|Innsatsområde)\s+(\d{1,2})\s*:)\s+\S"
)


def _item_number(m: re.Match[str]) -> int:
    return int(m.group(1) or m.group(2))


# a line underlined with «=====» or «-----» (a Markdown heading), and a line of such marks alone (a rule)
_SETEXT = re.compile(r"(?:\A|(?<=\n\n))([^\W_][^\n]{0,80}[^.,;:!?\s])\n(={3,}|-{3,})[ \t]*$", re.M)
_RULE = re.compile(r"^[ \t]*(?:[-=_*~#][ \t]?){3,}$", re.M)
_END_PUNCT = (".", ",", ";", ":", "!", "?", ")", "»")
_VALUE_WORDS = {"ingen", "ja", "nei", "ikke relevant", "vedlegg:"}
# Web-page footer: a line with two or more contact/publishing labels («Post: … Besøksadresse: …»).
_FOOTER_LABEL = re.compile(
    r"\b(Publisert|Sist endret|Post|Besøksadresse|Tlf|Telefon|Faks|E-post|Åpningstid|Org\.? ?nr\.?)\s*:", re.I
)
_HTML_TAG = re.compile(
    r"</?(?:ul|ol|li|p|br|div|span|b|i|u|strong|em|font|table|tr|td|th|sup|sub)\b[^>]*>", re.I
)
_MD_EMPHASIS = re.compile(
    r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"
)

# «[Evaluering av Bustad først](https://…)» → «Evaluering av Bustad først»; an image «![Foto](a.jpg)» → nothing
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+\"[^\"]*\")?\)")
_MD_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)  # «> «Det var første gongen …»», «> > …»


def is_furniture(line: str) -> bool:
    """Site navigation or footer lines copied along with a web page («Gå til innhold», «Tlf: … E-post: …»)."""
    from ingest.html import is_boilerplate

    s = line.strip()
    if is_boilerplate(s) or re.match(r"^Gå til innhold\b", s, re.I):
        return True
    return len(_FOOTER_LABEL.findall(s)) >= 2


def _is_caps_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return 3 <= len(letters) and len(line) <= 70 and all(c.isupper() for c in letters)


# a day, month and year: a line that holds one says when something was done, it names no section
_FULL_DATE = re.compile(
    r"\b\d{1,2}\.\s?(?:jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)[a-zæøå]*\.?\s+\d{4}\b"
    r"|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b",
    re.I,
)
# … unless the date follows a dash after the name of a meeting: «Handsaming i Formannskapet – 11.03.2025»
_DATED_HEAD = re.compile(rf"^[^\W\d_][^.,;:]{{3,50}}\s[–-]\s(?:{_FULL_DATE.pattern})$", re.I)


def heading_level(line: str, standalone: bool) -> int:
    """Heading level 1..6 for a heading-like line, 0 for body text. `standalone`: the line is its own paragraph."""
    s = line.strip()
    m = _MD_HEADING.match(s)
    if m:
        return len(m.group(1))
    if len(s) > 90 or not s:
        return 0
    m = _NUMBERED.match(s)
    if m and len(s.split()) <= 12 and not s.endswith((".", ",", ";")):
        return min(6, m.group(1).count(".") + 2)  # level 1 is the document title
    if _OWN_PARAGRAPH.match(s):  # a local regulation's own «§ 3 Boligtyper» over its «(1) …»
        return 2
    if _is_caps_heading(s) and len(s.split()) <= 10:
        return 2
    if (
        standalone
        and s.lower() not in _VALUE_WORDS
        # «Vedtatt av kommunestyret 12. desember 2024, sak PS 112/24»; a meeting dated after a dash heads its
        # part of the minutes («Handsaming i Formannskapet – 11.03.2025»)
        and (not _FULL_DATE.search(s) or _DATED_HEAD.match(s))
        and len(s) <= 60
        and len(s.split()) <= 9
        and s[0].isupper()
        and not s.endswith(_END_PUNCT)
        and not _LIST.match(s)
    ):
        return 3
    return 0


_ENDED = re.compile(r"[.!?:;»\")]\s*$")
_ITEM_WRAP = 3  # lines a numbered point may wrap onto


def _numbered_list(lines: list[str]) -> dict[int, str]:
    """A numbered list whose points wrap, as a PDF prints one: «1. Gjennomsnittlig ventetid … under 5
    måneder» / «innen utgangen av 2027.» / «2. Ingen barnefamilier …». {line index: the point's whole text}
    for a point's first line, {index: ""} for the lines it wrapped onto. A point holds the lines up to the
    next number (the last point: up to the end of its sentence) and ends a sentence; two or more points
    numbered one after the other make a list. «6. Tiltak» over «Tiltakene er …» is a heading, not a point."""
    out: dict[int, str] = {}
    i = 0
    while i < len(lines):
        start, points, number = i, [], None
        while i < len(lines):
            m = _NUMBERED_ITEM.match(lines[i].strip())
            if not m or (number is not None and _item_number(m) != number + 1):
                break
            n = _item_number(m)
            nxt = next(
                (j for j in range(i + 1, min(len(lines), i + 2 + _ITEM_WRAP)) if _numbered(lines[j], n + 1)),
                None,
            )
            end = nxt if nxt is not None else i + 1
            if nxt is None:  # the last point: the lines it wrapped onto, up to the end of its sentence
                while (
                    end < len(lines)
                    and end - i <= _ITEM_WRAP
                    and not _SENTENCE_DONE.search(lines[end - 1].strip())
                    and _wraps_onto(lines[end - 1], lines[end])
                ):
                    end += 1
            text = " ".join(ln.strip() for ln in lines[i:end])
            # (a short line over one in upper case is a heading over its text: «6. Tiltak» / «Tiltakene …»)
            if not _SENTENCE_DONE.search(text) or (end > i + 1 and not _wraps_onto(lines[i], lines[i + 1])):
                break
            points.append((i, end, text))
            number, i = n, end
        if len(points) >= 2:
            for a, b, text in points:
                out[a] = text
                out.update({k: "" for k in range(a + 1, b)})
        else:
            i = start + 1
    return out


WRAPPED_LEN = 60  # a line this long that stops mid-sentence was wrapped, whatever the next line opens with


def _wraps_onto(line: str, nxt: str) -> bool:
    """Whether `nxt` goes on from `line`: it opens in lower case or with a figure, or `line` was full."""
    first = nxt.strip()[:1]
    return first.islower() or first.isdigit() or len(line.strip()) >= WRAPPED_LEN


def _numbered(line: str, n: int) -> bool:
    m = _NUMBERED_ITEM.match(line.strip())
    return bool(m) and _item_number(m) == n


_SENTENCE_DONE = re.compile(r"[.!?;]\s*$")


_MD_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")  # «|---|:---:|»


def _markdown_table(lines: list[str]) -> list[str] | None:
    """A Markdown table's rows as «cell | cell | cell» (the header row first, the rule under it left
    out), or None when the paragraph is no table."""
    if len(lines) < 3 or not _MD_RULE.match(lines[1]) or not all(_MD_ROW.match(ln) for ln in lines):
        return None
    rows = []
    for i, line in enumerate(lines):
        if i == 1:
            continue
        cells = [clean_inline(c.strip()) for c in line.strip().strip("|").split("|")]
        if any(cells):
            rows.append(" | ".join(c for c in cells if c))
    return rows


FULL_SHARE = 0.9  # of a full line's length: a line that the next line's first word would fill wrapped


def _full_line(lines: list[str]) -> int:
    """The length of a full line of the page: most of its lines of 20 characters or more are no longer."""
    lengths = sorted(len(ln) for ln in lines if len(ln) >= 20)
    return lengths[int(0.8 * (len(lengths) - 1))] if len(lengths) >= 5 else 10**6


HEADING_SHARE = 0.75  # the same for a heading, set in larger letters


# a line that opens with a figure and goes on in lower case continues a sentence: «Sandvær kommune startet 1.
# februar» / «2025 prosjektet «Egen nøkkel først».»
_GOES_ON = re.compile(r"\d[\d.,]*\s+[a-zæøå«(]")


def _headline(para: list[str], n_lines: int) -> int:
    """The heading level of a PDF paragraph of its own (parted by blank lines) that is a headline: one or two
    lines that read as a heading standing alone; 0 for any other paragraph."""
    text = " ".join(para).strip()
    if not 0 < len(para) == n_lines <= 2 or CAPTION.match(text):
        return 0  # («Tabell 3. Søknader …» names the table under it, as before)
    return heading_level(text, standalone=True)


CAPTION = re.compile(r"(?:tabell|figur|tab\.|fig\.)\s*\d", re.I)


def _wrapped(line: str, nxt: str, full: int, share: float = FULL_SHARE) -> bool:
    """Whether `line` ends where it does only because the next line's first word did not fit: it runs on
    (in a narrow column: «Boligene i Tangen borettslag og på» / «Skarvebakken (til sammen 32 …»)."""
    first = nxt.split()[0] if nxt.split() else ""
    return len(line) + 1 + len(first) >= share * full


def parse_text(text: str, page: int | None = None, line_mode: bool = False) -> list[Block]:
    """Blocks from plain text. Paragraphs are separated by blank lines; with `line_mode` (PDF) every
    line is a visual line and consecutive body lines are joined into one paragraph."""
    text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), _HTML_TAG.sub(" ", clean_text(text)))
    if not line_mode:
        # Markdown's inline links read as their text, its block quotes as the quoted text
        text = _MD_QUOTE.sub("", _MD_LINK.sub(lambda m: "" if m.group(0)[0] == "!" else m.group(1), text))
        text = _SETEXT.sub(lambda m: f"\n\n{'#' if m.group(2)[0] == '=' else '##'} {m.group(1)}\n\n", text)
        text = _RULE.sub("\n", text)  # «-----» between parts: a blank line, no text
    lines_all = [ln.strip() for ln in text.split("\n") if ln.strip()]
    text = "\n".join("" if is_furniture(ln) else ln for ln in text.split("\n"))
    # Lines that recur (a logo «INDRE ØSTFOLD», «KOMMUNE» on every slide) are not headings.
    seen: dict[str, int] = {}
    for ln in lines_all:
        seen[ln] = seen.get(ln, 0) + 1
    recurring = {ln for ln, n in seen.items() if n >= 3}
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            t = clean_inline(" ".join(para))
            if t:
                blocks.append(Block("text", t, page=page))
            para.clear()

    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    # a line that wrapped is no heading (in a narrow column: «Kommunestyret vedtok i planstrategien for» /
    # «2024–2027 at den …»), and a heading that wrapped goes on («1.2 Forholdet til lovverk og andre» /
    # «planer»)
    full = _full_line(lines_all) if line_mode else 10**6
    for p in paragraphs:
        lines = [ln for ln in p.split("\n") if ln.strip()]
        rows = _markdown_table(lines) if not line_mode else None
        if rows is not None:  # «| Husstandens størrelse | Inntektsgrense … |»: rows as a Word table's
            flush()
            blocks.extend(Block("table_row", row, page=page) for row in rows)
            continue
        if len(lines) >= 2 and all(_NUMBERED_ITEM.match(ln.strip()) for ln in lines):
            # «1. Etabler én felles inngang … 2. Innfør …»: a numbered list, one point a line
            flush()
            blocks.extend(Block("list_item", clean_inline(ln.strip()), page=page) for ln in lines)
            continue
        items = _numbered_list(lines)
        joined: set[int] = set()  # the second lines of headings that wrapped
        for i, line in enumerate(lines):
            if i in joined:
                continue
            if i in items:
                if items[i]:
                    flush()
                    blocks.append(Block("list_item", clean_inline(items[i]), page=page))
                continue
            s = line.strip()
            prev_ended = not para or para[-1].rstrip().endswith((".", ":", "!", "?"))
            standalone = (
                len(lines) == 1
                if not line_mode
                else (
                    prev_ended
                    and (
                        i + 1 == len(lines)
                        or not (
                            lines[i + 1][:1].islower()
                            or _GOES_ON.match(lines[i + 1])
                            or _wrapped(s, lines[i + 1], full)
                        )
                    )
                )
            )
            # (in a PDF, a line that goes on from a full one is no heading, whatever it opens with: «…
            # disponerer 176 bustader, sjå tabell» / «1. Omsorgsbustadene ligg i hovudsak …»)
            runs_on = line_mode and bool(para) and not _ENDED.search(para[-1]) and _wrapped(para[-1], s, full)
            lvl = 0 if s in recurring or runs_on else heading_level(s, standalone)
            nxt_line = lines[i + 1].strip() if line_mode and i + 1 < len(lines) else ""
            if lvl and nxt_line[:1].islower() and nxt_line.endswith((".", "!", "?")) and not _ENDED.search(s):
                # a numbered point that wraps onto a line ending its sentence is no heading: «5 Kommunen skal
                # bruke egne tomter … for å styre» / «boligsammensetningen.»
                lvl = 0
            if lvl:
                flush()
                t = _MD_HEADING.match(s)
                head = t.group(2) if t else s
                rest = nxt_line
                if (
                    rest[:1].islower()
                    and len(rest) <= 30
                    and not _ENDED.search(rest)
                    and _wrapped(s, rest, full, HEADING_SHARE)
                ):
                    head = f"{head} {rest}"
                    joined.add(i + 1)
                elif head.endswith(("–", "-")) and head[-2:-1].isdigit() and re.fullmatch(r"\d{2,4}", rest):
                    head = f"{head}{rest}"  # «Boligsosial handlingsplan 2025–» / «2028»
                    joined.add(i + 1)
                blocks.append(Block("heading", clean_inline(head), level=lvl, page=page))
            elif _LIST.match(s):
                flush()
                blocks.append(Block("list_item", clean_inline(s), page=page))
            elif (
                blocks
                and blocks[-1].kind == "list_item"
                and not para
                and (line_mode or i > 0)
                and (s[:1].islower() or (line_mode and i > 0 and not _ENDED.search(blocks[-1].text)))
            ):
                # a wrapped list item continues on the next line (in a PDF also with a capital or a figure,
                # when the item stopped mid-sentence: «… innen utgangen av» / «2026 og erstatte …»; not after
                # a blank line, which ends the list: «… i minst ett år» / «» / «Det gis som hovedregel …»)
                last = blocks.pop()
                blocks.append(Block("list_item", clean_inline(last.text + " " + s), page=page))
            else:
                para.append(s)
                if not line_mode and i + 1 < len(lines) and _LIST.match(lines[i + 1].strip()):
                    flush()
        headline = _headline(para, len(lines)) if line_mode else 0
        if headline:
            # a paragraph of a line or two that ends in no stop, over another: a newsletter's headline
            # («Startlån: Rekordmange fikk» / «kjøpe egen bolig i 2024» over «Publisert …» and its article)
            blocks.append(Block("heading", clean_inline(" ".join(para)), level=headline, page=page))
            para.clear()
        flush()  # (in a PDF too: a blank line parts paragraphs there, pypdf's own or one left by a running line)
    flush()
    if blocks and page in (None, 1) and not line_mode:
        b = blocks[0]
        titleish = b.kind == "text" and len(b.text) <= 120 and not b.text.endswith(_END_PUNCT[:-2])
        if b.kind == "heading" or titleish:
            blocks[0] = Block("heading", b.text, level=1, page=b.page)  # the document's title
    elif blocks and blocks[0].kind == "heading" and page == 1:
        blocks[0] = Block("heading", blocks[0].text, level=1, page=1)
    return blocks
