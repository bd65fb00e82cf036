"""Tables in PDF pages, row by row.

pypdf's plain text gives a table one cell per line («Kjøp av 30 brukte leiligheter til utleie»,
«Eiendomsforvaltningen», «2024–2029», «96 mill. kr» …), and the cleaner then runs the cells of every row
into one paragraph. Its layout mode keeps each row on a line with the columns apart:

    Kjøp av 30 brukte leiligheter til utleie      Eiendomsforvaltningen      2024–2029      96 mill. kr
                                                                                            (startlån/tilskudd

`table_blocks` finds such a run of lines and gives each row as «cell | cell | cell», the form a Word table
takes (ingest.docx), with a cell's wrapped lines joined; the rest of the page stays text. Pure functions over
the page's layout text; the PDF loader decides when to ask for it (`looks_tabular`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ingest.text import CAPTION

_SEGMENT = re.compile(r"\S+(?: {1,2}\S+)*")  # text with at most two spaces inside: one cell of a row
MIN_ROWS = 3  # lines with two or more cells before a run counts as a table
MAX_GAP = 2  # blank lines a table may hold between its rows
TEXT_LINE = 60  # a line at the left margin this long is the text after the table, not a group row
COLUMN_SLACK = 2  # characters a cell may start left of its column


def looks_tabular(plain: str, width: int = 50) -> bool:
    """Whether pypdf's plain text of a page has runs of short lines, as a table's cells come out: one run of
    six, or three runs of three (cells that wrap break the runs)."""
    runs: list[int] = []
    n = 0
    for line in [*plain.splitlines(), ""]:
        s = line.strip()
        if s and len(s) <= width and not s.endswith("."):
            n += 1
            continue
        if n:
            runs.append(n)
        n = 0
    return any(r >= 6 for r in runs) or sum(r >= 3 for r in runs) >= 3


def _cells(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _SEGMENT.finditer(line.rstrip())]


def table_blocks(
    layout: str, furniture: Callable[[str], bool] = lambda s: False, plain: str = ""
) -> list[tuple[str, str]] | None:
    """The page as [("text", paragraph text) | ("row", "a | b | c")], or None when it holds no table. Text
    in two columns (which looks like a table) is read from the plain text, where the columns come one after
    the other. `furniture`: running headers and page numbers to drop;
    `plain`: the page's plain text, which has the words of its text lines whole (see `_text_line`)."""
    lines = [ln for ln in layout.splitlines() if not (ln.strip() and furniture(ln.strip()))]
    # a running header set on one line with the page's other header («Plan 2024–2035     Ringsaker kommune»)
    cells = [[(x, t) for x, t in _cells(ln) if not furniture(t)] for ln in lines]
    filled = [c for c in cells if c]
    if not filled:
        return None
    margin = min(c[0][0] for c in filled)
    plain_lines = [ln.strip() for ln in plain.splitlines() if ln.strip()]
    # text in two columns, or justified: the gaps between its words make «cells» (see `_prose`)
    prose = _prose(cells, {_squeezed(ln) for ln in plain_lines}, margin)
    wide = [c for c in filled if len(c) >= 2]
    # the plain text has the columns one after the other (its blank lines kept: they part paragraphs)
    in_columns = [
        ("text", re.sub(r"\n\s*\n\s*", "\n\n", "\n".join(ln.strip() for ln in plain.splitlines()).strip()))
    ]
    # text set in two columns: nearly every line has two cells
    if len(filled) > 15 and len(wide) >= 0.7 * len(filled) and all(len(c) == 2 for c in wide):
        return in_columns
    tables: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        end = None if prose[i] else _table_end(cells, i, margin, prose)
        if end is None:
            i += 1
            continue
        tables.append((_header_start(cells, i, tables[-1][1] if tables else 0), end))
        i = end
    if not tables:
        return in_columns if sum(prose) >= GUTTER_LINES else None
    if any(prose):  # text in columns: read in the plain text's order, the tables from the layout
        out = _around_tables(plain_lines, cells, tables, margin)
        if out is not None:
            return out
    words = frozenset(_WORD.findall(plain))
    out = []
    text: list[str] = []
    i = 0
    for start, end in [*tables, (len(lines), len(lines))]:
        for c in cells[i:start]:
            if c:
                text.append(_text_line([t for _, t in c], words))
            elif text and text[-1]:
                text.append("")
        if any(text):
            out.append(("text", "\n".join(text).strip()))
        text = []
        out.extend(("row", row) for row in _rows(cells[start:end], margin))
        i = end
    return out


