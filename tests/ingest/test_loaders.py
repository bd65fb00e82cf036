"""Loaders turn real small files into structured blocks; the format is detected from the content."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.load import load_document
from ingest.split import split_document

pytestmark = pytest.mark.unit


def make_pdf(path: Path, pages: list[list[str]]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for n, lines in enumerate(pages, start=1):
        y = 800
        c.setFont("Helvetica", 10)
        c.drawString(72, 820, "Boligsosial handlingsplan Testby")  # running header
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        c.drawString(72, 40, f"Side {n} av {len(pages)}")
        c.showPage()
    c.save()
    return path


def list_items(path) -> list[str]:
    """The texts of the points of lists the loader reads in `path`."""
    return [b.text for b in load_document(path).blocks if b.kind == "list_item"]


def test_pdf_keeps_pages_headings_and_drops_running_header(tmp_path):
    pdf = make_pdf(
        tmp_path / "plan.bin",
        [  # wrong extension on purpose: detection is by content
            [
                "1 Innledning",
                "Kommunen skal bistå vanskeligstilte på boligmarkedet.",
                "Planen gjelder for 2024-2027.",
            ],
            [
                "3.2 Tiltak",
                "Kommunen skal kjøpe tjue nye utleieboliger.",
                "Startlån skal prioriteres for barnefamilier.",
            ],
            [
                "4 Økonomi",
                "Tiltakene finansieres innenfor rammen.",
                "Husbanken gir tilskudd til utleieboliger.",
            ],
        ],
    )
    doc = load_document(pdf)
    assert doc.meta.pages == 3
    assert len(doc.meta.content_hash) == 64
    headings = [(b.text, b.page) for b in doc.blocks if b.kind == "heading"]
    assert ("3.2 Tiltak", 2) in headings
    texts = " ".join(b.text for b in doc.blocks)
    assert "Side 1 av 3" not in texts and "Boligsosial handlingsplan Testby" not in texts
    chunks = split_document(doc, max_chars=120, min_chars=0)
    tiltak = next(c for c in chunks if "tjue nye utleieboliger" in c.text)
    assert tiltak.page == 2 and tiltak.section[-1] == "3.2 Tiltak"


def test_docx_headings_lists_and_tables(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Boligsosial plan for Testby", level=1)
    d.add_heading("Mål", level=2)
    d.add_paragraph("Alle skal bo godt og trygt.")
    d.add_paragraph("Flere utleieboliger", style="List Bullet")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Tiltak", "Ansvar"
    t.cell(1, 0).text, t.cell(1, 1).text = "Bostøtte", "NAV"
    path = tmp_path / "plan.docx"
    d.save(path)
    doc = load_document(path)
    kinds = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert ("heading", 2, "Mål") in kinds
    assert ("list_item", 0, "• Flere utleieboliger") in kinds  # a point reads as one in the chunk text
    assert ("table_row", 0, "Bostøtte | NAV") in kinds
    assert doc.meta.title == "Boligsosial plan for Testby"


def test_a_word_lists_numbers_are_kept_an_order_of_priority_is_an_order(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Retningslinjer for tildeling av kommunal bolig", level=1)
    d.add_paragraph("Søkerne prioriteres i denne rekkefølgen:")
    d.add_paragraph("Barnefamilier som bor i midlertidig botilbud.", style="List Number")
    d.add_paragraph("Personer som løslates fra fengsel uten bolig.", style="List Number")
    d.add_paragraph("Vilkårene gjelder alle søkere.")
    d.add_paragraph("Søkeren må være fylt 18 år.", style="List Number")
    d.add_paragraph("Husstanden kan ha husdyr.", style="List Bullet")
    path = tmp_path / "retningslinjer.docx"
    d.save(path)
    items = [b.text for b in load_document(path).blocks if b.kind == "list_item"]
    assert items == [
        "1. Barnefamilier som bor i midlertidig botilbud.",
        "2. Personer som løslates fra fengsel uten bolig.",
        "1. Søkeren må være fylt 18 år.",  # a new list after a paragraph counts from one
        "• Husstanden kan ha husdyr.",
    ]


HTML = """<!doctype html><html><head><title>Boligsosial handlingsplan</title><script>var x=1;</script></head>
<body><header><a href="#main">Gå til innhold</a> <div>Globalmeny</div> <a>Forsiden</a></header>
<nav><ul><li>Barnehage</li><li>Skole</li></ul></nav>
<main><div>Toppbilde</div><h1>Boligsosial handlingsplan 2016-2019</h1>
<p>Tore Fjerdingen - klikk for personkort</p>
<h2>Saksopplysninger</h2><p>Planen er en revidering av vedtatt plan.</p>
<ul><li>Ansette boligkoordinator</li></ul>
<table><tr><td>Driftskomiteen</td><td>28/16</td></tr></table>
<p>Til toppen av siden</p></main>
<footer>Levanger kommune, Boks 130</footer></body></html>"""


def test_html_main_content_only(tmp_path):
    path = tmp_path / "sak.html"
    path.write_text(HTML, encoding="utf-8")
    doc = load_document(path)
    texts = [b.text for b in doc.blocks]
    joined = " ".join(texts)
    for junk in (
        "Gå til innhold",
        "Globalmeny",
        "Forsiden",
        "Toppbilde",
        "personkort",
        "Barnehage",
        "Boks 130",
        "Til toppen",
        "var x",
    ):
        assert junk not in joined
    assert ("heading", 2, "Saksopplysninger") in [(b.kind, b.level, b.text) for b in doc.blocks]
    assert any(b.kind == "list_item" and b.text == "• Ansette boligkoordinator" for b in doc.blocks)
    assert any(b.kind == "table_row" and b.text == "Driftskomiteen | 28/16" for b in doc.blocks)


def test_cp1252_text_is_decoded(tmp_path):
    path = tmp_path / "notat.txt"
    path.write_bytes(
        "BOLIGBEHOV\n\nVi må bygge små boliger for vanskeligstilte på Øya og i Ås.\n".encode("cp1252")
    )
    doc = load_document(path)
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].text == "BOLIGBEHOV"
    assert "små boliger" in doc.blocks[1].text and "Øya" in doc.blocks[1].text and "Ås" in doc.blocks[1].text
    assert doc.meta.doc_id == "notat" and doc.meta.title == "BOLIGBEHOV"


def test_utf8_mojibake_is_repaired(tmp_path):
    path = tmp_path / "m.txt"
    path.write_bytes(
        "Boligsosial plan for Bodø og Ås, særlig for små kommuner.".encode().decode("cp1252").encode("utf-8")
    )
    doc = load_document(path)
    assert "Bodø og Ås, særlig for små" in doc.blocks[0].text


def test_markdown_headings_and_lists(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(
        "# Plan\n\n## 2.1 Mål\n\nTekst om mål.\n\n- første punkt\n- andre punkt\n", encoding="utf-8"
    )
    blocks = load_document(path).blocks
    assert [(b.kind, b.level) for b in blocks] == [
        ("heading", 1),
        ("heading", 2),
        ("text", 0),
        ("list_item", 0),
        ("list_item", 0),
    ]


def test_a_markdown_table_is_read_row_by_row_as_a_word_tables(tmp_path):
    path = tmp_path / "sak.md"
    path.write_text(
        "# Saksframlegg\n\nInntektsgrensene er:\n\n"
        "| Husstandens størrelse | Inntektsgrense startlån | Inntektsgrense tilskudd |\n"
        "|---|---:|---:|\n"
        "| 1 person | 560 000 kr | 420 000 kr |\n"
        "| 2 personer | 690 000 kr | 510 000 kr |\n\n"
        "Grensene justeres årlig.\n",
        encoding="utf-8",
    )
    blocks = load_document(path).blocks
    assert [(b.kind, b.text) for b in blocks[2:]] == [
        ("table_row", "Husstandens størrelse | Inntektsgrense startlån | Inntektsgrense tilskudd"),
        ("table_row", "1 person | 560 000 kr | 420 000 kr"),
        ("table_row", "2 personer | 690 000 kr | 510 000 kr"),
        ("text", "Grensene justeres årlig."),
    ]


def test_in_a_narrow_column_a_wrapped_line_is_no_heading_and_a_wrapped_heading_stays_whole():
    from ingest.text import parse_text

    page = "\n".join(
        [
            "1.2 Forholdet til lovverk og andre",
            "planer",
            "Lov om kommunenes ansvar på det boligsosiale",
            "feltet trådte i kraft 1. juli 2023. Loven krever",
            "at kommunen har oversikt over behovet for",
            "boliger for vanskeligstilte på boligmarkedet.",
            "Boligene i Tangen borettslag og på",
            "Skarvebakken (til sammen 32 enheter fra",
            "1974) har dårlig standard og høye kostnader.",
        ]
    )
    blocks = parse_text(page, page=2, line_mode=True)
    assert [b.kind for b in blocks] == ["heading", "text"]
    assert blocks[0].text == "1.2 Forholdet til lovverk og andre planer"
    assert "boligmarkedet. Boligene i Tangen borettslag og på Skarvebakken (til sammen" in blocks[1].text


def test_markdown_emphasis_marks_are_not_part_of_the_text(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(
        "# Plan\n\nHovudmålet er: *Alle skal ha ein trygg stad å bu.* Det er **viktig**.\n\n"
        "Kostnaden er 3 * 4 millionar.\n",
        encoding="utf-8",
    )
    texts = [b.text for b in load_document(path).blocks]
    assert texts[1] == "Hovudmålet er: Alle skal ha ein trygg stad å bu. Det er viktig."
    assert texts[2] == "Kostnaden er 3 * 4 millionar."  # a lone asterisk is no emphasis


def test_markdown_links_read_as_their_text_and_block_quotes_as_the_quoted_text(tmp_path):
    path = tmp_path / "sak.md"
    path.write_text(
        "# Saksframlegg\n\nVedlegg:\n\n1. [Evaluering av Bustad først](https://www.k.no/a.pdf)\n"
        '2. [Takstrapportar](https://www.k.no/b_(2).pdf "Takst")\n\n'
        "> «Eg har hatt nøkkel til min eigen dør i to år no.»\n>\n> – Deltakar i Bustad først\n\n"
        "![Foto av bustaden](bilete.jpg)\n\nSjå òg [rettleiaren](https://www.husbanken.no/) til Husbanken.\n",
        encoding="utf-8",
    )
    texts = [b.text for b in load_document(path).blocks]
    assert "1. Evaluering av Bustad først" in texts and "2. Takstrapportar" in texts
    assert "«Eg har hatt nøkkel til min eigen dør i to år no.»" in texts
    assert "Sjå òg rettleiaren til Husbanken." in texts
    assert not any(">" in t or "http" in t or "Foto" in t for t in texts), texts


def test_a_web_pages_definition_list_terms_head_their_definitions(tmp_path):
    path = tmp_path / "side.html"
    path.write_text(
        "<html><body><main><h1>Kommunal bolig</h1><h2>Boligtyper</h2>"
        "<dl><dt>Gjennomgangs&shy;bolig</dt><dd>Du får en tidsbestemt leiekontrakt på 3 år.</dd>"
        "<dt>Ungdomsbolig</dt><dd>Kontrakten gjelder for 2 år.</dd></dl>"
        "<p>Alle boligene er umøblerte.</p>"
        "<h2>Spørsmål og svar</h2><details><summary>Kan jeg ha katt?</summary><p>Ja, etter søknad.</p>"
        "</details><p>Finner du ikke svaret, ring oss.</p></main></body></html>",
        encoding="utf-8",
    )
    blocks = [(b.kind, b.level, b.text) for b in load_document(path).blocks]
    at = blocks.index(("heading", 3, "Gjennomgangsbolig"))
    assert blocks[at + 1] == ("text", 0, "Du får en tidsbestemt leiekontrakt på 3 år.")
    assert blocks[at + 2] == ("heading", 3, "Ungdomsbolig")
    # what follows the list belongs to the heading over the list again, not to its last term
    assert blocks[at + 4 : at + 6] == [
        ("heading", 2, "Boligtyper"),
        ("text", 0, "Alle boligene er umøblerte."),
    ]
    # and the same after an FAQ's last question
    end = blocks.index(("text", 0, "Finner du ikke svaret, ring oss."))
    assert blocks[end - 1] == ("heading", 2, "Spørsmål og svar")


def test_a_web_pages_title_is_its_heading_without_the_sites_name(tmp_path):
    path = tmp_path / "evaluering.html"
    path.write_text(
        "<html><head><title>Evaluering av Housing First 2021–2024 - Lillehammer kommune</title></head>"
        "<body><main><h1>Evaluering av Housing First 2021–2024</h1><p>Prosjektet startet i 2021.</p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    assert load_document(path).meta.title == "Evaluering av Housing First 2021–2024"


def test_law_is_detected_from_content_and_parsed(tmp_path):
    src = Path("corpus/laws/sosialtjenesteloven.txt").read_text(encoding="utf-8")
    path = tmp_path / "ukjent.dat"
    path.write_text(src, encoding="utf-8")
    doc = load_document(path)
    assert doc.meta.kind == "law" and doc.meta.law_short == "sosialtjenesteloven"
    para = next(b for b in doc.blocks if b.ref == "§ 27" and b.kind == "heading")
    assert para.level == 2 and para.text.startswith("§ 27.")
    assert any(b.kind == "heading" and b.level == 1 and b.text.startswith("Kapittel 4") for b in doc.blocks)


def test_law_list_items_belong_to_their_ledd_and_notes_to_their_paragraph():
    from ingest.law import parse_law

    text = (
        "§ 3-7. (Opphevet)\n\nEndret ved lov 20 des 2022 nr. 121 (i kraft 1 juli 2023).\n\n"
        "§ 10-1 a. Prøve\n\nFørste ledd med liste:\n\na. en\nb. to\n\nAndre ledd.\n"
    )
    blocks = parse_law(text)
    assert [b.ref for b in blocks if b.kind == "heading"] == ["§ 3-7", "§ 10-1 a"]
    note = blocks[1]
    assert note.ref == "§ 3-7" and note.ledd is None and note.text.startswith("Endret ved lov")
    assert [(b.kind, b.ledd) for b in blocks[3:]] == [
        ("text", 1),
        ("list_item", 1),
        ("list_item", 1),
        ("text", 2),
    ]


def test_copied_web_page_text_loses_navigation_and_footer():
    rel = "cases/levanger-sak-28-16-boligsosial-handlingsplan-2016-2019.txt"
    doc = load_document(Path("corpus") / rel)
    text = "\n".join(b.text for b in doc.blocks)
    for junk in (
        "Gå til innhold",
        "Globalmeny",
        "Toppbilde",
        "klikk for personkort",
        "Til toppen av siden",
        "Åpningstid",
        "postmottak@levanger",
    ):
        assert junk not in text, junk
    assert doc.meta.title == "Driftskomiteen 14.09.16 - sak 28/16 - Boligsosial Handlingsplan 2016 - 2019"
    assert "Boligsosial handlingsplan 2016-2019 vedtas." in text
    assert not any(b.kind == "heading" and b.text == "Ingen" for b in doc.blocks)


def test_recurring_logo_lines_are_not_headings():
    from ingest.text import parse_text

    blocks = parse_text(
        "Tittel på foredraget\n\nLOGO AS\n\nFørste lysbilde tekst.\n\nLOGO AS\n\nAndre.\n\nLOGO AS\n\nTredje.\n"
    )
    assert all(b.kind == "text" for b in blocks if b.text == "LOGO AS")
    assert blocks[0].kind == "heading" and blocks[0].level == 1


def test_pdf_joins_words_split_across_lines_but_keeps_real_hyphens(tmp_path):
    pdf = make_pdf(
        tmp_path / "h.pdf",
        [
            [
                "Arbeidet krever god bolig-",
                "sosial kompetanse i kommunen og samarbeid etter helse-",
                "og omsorgstjenesteloven.",
            ]
        ],
    )
    text = " ".join(b.text for b in load_document(pdf).blocks)
    assert "boligsosial kompetanse" in text
    assert "helse- og omsorgstjenesteloven" in text


def test_given_meta_is_kept_and_hash_and_pages_filled(tmp_path):
    from planprat.models import DocumentMeta

    pdf = make_pdf(tmp_path / "x.pdf", [["Side en tekst her."], ["Side to tekst her."]])
    meta = DocumentMeta(doc_id="min-plan", title="Min plan", source="x.pdf", kind="plan", municipality="Bodø")
    doc = load_document(pdf, meta)
    assert (doc.meta.doc_id, doc.meta.title, doc.meta.kind, doc.meta.municipality) == (
        "min-plan",
        "Min plan",
        "plan",
        "Bodø",
    )
    assert doc.meta.pages == 2
    import hashlib

    assert doc.meta.content_hash == hashlib.sha256(pdf.read_bytes()).hexdigest()


def test_law_without_header_detected_from_many_paragraph_lines(tmp_path):
    from ingest.detect import detect_format

    body = "\n\n".join(f"§ {n}. Overskrift {n}\n\nKommunen skal gjøre ting nummer {n}." for n in range(1, 7))
    assert detect_format(body.encode()) == "law"
    assert detect_format("Vanlig notat.\n\n§ 1. bare én gang\n".encode()) == "text"


def test_html_article_header_keeps_its_title(tmp_path):
    path = tmp_path / "a.htm"
    path.write_text(
        "<html><body><header>Globalmeny Logo</header><article><header><h1>Boligplan Bodø</h1></header>"
        "<p>Planen ble vedtatt av bystyret.</p><footer>Sist endret 2014</footer></article>"
        "<footer>Kontakt oss</footer></body></html>",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.meta.title == "Boligplan Bodø"
    assert [b.text for b in doc.blocks] == ["Boligplan Bodø", "Planen ble vedtatt av bystyret."]


def test_pdf_title_comes_from_its_metadata_unless_a_program_wrote_it(tmp_path):
    from reportlab.pdfgen import canvas

    def pdf(name: str, title: str | None) -> Path:
        c = canvas.Canvas(str(tmp_path / name))
        if title is not None:
            c.setTitle(title)
        c.drawString(72, 800, "1 Status og utfordringer")
        c.drawString(72, 780, "Trondheim kommune har om lag 4 200 kommunale utleieboliger.")
        c.showPage()
        c.save()
        return tmp_path / name

    meta = load_document(pdf("plan.pdf", "Boligsosial handlingsplan for Trondheim kommune 2024–2027")).meta
    assert meta.title == "Boligsosial handlingsplan for Trondheim kommune 2024–2027"
    assert (meta.kind, meta.municipality, meta.year) == ("plan", "Trondheim", 2024)  # read from that title
    for junk in ("Microsoft Word - plan_v3.docx", "untitled", "", "fjellbu.html", "boligplan_2024_v3"):
        assert load_document(pdf("x.pdf", junk)).meta.title == "1 Status og utfordringer"  # the first heading


def load_text_law(tmp_path: Path, text: str):
    """(meta, § references of its chunks) of a law text loaded without a manifest entry."""
    path = tmp_path / "lov.txt"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path, None)
    return doc.meta, [c.law_ref for c in split_document(doc) if c.law_ref]


def test_a_law_copied_without_lovdatas_header_is_parsed_as_a_law_named_by_its_title(tmp_path):
    meta, refs = load_text_law(
        tmp_path,
        "Forskrift om utleie av kommunale boliger\n\n§ 1. Formål\n\nForskriften skal sikre lik behandling.\n\n"
        "§ 2. Tildeling\n\nBoligene tildeles etter behov.\n",
    )
    assert (meta.kind, meta.law_short) == ("regulation", "forskrift om utleie av kommunale boliger")
    assert refs == [
        "forskrift om utleie av kommunale boliger § 1",
        "forskrift om utleie av kommunale boliger § 2",
    ]


LAW_LINES = [
    "Lov om eierseksjoner (eierseksjonsloven)",
    "§ 1. Lovens formål",
    "Loven skal legge til rette for at eiendommer",
    "kan deles i eierseksjoner.",
    "§ 2. Hva en eierseksjon er",
    "En eierseksjon er en sameieandel i en eiendom.",
    "§ 24. Korttidsutleie",
    "En seksjonseier kan leie ut boligseksjonen sin i inntil 90 døgn per år.",
]


def test_a_law_printed_to_pdf_or_saved_as_word_is_parsed_by_paragraph(tmp_path):
    import docx
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "lov.pdf"
    c = canvas.Canvas(str(pdf))
    for i, line in enumerate(LAW_LINES):
        c.drawString(60, 800 - 16 * i, line)
    c.showPage()
    c.save()
    word = tmp_path / "lov.docx"
    d = docx.Document()  # in Word a ledd is one paragraph, however it wraps
    for line in [*LAW_LINES[:2], f"{LAW_LINES[2]} {LAW_LINES[3]}", *LAW_LINES[4:]]:
        d.add_paragraph(line)
    d.save(str(word))
    for path in (pdf, word):
        doc = load_document(path, None)
        assert (doc.meta.kind, doc.meta.law_short) == ("law", "eierseksjonsloven"), path.name
        chunks = {c.law_ref: c.text for c in split_document(doc) if c.law_ref}
        assert list(chunks) == ["eierseksjonsloven § 1", "eierseksjonsloven § 2", "eierseksjonsloven § 24"]
        # a PDF line that wraps inside a sentence is joined back into its ledd
        assert (
            "Loven skal legge til rette for at eiendommer kan deles i eierseksjoner."
            in chunks["eierseksjonsloven § 1"]
        )


def test_paragraph_headings_without_a_full_stop_are_paragraphs_too(tmp_path):
    _, refs = load_text_law(
        tmp_path,
        "Lov om tomtefeste (tomtefesteloven)\n\n§ 1 Formål\n\nLoven gjelder feste av tomt.\n\n"
        "§ 7 Festetid\n\nFestetida er minst 99 år. Etter § 7 i loven kan festet ikke sies opp.\n",
    )
    assert refs == ["tomtefesteloven § 1", "tomtefesteloven § 7"]


def test_a_known_law_added_again_without_a_manifest_keeps_its_known_name(tmp_path):
    meta, _ = load_text_law(
        tmp_path,
        "Lov om husleieavtaler av 26. mars 1999 nr. 17\n\n§ 3-5. Depositum\n\nDet kan avtales depositum.\n\n"
        "§ 9-6. Oppsigelsesfrist\n\nOppsigelsesfristen er tre måneder.\n",
    )
    assert meta.law_short == "husleieloven"


def test_a_pdf_bulleted_list_keeps_each_measure_as_its_own_item_across_pages(tmp_path):
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, PageBreak, Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]

    def bullets(items):
        return ListFlowable(
            [ListItem(Paragraph(t, style), leftIndent=12) for t in items], bulletType="bullet", start="•"
        )

    path = tmp_path / "tiltak.pdf"
    SimpleDocTemplate(str(path)).build(
        [
            Paragraph("Tiltak for å skaffe boliger", style),
            bullets(
                [
                    "Kjøpe 60 nye kommunale boliger i perioden, hvorav minst 25 store leiligheter for "
                    "barnefamilier, med ansvar hos Drammen Eiendom KF og frist innen utgangen av 2026 og 2027.",
                    "Selge 40 lite egnede boliger.",
                ]
            ),
            PageBreak(),
            Paragraph("Tiltak for å forebygge utkastelser", style),
            bullets(["Inngå varslingsavtaler med de største utleierne.", "Tilby økonomisk rådgivning."]),
        ]
    )
    items = list_items(path)
    assert items == [
        "• Kjøpe 60 nye kommunale boliger i perioden, hvorav minst 25 store leiligheter for barnefamilier, "
        "med ansvar hos Drammen Eiendom KF og frist innen utgangen av 2026 og 2027.",
        "• Selge 40 lite egnede boliger.",
        "• Inngå varslingsavtaler med de største utleierne.",
        "• Tilby økonomisk rådgivning.",
    ]


def make_table_pdf(path: Path) -> Path:
    """A plan's page with a measures table: four columns, a group row, cells wrapped over two lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 9)
    y = 800

    def line(*cells: tuple[int, str]) -> None:
        nonlocal y
        for x, text in cells:
            c.drawString(x, y, text)
        y -= 13

    line((60, "7 Handlingsdel 2024–2027"))
    line((60, "Tabellen viser tiltakene i planens første fireårsperiode."))
    y -= 10
    line((60, "Tiltak"), (260, "Ansvar"), (400, "Tidsramme"), (480, "Kostnad"))
    y -= 6
    line((60, "Unge i etableringsfasen"))
    line(
        (60, "Prøveprosjekt leie-til-eie med 20 boliger"),
        (260, "Boligkontoret og"),
        (400, "2025–2028"),
        (480, "1,2 mill. kr"),
    )
    line((260, "eiendomsforvaltningen"), (480, "årlig"))
    y -= 6
    line(
        (60, "Seks akuttleiligheter i Brumunddal"),
        (260, "Eiendomsforvaltningen"),
        (400, "2025"),
        (480, "14,5 mill. kr"),
    )
    y -= 6
    line(
        (60, "Samarbeidsavtale med kriminalomsorgen"),
        (260, "NAV Ringsaker"),
        (400, "2024"),
        (480, "Innenfor ramme"),
    )
    y -= 20
    line((60, "Planen følges opp av en styringsgruppe som rapporterer til formannskapet hvert år."))
    c.showPage()
    c.save()
    return path


