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
from collections.abc import Callable

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
    """The page as [("text", paragraph text) | ("row", "a | b | c")], or None when it holds no table (or
    is text in two columns, which looks like one). `furniture`: running headers and page numbers to drop;
    `plain`: the page's plain text, which has the words of its text lines whole (see `_text_line`)."""
    lines = [ln for ln in layout.splitlines() if not (ln.strip() and furniture(ln.strip()))]
    # a running header set on one line with the page's other header («Plan 2024–2035     Ringsaker kommune»)
    cells = [[(x, t) for x, t in _cells(ln) if not furniture(t)] for ln in lines]
    filled = [c for c in cells if c]
    if not filled:
        return None
    margin = min(c[0][0] for c in filled)
    wide = [c for c in filled if len(c) >= 2]
    # text set in two columns: nearly every line has two cells
    if len(filled) > 15 and len(wide) >= 0.7 * len(filled) and all(len(c) == 2 for c in wide):
        return None
    words = frozenset(_WORD.findall(plain))
    out: list[tuple[str, str]] = []
    text: list[str] = []
    found = False
    i = 0
    while i < len(lines):
        end = _table_end(cells, i, margin)
        if end is None:
            if cells[i]:
                text.append(_text_line([t for _, t in cells[i]], words))
            elif text and text[-1]:
                text.append("")
            i += 1
            continue
        if any(text):
            out.append(("text", "\n".join(text).strip()))
        text = []
        out.extend(("row", row) for row in _rows(cells[i:end], margin))
        found = True
        i = end
    if any(text):
        out.append(("text", "\n".join(text).strip()))
    return out if found else None


_WORD = re.compile(r"\w+")


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


def _table_end(cells: list[list[tuple[int, str]]], start: int, margin: int) -> int | None:
    """The line after the table that starts at `start`, or None when no table starts there."""
    if len(cells[start]) < 2:
        return None
    end, wide, blank = start + 1, 1, 0
    i = start + 1
    while i < len(cells):
        c = cells[i]
        if not c:
            blank += 1
            if blank > MAX_GAP:
                break
            i += 1
            continue
        nxt = next((x for x in cells[i + 1 :] if x), [])
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


def _columns(lines: list[list[tuple[int, str]]]) -> list[int]:
    starts = sorted(x for c in lines if len(c) >= 2 for x, _ in c)
    cols: list[int] = []
    for x in starts:
        if not cols or x - cols[-1] > COLUMN_SLACK + 1:
            cols.append(x)
    return cols


def _rows(lines: list[list[tuple[int, str]]], margin: int) -> list[str]:
    """Rows as «a | b | c»: a line with a cell in the first column (not in lower case) and nearly every
    other starts a row, as does one after a blank line and a group row after a full one; any other line
    holds wrapped cells."""
    cols = _columns(lines)
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
_FIGURE = re.compile(r"(?<![\w.,])\d[\d  ]*(?:[.,]\d+)?(?![\w])")
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