GUTTER_LINES = 5  # lines of two columns side by side before a page counts as set in columns
INDENT = 4  # characters a column's line may stand right of the column's edge


def _prose(cells: list[list[tuple[int, str]]], known: set[str], margin: int) -> list[bool]:
    """Which layout lines are text, not a table's rows: two lines of the plain text side by side, the right
    one where the page's second column starts («Kommunestyret vedtok …      Lov om kommunenes …»), the
    second column's line alone, or one line of justified text (three pieces or more, evenly apart:
    «Antallet       tilsvarer       16,9       kommunalt»). `margin`: where the page's text starts."""
    parts = [_pieces(c, known) if c else None for c in cells]
    # (a column's text may be indented a little: a box, a list)
    left = [p for p in parts if p and len(p) == 2 and p[0][0] <= margin + INDENT]
    starts = Counter(p[1][0] for p in left if len(_squeezed(p[0][1])) >= 20)
    gutter = next(
        (
            x
            for x, _ in starts.most_common()
            if sum(starts[y] for y in range(x - INDENT, x + INDENT + 1)) >= GUTTER_LINES
        ),
        None,
    )
    out = []
    for p in parts:
        if not p:
            out.append(False)
        elif gutter is not None and len(p) == 2 and p[0][0] <= margin + INDENT:
            out.append(abs(p[1][0] - gutter) <= INDENT)
        elif gutter is not None and len(p) == 1 and abs(p[0][0] - gutter) <= INDENT:
            out.append(True)
        else:
            out.append(len(p) == 1 and p[0][2])
    return out


def _pieces(cells: list[tuple[int, str]], known: set[str]) -> list[tuple[int, str, bool]] | None:
    """A layout line's cells as the fewest lines of the plain text they make, each as (column, text,
    evenly spaced: three cells or more with gaps that differ by two characters at most, not a table row's
    figures); None when they make none."""
    # best[k]: the fewest groups that make cells[:k] of known lines, and where the last group starts
    best: list[tuple[int, int] | None] = [(0, 0)] + [None] * len(cells)
    for k in range(1, len(cells) + 1):
        for j in range(k):
            if best[j] is None or _squeezed("".join(t for _, t in cells[j:k])) not in known:
                continue
            if best[k] is None or best[j][0] + 1 < best[k][0]:
                best[k] = (best[j][0] + 1, j)
    if best[-1] is None:
        return None
    groups, k = [], len(cells)
    while k:
        j = best[k][1]
        run = cells[j:k]
        gaps = [x2 - (x1 + len(t1)) for (x1, t1), (x2, _) in zip(run, run[1:], strict=False)]
        figures = sum(not any(ch.isalpha() for ch in t) for _, t in run)  # a row's «14 | 14 %»
        even = len(run) >= 3 and max(gaps) - min(gaps) <= 2 and figures <= 1
        groups.append((run[0][0], " ".join(t for _, t in run), even))
        k = j
    return groups[::-1]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _around_tables(
    plain_lines: list[str], cells: list[list[tuple[int, str]]], tables: list[tuple[int, int]], margin: int
) -> list[tuple[str, str]] | None:
    """The page as text from its plain lines and rows from the layout: each table's cells are a run of
    plain lines made only of its words, and the lines between the runs are the text. None when a table's
    run is not found."""
    out: list[tuple[str, str]] = []
    at = 0
    for start, end in tables:
        words = {w.casefold() for c in cells[start:end] for _, t in c for w in _WORD.findall(t)}
        first = next(
            (
                k
                for k in range(at, len(plain_lines) - 1)
                if _made_of(plain_lines[k], words) and _made_of(plain_lines[k + 1], words)
            ),
            None,
        )
        if first is None:
            return None
        last = first
        while last < len(plain_lines) and _made_of(plain_lines[last], words):
            last += 1
        if first > at:
            out.append(("text", "\n".join(plain_lines[at:first])))
        out.extend(("row", row) for row in _rows(cells[start:end], margin))
        at = last
    if at < len(plain_lines):
        out.append(("text", "\n".join(plain_lines[at:])))
    return out


