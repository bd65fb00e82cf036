"""HTML: main content only. Navigation, header, footer, menus, scripts and boilerplate lines are dropped."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from ingest.clean import clean_inline
from planprat.models import Block

_DROP_TAGS = "script, style, noscript, nav, form, iframe, svg, template, button"
_PAGE_CHROME = "header, footer"  # dropped unless inside <main>/<article> (an article header holds its h1)
LINK_SHARE = (
    0.5  # an <aside> in the article whose text is mostly links is «Relaterte artikler», not a fact box
)
_DROP_ATTR = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|meny|globalmeny|breadcrumbs?|footer|site-header|cookie|skip|sidebar|share|social|related|relaterte)([-_ ]|$)",
    re.I,
)
BOILERPLATE = {
    "gå til innhold",
    "til toppen av siden",
    "til toppen",
    "globalmeny",
    "forsiden",
    "toppbilde",
    "hovedmeny",
    "meny",
    "søk",
    "del på facebook",
    "del på twitter",
    "skriv ut",
    "lukk",
    "hopp til innhold",
    "gå til hovedinnhold",
}
_BOILER_RE = re.compile(r"^(.*\s-\s)?klikk for personkort$|^(gå til innhold|til toppen av siden)\b", re.I)
_SELECT = "h1, h2, h3, h4, h5, h6, summary, p, li, tr, dt, dd, blockquote, pre, figcaption"


def is_boilerplate(line: str) -> bool:
    """Site furniture such as «Gå til innhold», «Globalmeny», «Tore Fjerdingen - klikk for personkort»."""
    s = clean_inline(line).lower()
    return s in BOILERPLATE or bool(_BOILER_RE.search(s))


_SCREEN_READER = re.compile(r"\b(?:sr-only|visually-?hidden|screen-?reader-text|sr-text|hidden-text)\b", re.I)
_TERMED = {"dl", "details"}  # what holds terms or questions over their own text
TERM_MAX = 120  # a <dt> or <summary> longer than this is text, not a heading


def _inside(node: Node, tags: set[str], stop: Node | None) -> bool:
    p = node.parent
    while p is not None and p is not stop:
        if p.tag in tags:
            return True
        p = p.parent
    return False


def parse_html(html: str) -> tuple[str, list[Block], str]:
    """(title, blocks, the site's name): headings h1–h6, paragraphs, li → list_item, tr → table_row («a | b |
    c»); the site's name as `_site_name` reads it."""
    tree = HTMLParser(html)
    title_node = tree.css_first("title")
    title = clean_inline(title_node.text()) if title_node else ""
    site = _site_name(tree, title)
    for n in tree.css(_DROP_TAGS):
        n.decompose()
    for n in tree.css(_PAGE_CHROME):
        if not _inside(n, {"main", "article"}, None):
            n.decompose()
    # a link's words for screen readers only («Søknad om kommunal bolig (åpner i nytt vindu)»): not the
    # text a reader sees (a hidden table caption stays: it says what the table holds)
    for n in tree.css("a [class], button [class]"):
        if _SCREEN_READER.search(n.attributes.get("class") or ""):
            n.decompose()
    # a sidebar beside the article goes; a fact box within it stays («Fakta om startlån …»)
    for n in tree.css("aside"):
        if not _inside(n, {"main", "article"}, None) or _mostly_links(n):
            n.decompose()
    for n in tree.css("[class], [id], [role]"):
        attrs = " ".join(
            filter(None, [n.attributes.get("class"), n.attributes.get("id"), n.attributes.get("role")])
        )
        if _DROP_ATTR.search(attrs) or attrs.strip().lower() in ("navigation", "banner", "contentinfo"):
            n.decompose()
    root = (
        tree.css_first("main")
        or tree.css_first("article")
        or tree.css_first("[role=main]")
        or tree.body
        or tree.root
    )
    blocks: list[Block] = []
    if root is None:
        return title, blocks, site
    level_now = 2  # the level of the last heading: an FAQ's question (<summary>) is a heading below it
    # (and so is a definition list's term: «Gjennomgangsbolig» over «… tidsbestemt leiekontrakt på 3 år»)
    last_heading: Block | None = None
    below = False  # the last block lies under a <summary> or <dt> heading
    for node in root.css(_SELECT):
        tag = node.tag
        headed = re.fullmatch(r"h[1-6]", tag) is not None
        if tag != "tr" and _inside(
            node, {"li", "tr", "blockquote", "dd"} if tag in ("p", "li") else {"tr"}, root
        ):
            continue
        if below and not headed and tag not in ("summary", "dt") and not _inside(node, _TERMED, root):
            # a paragraph after the list or the FAQ belongs to the heading above them again, not to the last
            # term: that heading opens once more
            below = False
            if last_heading is not None:
                blocks.append(last_heading)
        if tag == "tr":
            cells = [clean_inline(c.text(separator=" ")) for c in node.css("th, td")]
            text = " | ".join(c for c in cells if c)
            kind, level = "table_row", 0
        elif tag in ("summary", "dt"):  # «Kan jeg ha hund i boligen?» over its answer
            text = clean_inline(node.text(separator=" "))
            kind, level = "heading", min(6, level_now + 1)
            below = bool(text) and len(text) <= TERM_MAX
            if not below:
                kind, level = "text", 0
        else:
            text = clean_inline(node.text(separator=" "))
            kind, level = (
                ("heading", int(tag[1])) if headed else (("list_item" if tag == "li" else "text"), 0)
            )
            if kind == "heading":
                level_now = level
                below = False
        if text and not is_boilerplate(text):
            if tag == "li":
                text = f"{_marker(node, text)}{text}"
            blocks.append(Block(kind, text, level=level))
            if headed:
                last_heading = blocks[-1]
    if not blocks:  # no block markup: fall back to the text lines
        for line in root.text(separator="\n").splitlines():
            t = clean_inline(line)
            if t and not is_boilerplate(t):
                blocks.append(Block("text", t))
    return page_title(title, next((b.text for b in blocks if b.kind == "heading"), "")), blocks, site