def test_a_pdf_tables_rows_are_kept_whole_as_in_a_word_table(tmp_path):
    doc = load_document(make_table_pdf(tmp_path / "plan.pdf"))
    rows = [b.text for b in doc.blocks if b.kind == "table_row"]
    assert rows[0] == "Tiltak | Ansvar | Tidsramme | Kostnad"
    assert "Unge i etableringsfasen" in rows
    assert (
        "Prøveprosjekt leie-til-eie med 20 boliger | Boligkontoret og eiendomsforvaltningen | 2025–2028 | "
        "1,2 mill. kr årlig"
    ) in rows
    assert "Seks akuttleiligheter i Brumunddal | Eiendomsforvaltningen | 2025 | 14,5 mill. kr" in rows
    # the text before and after the table stays text
    texts = [b.text for b in doc.blocks if b.kind == "text"]
    assert any(t.startswith("Tabellen viser tiltakene") for t in texts)
    assert any(t.startswith("Planen følges opp av en styringsgruppe") for t in texts)


def test_a_table_of_contents_gives_no_headings_and_a_dated_line_is_no_heading(tmp_path):
    pdf = make_pdf(
        tmp_path / "plan.pdf",
        [
            ["Boligplan for Testby", "Vedtatt av kommunestyret 13. mars 2024, sak 18/24"],
            [
                "Innhold",
                "1 Innledning . . . . . . . . . . . . 3",
                "2 Tiltak",
                ". . . . . . . . . . . . . . . 4",
            ],
            [
                "1 Innledning",
                "Kommunen skal bistå vanskeligstilte.",
                "2 Tiltak",
                "Kommunen skal kjøpe boliger.",
            ],
        ],
    )
    doc = load_document(pdf)
    headings = [(b.text, b.page) for b in doc.blocks if b.kind == "heading"]
    assert ("1 Innledning", 3) in headings and ("2 Tiltak", 3) in headings
    assert not [h for h in headings if h[1] == 2 and h[0] != "Innhold"]
    assert not [h for h in headings if "13. mars 2024" in h[0]]