_WORD = re.compile(r"\w+")


def _made_of(line: str, words: set[str]) -> bool:
    """Whether every word of `line` is one of `words` (lower-cased)."""
    found = [w.casefold() for w in _WORD.findall(line)]
    return bool(found) and all(w in words for w in found)


def _text_line(parts: list[str], words: frozenset[str]) -> str:
    """A line of text from its layout pieces. Where a PDF's letter widths were off (ligatures, a browser's
    print), the layout opens a gap inside a word («… for dem som ikk      e klarer»): pieces that make a word
    of the plain text together («ikke») are joined without a space."""
    out = parts[0]
    for part in parts[1:]:
        left, right = _WORD.findall(out[-30:])[-1:], _WORD.findall(part[:30])[:1]
        glued = bool(left and right) and out[-1:].isalpha() and part[:1].isalpha()
        # (not two words the page has each on its own: «som» + «bolig» is no «sombolig»)
        whole = glued and left[0] + right[0] in words and not (left[0] in words and right[0] in words)
        out = f"{out}{part}" if whole else f"{out} {part}"
    return out


def _table_end(cells: list[list[tuple[int, str]]], start: int, margin: int, prose: list[bool]) -> int | None:
    """The line after the table that starts at `start`, or None when no table starts there. `prose`: the
    lines that are text (in columns or justified: see `_prose`), which end a table."""
    if len(cells[start]) < 2 or _hanging(cells[start]):
        return None
    end, wide, blank = start + 1, 1, 0
    i = start + 1
    while i < len(cells):
        c = cells[i]
        if prose[i] or _hanging(c):
            break
        if not c:
            blank += 1
            if blank > MAX_GAP:
                break
            i += 1
            continue
        k = next((k for k in range(i + 1, len(cells)) if cells[k]), None)
        nxt = [] if k is None or prose[k] else cells[k]
        if len(c) >= 2:
            wide += 1
        elif c[0][0] > margin + 4:  # a wrapped cell of a column to the right
            pass
        elif len(c[0][1]) <= TEXT_LINE and len(nxt) >= 2:  # a group row («Eldre og tilrettelagte boliger»)
            pass
        else:
            break
        blank = 0
        i += 1
        end = i
    return end if wide >= MIN_ROWS else None


# a list's marker or a heading's number in a hanging indent: «•  Riktig bolig: …», «3.1  Hovedmål»
_MARKER = re.compile(r"[•▪◦●■\-–*]|\(?\d{1,2}(?:\.\d{1,2})*[.)]?|\(?[a-zæøå][.)]")


def _hanging(cells: list[tuple[int, str]]) -> bool:
    """A line of two pieces whose first is a list's marker or a heading's number: a point of a list or a
    numbered heading set with a hanging indent, not a table's row («3.1     Hovedmål»)."""
    return len(cells) == 2 and _MARKER.fullmatch(cells[0][1]) is not None


HEADER_LINES = 2  # lines a table's header may take above its rows
HEADER_CELL = 40  # characters: a longer piece is text, not a column's label
_SENTENCE_CELL = re.compile(r"[a-zæøå]{2,}[.!?]$|\s\S+\s\S+\s\S+\s\S+\s")  # «… stand.», six words or more