def _mostly_links(node: Node) -> bool:
    text = len(clean_inline(node.text(separator=" ")))
    links = sum(len(clean_inline(a.text(separator=" "))) for a in node.css("a"))
    return not text or links / text > LINK_SHARE


_MARKED = re.compile(r"^(?:[-*•–▪◦]\s|\(?[a-zæøå0-9]{1,2}[.)]\s)")


def _marker(li, text: str) -> str:
    """A list item's own marker, as a reader sees it: «• » in a <ul>, «3. » for the third item of an <ol>
    (none when its `text` carries one), so a point of a list reads as one in the chunk text."""
    if _MARKED.match(text):
        return ""
    parent = li.parent
    if parent is not None and parent.tag == "ol":
        items = [c for c in parent.iter() if c.tag == "li"]
        return f"{next((i for i, c in enumerate(items, 1) if c == li), 1)}. "
    return "• "


_SITE_SUFFIX = re.compile(r"\s+[-|–—:]\s+[^-|–—:]{2,60}$")


def _site_name(tree: HTMLParser, title: str) -> str:
    """The name of the site a page was saved from: its «og:site_name», else what follows the page's name in
    its `title` («Kommunal bolig – slik søker du - Elvstrand kommune» → «Elvstrand kommune»); "" when none."""
    meta = tree.css_first('meta[property="og:site_name"]')
    if meta is not None and (meta.attributes.get("content") or "").strip():
        return clean_inline(meta.attributes["content"] or "")
    m = _SITE_SUFFIX.search(title)
    return m.group(0).strip(" -|–—:") if m else ""


def page_title(title: str, heading: str) -> str:
    """The page's name without the site's: «Evaluering av Housing First … - Lillehammer kommune» → the
    page's own heading when the <title> is that heading plus a suffix; the heading when there is no <title>."""
    if not title:
        return heading
    if (
        heading
        and title != heading
        and title.startswith(heading)
        and _SITE_SUFFIX.fullmatch(title[len(heading) :])
    ):
        return heading
    return title