def test_a_numbered_markdown_list_is_one_point_a_line(tmp_path):
    md = tmp_path / "evaluering.md"
    md.write_text(
        "# Evaluering av boligarbeidet\n\n## 6 Anbefalinger\n\nVi anbefaler følgende tiltak:\n\n"
        "1. **Etabler én felles inngang.** Ansvar: Boligtjenesten.\n"
        "2. **Innfør ett felles tildelingsutvalg.** Ansvar: NAV.\n",
        encoding="utf-8",
    )
    items = list_items(md)
    assert items == [
        "1. Etabler én felles inngang. Ansvar: Boligtjenesten.",
        "2. Innfør ett felles tildelingsutvalg. Ansvar: NAV.",
    ]


def test_a_page_whose_layout_text_fails_is_still_read_as_text_on_its_own_page(tmp_path, monkeypatch):
    from pypdf import PageObject

    plain = PageObject.extract_text

    def no_layout(self, *args, **kwargs):
        if kwargs.get("extraction_mode") == "layout":
            raise ValueError("layout failed")
        return plain(self, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", no_layout)
    doc = load_document(make_table_pdf(tmp_path / "plan.pdf"))
    assert doc.meta.pages == 1
    assert {b.page for b in doc.blocks} == {1}
    assert any("Seks akuttleiligheter i Brumunddal" in b.text for b in doc.blocks)


def test_a_web_pages_list_items_keep_a_bullet_or_their_number(tmp_path):
    # «treroms leilighet: 11 600 kroner,» on a line of its own reads as a heading unless it is marked as a point
    page = tmp_path / "husleie.html"
    page.write_text(
        "<html><body><h1>Husleie</h1><p>Månedlig husleie:</p><ul><li>toroms leilighet: 9 900 kroner,</li>"
        "<li>treroms leilighet: 11 600 kroner.</li></ul><ol><li>Skattemelding</li><li>Lønnsslipper</li></ol>"
        "<ul><li>– allerede merket</li></ul></body></html>",
        encoding="utf-8",
    )
    items = list_items(page)
    assert items == [
        "• toroms leilighet: 9 900 kroner,",
        "• treroms leilighet: 11 600 kroner.",
        "1. Skattemelding",
        "2. Lønnsslipper",
        "– allerede merket",
    ]


def test_numbered_points_a_pdf_wrapped_are_a_list_and_a_numbered_heading_stays_a_heading():
    from ingest.text import parse_text

    page = (
        "5.2 Delmål\n"
        "1. Gjennomsnittlig ventetid på kommunal bolig skal være under 5 måneder\n"
        "innen utgangen av 2027.\n"
        "2. Ingen barnefamilier skal bo i midlertidig botilbud i mer enn 14 døgn.\n"
        "3. Etablere et boligkontor som felles inngang for alle boligsosiale tjenester, med 4 årsverk fra NAV,\n"
        "Helse og velferd og Eiendom. Ansvar: kommunalsjef.\n"
        "Frist: 2026.\n"
        "4. Kommunen skal innvilge minst 60 startlån per år innen 2028.\n"
        "6. Tiltak\n"
        "Tiltakene er ordnet etter delmålene.\n"
    )
    blocks = [(b.kind, b.text) for b in parse_text(page, page=5, line_mode=True)]
    assert blocks == [
        ("heading", "5.2 Delmål"),
        (
            "list_item",
            "1. Gjennomsnittlig ventetid på kommunal bolig skal være under 5 måneder innen utgangen av 2027.",
        ),
        ("list_item", "2. Ingen barnefamilier skal bo i midlertidig botilbud i mer enn 14 døgn."),
        (
            "list_item",
            "3. Etablere et boligkontor som felles inngang for alle boligsosiale tjenester, med 4 årsverk fra NAV, "
            "Helse og velferd og Eiendom. Ansvar: kommunalsjef. Frist: 2026.",
        ),
        ("list_item", "4. Kommunen skal innvilge minst 60 startlån per år innen 2028."),
        ("heading", "6. Tiltak"),
        ("text", "Tiltakene er ordnet etter delmålene."),
    ]


def test_a_numbered_heading_may_open_with_an_accented_capital():
    from ingest.text import heading_level

    assert heading_level("6.2 Én dør inn og bedre saksbehandling", standalone=True) == 3


def word_export_pdf(path: Path, pages: list[list[str]], notes: dict[int, str] | None = None) -> Path:
    """A PDF as Word exports one: each page's footer holds the page number within a longer line, and a
    page's footnote sits under its text (`notes`: page number → footnote)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for n, lines in enumerate(pages, start=1):
        c.setFont("Helvetica", 10)
        y = 800
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        if notes and n in notes:
            c.drawString(72, 70, notes[n])
        c.drawString(72, 40, f"Boligsosial handlingsplan 2025–2028 | Side {n} av {len(pages)}")
        c.showPage()
    c.save()
    return path


def test_a_word_export_loses_its_footers_and_footnotes_but_keeps_lists_and_paragraphs_across_pages(tmp_path):
    wide = "Erfaringene fra NAV viser at de fleste begjæringer om utkastelse skyldes husleierestanser som har"
    pdf = word_export_pdf(
        tmp_path / "plan.pdf",
        [
            [
                "4.1 Forebygging",
                "Kommunen skal i planperioden gjennomføre disse tiltakene:",
                "Ansette en bo-oppfølger ved Boligkontoret fra 1. mars 2025",
                "Innføre fast varsling fra Eiendom KF til NAV når husleien for en kommunal bolig ikke er betalt på to",
                "måneder",
                "Tilby kurset «Min første bolig» to ganger i året",
                wide,
                "vart i mer enn tre måneder. Et tidlig varsel gir bedre muligheter.",
                "Kommunen disponerer 286 boliger.1 Gjennomtrekken er lav, og i 2023 flyttet sju til en bolig de",
            ],
            [
                "har kjøpt selv. Tallet på overganger må økes.",
                "5 Organisering",
                "Boligkontoret har fem årsverk.",
            ],
            ["6 Økonomi", "Tiltakene koster 1,1 millioner kroner per år."],
        ],
        notes={1: "1 Tallene er hentet fra kommunens fagsystem per 31. desember 2023."},
    )
    blocks = load_document(pdf).blocks
    texts = [b.text for b in blocks]
    # the bullets a browser or Word left out come back, one item each, the wrapped one whole
    assert [b.text for b in blocks if b.kind == "list_item"] == [
        "• Ansette en bo-oppfølger ved Boligkontoret fra 1. mars 2025",
        "• Innføre fast varsling fra Eiendom KF til NAV når husleien for en kommunal bolig ikke er betalt på to "
        "måneder",
        "• Tilby kurset «Min første bolig» to ganger i året",
    ]
    # (the paragraph after the list is none of its items)
    assert any(t.startswith("Erfaringene fra NAV") for t in texts)
    # «… | Side 2 av 3» on every page is a footer, no heading
    assert not any("Side" in t for t in texts)
    # the sentence that runs on to the next page is one, without the footnote's mark, and the footnote
    # stands on its own
    assert any(
        "Kommunen disponerer 286 boliger. Gjennomtrekken er lav, og i 2023 flyttet sju til en bolig de har "
        "kjøpt selv." in t
        for t in texts
    )
    assert "1 Tallene er hentet fra kommunens fagsystem per 31. desember 2023." in texts


def test_a_title_that_wrapped_after_its_dash_stays_whole():
    from ingest.text import parse_text

    blocks = parse_text("Boligsosial handlingsplan 2025–\n2028\n«Alle skal bo trygt»", page=1, line_mode=True)
    assert blocks[0].kind == "heading" and blocks[0].text == "Boligsosial handlingsplan 2025–2028"


def test_a_web_pages_questions_and_answers_and_its_fact_box_are_kept_but_not_its_related_links(tmp_path):
    page = """<html><head><title>Startlån – Kjellvik kommune</title></head><body>
    <main><article>
      <h1>Nå kan du søke om startlån digitalt</h1>
      <p>Fra 2. februar 2026 kan du søke om startlån digitalt.</p>
      <aside class="factbox"><h2>Startlån i Kjellvik – fakta</h2>
        <ul><li>Innvilget i 2025: <strong>52</strong></li></ul></aside>
      <h2>Spørsmål og svar</h2>
      <details><summary>Kan jeg bruke startlån til å kjøpe hytte?</summary>
        <p>Nei. Startlån kan bare brukes til en bolig som du selv skal bo fast i.</p></details>
    </article>
    <aside class="related"><h2>Relaterte artikler</h2>
      <ul><li><a href="/a">Ny boligsosial plan vedtatt</a></li></ul></aside>
    </main></body></html>"""
    path = tmp_path / "nyhet.html"
    path.write_text(page, encoding="utf-8")
    blocks = [(b.kind, b.level, b.text) for b in load_document(path).blocks]
    # the question an answer «Nei.» answers heads it, one level below «Spørsmål og svar»
    at = blocks.index(("heading", 3, "Kan jeg bruke startlån til å kjøpe hytte?"))
    assert blocks[at - 1] == ("heading", 2, "Spørsmål og svar") and blocks[at + 1][2].startswith(
        "Nei. Startlån"
    )
    assert ("list_item", 0, "• Innvilget i 2025: 52") in blocks
    assert not any("Relaterte" in t or "Ny boligsosial plan" in t for _, _, t in blocks)


def test_a_table_of_contents_the_layout_read_as_a_table_is_dropped():
    from ingest.pdf import _contents

    contents = [
        ("row", "Forord | 2"),
        ("row", "1 Innledning | 1.1 Bakgrunn 1.2 Metode | 4 4 4"),
        ("row", "2 Resultater | 7"),
        ("row", "Litteratur | 11"),
    ]
    assert _contents(contents)
    figures = [
        ("row", "Deltakere | 14 | 23 | 31"),
        ("row", "Nye | 15 | 13 | 12"),
        ("row", "Avsluttet | 1 | 4 | 4"),
    ]
    assert not _contents(figures)  # figures that go down are no page numbers


def test_a_word_file_without_heading_styles_gets_its_bold_lines_as_headings_and_typed_points_as_a_list(
    tmp_path,
):
    import docx
    from docx.shared import Pt

    d = docx.Document()

    def line(text: str, bold: bool = False, size: int | None = None) -> None:
        run = d.add_paragraph().add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)

    line("Ospedal kommune", bold=True, size=10)
    line("Retningsliner for tildeling av kommunal bustad", bold=True, size=18)
    line("1. Formål", bold=True, size=12)
    line("Retningslinene skal sikre at bustadene vert tildelte dei som har størst behov.")
    line("1.1 Verkeområde", bold=True, size=12)
    line("Når det er fleire søkjarar enn ledige bustader, skal utvalet prioritere i denne rekkjefølgja:")
    line("a) personar som er utan bustad")
    line("b) barnefamiliar som bur for trongt")
    line("Merk:", bold=True)  # a bold lead-in, not a heading
    d.save(tmp_path / "r.docx")
    doc = load_document(tmp_path / "r.docx")
    assert doc.meta.title == "Retningsliner for tildeling av kommunal bustad"
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [
        ("Retningsliner for tildeling av kommunal bustad", 1),
        ("1. Formål", 2),
        ("1.1 Verkeområde", 3),
    ]
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == [
        "a) personar som er utan bustad",
        "b) barnefamiliar som bur for trongt",
    ]
    chunk = next(c for c in split_document(doc) if "Verkeområde" in " › ".join(c.section))
    assert chunk.section[-1] == "1.1 Verkeområde"


def test_a_presentations_slides_are_a_title_each_over_its_points_without_the_numbered_footer(tmp_path):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    slides = [
        ["Boligsosialt arbeid i Fjellbu", "Status, utfordringer og tiltak 2026–2027"],
        ["Status 2025", "Venteliste: 38 husstander (okt. 2025)", "Herav 11 barnefamilier"],
        [
            "Utfordringer",
            "For få store boliger for barnefamilier",
            "Mangler egnede boliger for personer med rus og psykiske",
            "lidelser",
        ],
        ["Tiltak 2026", "Kjøpe 6 boliger for barnefamilier", "Egen boligkontakt ved NAV Fjellbu"],
    ]
    path = tmp_path / "fjellbu.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    c.setTitle("fjellbu.html")  # a browser's print names the file, not the deck
    for n, lines in enumerate(slides, start=1):
        y = 500
        for i, text in enumerate(lines):
            c.setFont("Helvetica", 28 if i == 0 else 18)
            c.drawString(60, y, text)
            y -= 40
        c.setFont("Helvetica", 9)
        c.drawString(40, 30, f"{n}Fjellbu kommune")  # the slide number glued to the footer
        c.showPage()
    c.save()
    doc = load_document(path)
    assert doc.meta.title == "Boligsosialt arbeid i Fjellbu" and doc.meta.municipality == "Fjellbu"
    assert [(b.text, b.page) for b in doc.blocks if b.kind == "heading"] == [
        ("Boligsosialt arbeid i Fjellbu", 1),
        ("Status 2025", 2),
        ("Utfordringer", 3),
        ("Tiltak 2026", 4),
    ]
    assert list_items(path) == [
        "• Venteliste: 38 husstander (okt. 2025)",
        "• Herav 11 barnefamilier",
        "• For få store boliger for barnefamilier",
        "• Mangler egnede boliger for personer med rus og psykiske lidelser",
        "• Kjøpe 6 boliger for barnefamilier",
        "• Egen boligkontakt ved NAV Fjellbu",
    ]
    assert not any("Fjellbu kommune" in b.text for b in doc.blocks)


def test_a_short_newsletters_header_under_the_cover_goes_and_a_headline_stays_apart_from_its_article(
    tmp_path,
):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "nyhetsbrev.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    articles = [
        (
            "Egen nøkkel først – nytt prosjekt",
            "Sandvær kommune startet 1. februar",
            "2025 prosjektet «Egen nøkkel først».",
        ),
        ("Endringer i bostøtten", "Kommunen avvikler den kommunale", "tilleggsbostøtten fra 1. juli 2026."),
        (
            "Startlån: Rekordmange fikk\nkjøpe egen bolig i 2024",  # a headline over two lines
            "I 2024 innvilget Sandvær kommune 27",
            "startlån på 64,8 millioner kroner.",
        ),
    ]
    for n, (headline, first, second) in enumerate(articles, start=1):
        c.setFont("Helvetica", 10)
        y = 800
        lines = (
            ["Bolignytt Sandvær", "Nyhetsbrev fra Sandvær kommune"]
            if n == 1
            else ["Bolignytt Sandvær · Desember 2025"]
        )
        for line in [*lines, *headline.split("\n"), "Publisert 3. desember 2025", first, second]:
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()
    blocks = load_document(path).blocks
    texts = [b.text for b in blocks]
    assert not any("Desember 2025" in t for t in texts)  # the header of pages 2 and 3
    # a headline, apart from the article under it
    assert ("heading", "Startlån: Rekordmange fikk kjøpe egen bolig i 2024") in [
        (b.kind, b.text) for b in blocks
    ]
    assert "I 2024 innvilget Sandvær kommune 27 startlån på 64,8 millioner kroner." in texts
    # a line that goes on with a figure in lower case is no heading: «… 1. februar» / «2025 prosjektet …»
    assert "Sandvær kommune startet 1. februar 2025 prosjektet «Egen nøkkel først»." in texts


def test_a_covers_lines_under_its_first_heading_are_text_not_the_sections_of_the_plan(tmp_path):
    pdf = make_pdf(
        tmp_path / "plan.pdf",
        [
            ["Testby kommune", "Boligsosial handlingsplan", "2025–2028", "Helse og velferd, boligkontoret"],
            [
                "1 Innledning",
                "Kommunen har hatt en plan siden 2016.",
                "1.1 Bakgrunn",
                "Planen ble vedtatt i 2025.",
            ],
            ["2 Tiltak", "Kommunen skal kjøpe ti boliger."],
        ],
    )
    doc = load_document(pdf)
    # (the publisher's line at its top is text too: it says whose plan it is, it heads no section)
    assert [b.text for b in doc.blocks if b.kind == "heading" and b.page == 1] == []
    assert "Helse og velferd, boligkontoret" in " ".join(b.text for b in doc.blocks if b.page == 1)
    assert doc.meta.municipality == "Testby"
    # the chapters stand under the plan, not under the department named at the foot of its cover
    chunk = next(c for c in split_document(doc) if "ti boliger" in c.text)
    assert "Helse og velferd" not in " › ".join(chunk.section)


def test_the_parts_of_the_minutes_dated_after_a_dash_are_headings(tmp_path):
    pdf = make_pdf(
        tmp_path / "saksframlegg.pdf",
        [
            [
                "Vurdering",
                "Kommunedirektøren tilrår alternativ 2.",
                "Handsaming i Formannskapet – 11.03.2025",
                "Votering: Innstillinga vart tilrådd med 6 mot 3 røyster.",
            ],
            ["Vedtatt av kommunestyret 27. mars 2025, sak 31/25", "Kommunen skal selje fire bustader."],
            ["Dette er siste side."],
        ],
    )
    headings = [b.text for b in load_document(pdf).blocks if b.kind == "heading"]
    assert "Handsaming i Formannskapet – 11.03.2025" in headings
    assert not [h for h in headings if "27. mars 2025" in h]


def test_a_web_pages_municipality_is_the_site_it_was_saved_from(tmp_path):
    path = tmp_path / "kommunal-bolig.html"
    path.write_text(
        "<html><head><title>Kommunal bolig – slik søker du - Elvstrand kommune</title></head>"
        "<body><main><h1>Kommunal bolig – slik søker du</h1><p>Du må ha bodd i Elvstrand i to år.</p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    meta = load_document(path).meta
    assert meta.title == "Kommunal bolig – slik søker du" and meta.municipality == "Elvstrand"


def test_a_case_documents_labelled_alternatives_are_a_list_like_numbered_points(tmp_path):
    pdf = make_pdf(
        tmp_path / "saksframlegg.pdf",
        [
            [
                "Vurdering",
                "Kommunedirektøren har vurdert tre alternativ:",
                "Alternativ 1: Vidareføre dagens organisering. Dette gir ingen meirutgifter på kort sikt, men vil",
                "truleg føre til fleire utkastingar.",
                "Alternativ 2: Etablere eit eige Bu først-team med 3,5 årsverk.",
                "Alternativ 3: Kjøpe oppfølgingstenester frå ein privat leverandør.",
                "Kommunedirektøren tilrår alternativ 2.",
            ]
        ],
    )
    assert list_items(pdf) == [
        "Alternativ 1: Vidareføre dagens organisering. Dette gir ingen meirutgifter på kort sikt, men vil truleg "
        "føre til fleire utkastingar.",
        "Alternativ 2: Etablere eit eige Bu først-team med 3,5 årsverk.",
        "Alternativ 3: Kjøpe oppfølgingstenester frå ein privat leverandør.",
    ]


def test_a_bold_line_under_a_styled_heading_heads_a_part_of_its_section(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph().add_run("Sølvberg kommune").bold = True  # over the title: no section
    d.add_heading("Evaluering av prosjektet «Trygg i egen bolig»", level=1)
    d.add_heading("5.3 Ansattes erfaringer", level=2)
    d.add_paragraph("De ansatte beskriver samarbeidet som bedre enn før.")
    d.add_paragraph().add_run("Kapasitet").bold = True
    d.add_paragraph("De ansatte mener at 15 husstander per veileder er en forsvarlig øvre grense.")
    d.add_paragraph().add_run("Kurset «Bo for deg selv»").bold = True
    d.add_paragraph("Kurset ble arrangert fire ganger.")
    d.add_paragraph().add_run("Dette er viktig.").bold = True  # a sentence in bold: emphasis
    d.save(tmp_path / "e.docx")
    doc = load_document(tmp_path / "e.docx")
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [
        ("Evaluering av prosjektet «Trygg i egen bolig»", 1),
        ("5.3 Ansattes erfaringer", 2),
        ("Kapasitet", 3),  # beside each other, not one under the other
        ("Kurset «Bo for deg selv»", 3),
    ]
    chunk = next(c for c in split_document(doc) if "øvre grense" in c.text)
    assert chunk.section_of("De ansatte mener at 15 husstander").endswith(
        "5.3 Ansattes erfaringer › Kapasitet"
    )


def test_a_publishers_line_at_the_top_of_a_text_file_says_whose_it_is_and_the_heading_after_it_is_the_title(
    tmp_path,
):
    path = tmp_path / "rutine.txt"
    path.write_text(
        "RAVNÅSEN KOMMUNE\nHelse og velferd - Boligtjenesten\n\n"
        "RUTINE FOR TILDELING AV KOMMUNAL UTLEIEBOLIG\n\nDok.id: RUT-BOL-07\nVersjon: 3.1\n\n"
        "-----------------------------------------------------------------\n\n"
        "1. FORMÅL\n\nRutinen skal sikre at søknader behandles likt.\n\n"
        "Klage\n-----\nKlagefristen er 3 uker fra vedtaket er mottatt.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.meta.title == "Rutine for tildeling av kommunal utleiebolig"
    assert doc.meta.municipality == "Ravnåsen"
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("RUTINE FOR TILDELING AV KOMMUNAL UTLEIEBOLIG", 1), ("1. FORMÅL", 2), ("Klage", 2)]
    assert not any(set(b.text) <= {"-"} for b in doc.blocks)  # the rule is no text
    assert (doc.blocks[0].kind, doc.blocks[0].text) == ("text", "RAVNÅSEN KOMMUNE")


def test_a_pdf_line_that_goes_on_from_a_full_one_is_no_heading_whatever_it_opens_with():
    from ingest.text import parse_text

    page = (
        "2.4 Dei kommunale bustadene\n"
        "Brekkvoll kommune disponerer 176 bustader, sjå tabell\n"
        "1. Omsorgsbustadene ligg i hovudsak i Brekkvoll\n"
        "omsorgstun og på Solbakken. Av dei 64 omsorgsbustadene har\n"
        "24 heildøgns bemanning, og fleire av utleigebustadene er gamle.\n"
        "Kommunen vil difor byggje nytt i planperioden fram til 2030.\n"
    )
    blocks = [(b.kind, b.text) for b in parse_text(page, page=4, line_mode=True)]
    assert ("heading", "1. Omsorgsbustadene ligg i hovudsak i Brekkvoll") not in blocks
    assert any(k == "text" and "sjå tabell 1. Omsorgsbustadene ligg" in t for k, t in blocks)


def test_a_table_pages_footnote_comes_once_and_its_mark_leaves_the_text():
    from ingest.pdf import _without_marks
    from planprat.models import Block

    blocks = [
        Block("text", "Kostnadene er anslag5 og må innarbeides i budsjettet.", page=6),
        Block("table_row", "Nr. | Tiltak | Kostnad", page=6),
        Block("table_row", "5 | Kjøpe boliger | 42 mill. kr", page=6),
    ]
    out = _without_marks(blocks, ["5 Alle beløp er anslag i 2025-kroner."])
    assert out[0].text == "Kostnadene er anslag og må innarbeides i budsjettet."
    assert out[1:] == blocks[1:]  # (a row's figure is no mark)


def test_a_publishers_line_that_names_its_partners_is_no_title_either(tmp_path):
    path = tmp_path / "referat.txt"
    path.write_text(
        "ØRNEVÅG KOMMUNE – NAV ØRNEVÅG – ØRNEVÅG BUSTADSTIFTING\n\n"
        "REFERAT FRÅ DIALOGMØTE OM KOMMUNALE UTLEIGEBUSTADER\n\nDato: Tysdag 11. februar 2025\n\n"
        "Sak 2/25 Husleigeregulering 2025\n\nHusleiga blir regulert etter konsumprisindeksen.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.meta.title == "Referat frå dialogmøte om kommunale utleigebustader"
    assert doc.meta.municipality == "Ørnevåg"
    assert (doc.blocks[0].kind, doc.blocks[0].text) == (
        "text",
        "ØRNEVÅG KOMMUNE – NAV ØRNEVÅG – ØRNEVÅG BUSTADSTIFTING",
    )


def test_a_case_paper_is_titled_by_its_case_not_by_the_publishers_line(tmp_path):
    path = tmp_path / "sak.md"
    path.write_text(
        "# Heggdal kommune – Saksframlegg\n\n| Saksnr. | 25/01184-6 |\n|---|---|\n| Dato | 03.11.2025 |\n"
        "| Utval | Formannskapet |\n\n## Sal av kommunale einebustader\n\nKommunen eig 7 einebustader.\n",
        encoding="utf-8",
    )
    meta = load_document(path).meta
    assert meta.title == "Saksframlegg: Sal av kommunale einebustader"
    assert meta.municipality == "Heggdal"


def test_a_links_words_for_screen_readers_only_are_not_in_the_text(tmp_path):
    path = tmp_path / "side.html"
    path.write_text(
        "<html><body><main><h1>Kommunal bolig</h1><p>Du søker med skjemaet <a href='/s'>Søknad om kommunal "
        "bolig<span class='visually-hidden'> (åpner i nytt vindu)</span></a> på Min side.</p>"
        "<p>Ring oss <span class='sr-only'>på telefon</span> 61 48 20 00.</p></main></body></html>",
        encoding="utf-8",
    )
    texts = [b.text for b in load_document(path).blocks]
    assert "Du søker med skjemaet Søknad om kommunal bolig på Min side." in texts
    # (outside a link, hidden words may be all that says what a figure is: they stay)
    assert "Ring oss på telefon 61 48 20 00." in texts


def test_a_municipal_regulations_own_paragraphs_head_their_text():
    from ingest.text import parse_text

    page = (
        "(4) Poengsummen vurderes på nytt minst hver sjette måned.\n"
        "§ 8 Tilbud om bolig\n"
        "(1) Søkeren får tilbud om en bestemt bolig.\n"
        "§ 12 Klage\n"
        "(1) Klagefristen er tre uker fra det tidspunkt vedtaket er kommet fram.\n"
        "§ 27 i sosialtjenesteloven gir rett til midlertidig botilbud.\n"
    )
    blocks = parse_text(page, page=4, line_mode=True)
    assert [b.text for b in blocks if b.kind == "heading"] == ["§ 8 Tilbud om bolig", "§ 12 Klage"]
    texts = [b.text for b in blocks if b.kind == "text"]
    assert texts[0] == "(4) Poengsummen vurderes på nytt minst hver sjette måned."
    assert "Klagefristen er tre uker" in texts[2]


def test_a_word_letters_bold_subject_line_is_its_title_over_its_numbered_points(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph().add_run("Leieboerforeningen Kolbeinsvik").bold = True
    d.add_paragraph("Storgata 14, Kolbeinsvik")
    d.add_paragraph().add_run("Høringsuttalelse – Boligpolitisk plan 2026–2036").bold = True
    d.add_paragraph("Vi viser til høringsbrev av 26. august 2025.")
    d.add_heading("1. Generelle merknader", level=2)
    d.add_paragraph("Vi er positive til planen.")
    path = tmp_path / "horingsuttalelse.docx"
    d.save(path)
    doc = load_document(path)
    assert doc.meta.title == "Høringsuttalelse – Boligpolitisk plan 2026–2036"
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("Høringsuttalelse – Boligpolitisk plan 2026–2036", 1), ("1. Generelle merknader", 2)]
    assert doc.meta.kind == "other"


def test_a_numbered_point_that_wraps_onto_the_end_of_its_sentence_is_no_heading():
    from ingest.text import parse_text

    page = (
        "6 Strategier\n"
        "Planen har seks strategier.\n"
        "5 Kommunen skal bruke egne tomter og utbyggingsavtaler aktivt for å styre\n"
        "boligsammensetningen.\n"
        "7 Tiltak i handlingsdelen\n"
        "Tabellen viser tiltakene.\n"
    )
    heads = [b.text for b in parse_text(page, page=8, line_mode=True) if b.kind == "heading"]
    assert heads == ["6 Strategier", "7 Tiltak i handlingsdelen"]