def _header_start(cells: list[list[tuple[int, str]]], start: int, floor: int) -> int:
    """Where a table that `_table_end` found at `start` really starts: with the header lines right above it
    that read as text beside a column of text (a label spanning two columns where the page's second
    column of text starts: «Bustadtype    Talet på bustader    Ledige per 31.12.» over «2023 2024 2023
    2024»). Two or more short labels, no sentence, no caption; `floor`: where the table before it ended."""
    k = start
    while k > floor and start - k < HEADER_LINES:
        c = cells[k - 1]
        if len(c) < 2 or CAPTION.match(c[0][1]):
            break  # (one piece: a caption's second line, «kjennetegn (n = 98)», or the text above)
        if any(len(t) > HEADER_CELL or _SENTENCE_CELL.search(t) for _, t in c):
            break
        k -= 1
    return k


def _spanning_header(
    upper: list[tuple[int, str]], lower: list[tuple[int, str]], cols: list[int]
) -> str | None:
    """A header of two lines as one row: the labels of the upper line over the sub-columns of the lower
    («Talet på bustader» over «2023» and «2024» → «Talet på bustader 2023 | Talet på bustader 2024»), or
    None when the table's first two lines are no such header."""
    if len(upper) < 2:
        return None
    first = cols[0] + COLUMN_SLACK if cols else 0
    if upper[0][0] > first or lower[0][0] <= first or len(lower) <= len(upper) - 1:
        return None  # the lower line has no label of the first column, and more labels than the upper
    if any(any(ch.isdigit() for ch in t) and not _YEARISH.fullmatch(t) for _, t in upper[1:]):
        return None  # figures: a row, not labels
    spans = upper[1:]

    def parent(x: int) -> str:
        over = [t for s, t in spans if s <= x + 2 * COLUMN_SLACK]
        return over[-1] if over else spans[0][1]

    return " | ".join([upper[0][1], *(f"{parent(x)} {t}" for x, t in lower)])


_YEARISH = re.compile(r"\D*(?:\d{1,2}\.\d{1,2}\.|\d{4}(?:[–-]\d{2,4})?)\D*")  # «Ledige per 31.12.», «2024»


def _columns(lines: list[list[tuple[int, str]]]) -> list[int]:
    """Where each column starts. Two starts that no line fills both of, with cells that overlap, are one
    column: figures set flush right under a wider header («2022» over «7» and «12»)."""
    wide = [c for c in lines if len(c) >= 2]
    starts = sorted(x for c in wide for x, _ in c)
    cols: list[int] = []
    for x in starts:
        if not cols or x - cols[-1] > COLUMN_SLACK + 1:
            cols.append(x)
    k = 1
    while k < len(cols):
        lo, hi, end = cols[k - 1], cols[k], cols[k + 1] if k + 1 < len(cols) else 10**9
        left = [
            [(x, x + len(t)) for x, t in c if lo <= x < hi] for c in wide
        ]  # each line's cells in a column
        right = [[(x, x + len(t)) for x, t in c if hi <= x < end] for c in wide]
        both = any(a and b for a, b in zip(left, right, strict=True))
        # (a figure set flush right may start where its header ends: «Innvilgede startlån» over «44»)
        overlap = any(a < d and c < b + COLUMN_SLACK for a, b in sum(left, []) for c, d in sum(right, []))
        if not both and overlap:
            del cols[k]
        else:
            k += 1
    return cols


_OPEN_END = re.compile(r"\b(?:på|for|og|i|til|med|av|om|fra|frå|ved|mot|etter|eller|samt|som)$", re.I)


def _rows(lines: list[list[tuple[int, str]]], margin: int) -> list[str]:
    """Rows as «a | b | c»: a line with a cell in the first column (not in lower case) and nearly every
    other starts a row, as does one after a blank line and a group row after a full one; any other line
    holds wrapped cells."""
    cols = _columns(lines)
    filled = [c for c in lines if c]
    header = _spanning_header(filled[0], filled[1], cols) if len(lines) >= 3 and len(filled) >= 2 else None
    if header is not None:
        return [header, *_rows(filled[2:], margin)] if filled[2:] else [header]
    rows: list[list[str]] = []
    blank_before = True
    for c in lines:
        if not c:
            blank_before = True
            continue
        at = [max((k for k, x in enumerate(cols) if x <= s + COLUMN_SLACK), default=0) for s, _ in c]
        # a first cell that opens in lower case goes on from the row above («… 12 boliger for» /
        # «bostedsløse med rus- og psykiske lidelser»)
        first = at[0] == 0 and not c[0][1][:1].islower()
        # (nor one under a first cell that stopped at a word that cannot end it: «… leie før eie på» /
        # «Bakkeløkka (12 boliger)»)
        if first and rows and _OPEN_END.search(rows[-1][0]):
            first = False
        full = bool(rows) and all(rows[-1])
        new = (
            not rows
            or blank_before
            or (first and len(c) >= len(cols) - 1)
            or (first and len(c) == 1 and full)
        )
        if new:
            rows.append([""] * len(cols))
        for k, (_, t) in zip(at, c, strict=True):
            rows[-1][k] = f"{rows[-1][k]} {t}".strip()
        blank_before = False
    return [" | ".join(x for x in r if x) for r in rows]


# A table row pypdf gives on one line, its cells one space apart: «Toroms 148 51 m² 8 900 Størst etterspørsel
# fra flyktninger …». Two figures apart from each other, no sentence ending.
# (a thousands group is three digits: «3 200 000 3 146 500 53 500» is three figures, not one)
_FIGURE = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:[  ]\d{3})+|\d+)(?:[.,]\d+)?(?![\w])")
_SENTENCE_END = re.compile(r"[.:;!?]\s*$")
ROW_RUN = 3  # lines of figures in a row before they count as a table's rows


_INNER_END = re.compile(r"[.!?]\s+[A-ZÆØÅ]")  # a sentence ends inside the line: wrapped text, not a row
_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s+[A-ZÆØÅ]")  # «4.2 Kjøp i 2024»


def _figure_row(line: str) -> bool:
    s = line.strip()
    return (
        len(_FIGURE.findall(s)) >= 2
        and len(s) <= 200
        and not _SENTENCE_END.search(s)
        and not _INNER_END.search(s)
        and not _NUMBERED_HEADING.match(s)
    )


def figure_rows(plain: str) -> list[tuple[str, str]] | None:
    """A page whose table pypdf gives one row per line (cells one space apart, which the cleaner would run
    into one paragraph) as [("text", …) | ("row", line)], or None when it has no run of `ROW_RUN` such rows.
    A row's first cell wrapped onto the line above it («Tilrettelagt for» / «bevegelseshemmede 18 58 m² …»)
    is joined to it; a closing line with one figure («Sum 412») ends the table as a row."""
    lines = plain.splitlines()
    rows = [_figure_row(ln) for ln in lines]
    out: list[tuple[str, str]] = []
    text: list[str] = []
    found = False
    i = 0
    while i < len(lines):
        j = i
        run: list[str] = []
        while j < len(lines):
            s = lines[j].strip()
            if rows[j]:
                run.append(s)
            elif (
                run
                and j + 1 < len(lines)
                and rows[j + 1]
                and s
                and len(s) <= 40
                and not _FIGURE.search(s)
                and not _SENTENCE_END.search(s)
            ):
                lines[j + 1] = f"{s} {lines[j + 1].strip()}"  # a first cell wrapped onto two lines
            elif run and s and len(s) <= 40 and len(_FIGURE.findall(s)) == 1 and not _SENTENCE_END.search(s):
                run.append(s)  # «Sum 412»
                j += 1
                break
            else:
                break
            j += 1
        if len(run) >= ROW_RUN:
            if any(t.strip() for t in text):
                out.append(("text", "\n".join(text).strip()))
            text = []
            out.extend(("row", r) for r in run)
            found = True
            i = j
        else:
            text.append(lines[i])
            i += 1
    if any(t.strip() for t in text):
        out.append(("text", "\n".join(text).strip()))
    return out if found else None
