"""A PDF page's table, read from pypdf's layout text, comes out row by row."""

from __future__ import annotations

import pytest

from ingest.pdf_tables import figure_rows, looks_tabular, table_blocks

pytestmark = pytest.mark.unit

LAYOUT = """\
 Plan 2024–2035                                                          Ringsaker kommune
 Tabellen viser tiltakene.

 Tiltak                                  Ansvar                 Tidsramme        Kostnad

 Kjøp av 30 brukte leiligheter           Eiendomsforvaltningen   2024–2029        96 mill. kr
                                                                                 (startlån fra
                                                                                 Husbanken)
 Seks akuttleiligheter                   Eiendomsforvaltningen   2025             14,5 mill. kr
 Eldre og tilrettelagte boliger
 Etablere Housing First med 12           Helse og omsorg        1. halvår 2024
 boliger for bostedsløse                 i samarbeid
 Forebyggende hjemmebesøk med            Hjemmetjenesten         Fra 2024         Innenfor vedtatt
 informasjon om tilskudd                                                         ramme

 Planen følges opp av en styringsgruppe.
                                              Side 6
"""


def test_rows_come_whole_with_wrapped_cells_joined_and_group_rows_kept():
    running = {"Plan 2024–2035", "Ringsaker kommune", "Side 6"}.__contains__
    parts = table_blocks(LAYOUT, running)
    assert parts == [
        ("text", "Tabellen viser tiltakene."),
        ("row", "Tiltak | Ansvar | Tidsramme | Kostnad"),
        (
            "row",
            "Kjøp av 30 brukte leiligheter | Eiendomsforvaltningen | 2024–2029 | 96 mill. kr (startlån fra Husbanken)",
        ),
        ("row", "Seks akuttleiligheter | Eiendomsforvaltningen | 2025 | 14,5 mill. kr"),
        ("row", "Eldre og tilrettelagte boliger"),
        (
            "row",
            "Etablere Housing First med 12 boliger for bostedsløse | Helse og omsorg i samarbeid | 1. halvår 2024",
        ),
        (
            "row",
            "Forebyggende hjemmebesøk med informasjon om tilskudd | Hjemmetjenesten | Fra 2024 | Innenfor vedtatt ramme",
        ),
        ("text", "Planen følges opp av en styringsgruppe."),
    ]


def test_text_without_a_table_is_left_to_the_text_reader():
    assert table_blocks(" Kommunen skal bygge boliger.\n Planen gjelder til 2027.\n") is None


def test_text_in_two_columns_is_read_column_by_column_from_the_plain_text():
    left = [f"Linje {n} i venstre spalte om boliger" for n in range(20)]
    right = [f"Linje {n} i høyre spalte om tiltak" for n in range(20)]
    layout = "\n".join(f" {a}     {b}" for a, b in zip(left, right, strict=True))
    plain = "\n".join(left + right)
    assert table_blocks(layout, plain=plain) == [("text", plain)]


# A browser's print of a plan set in two justified columns, with a table across the page between them
# (pypdf's layout text; its plain text has the left column's lines before the right column's).
_JUSTIFIED_LEFT = [
    ("Kommunen    disponerte    412    kommunale", "Kommunen disponerte 412 kommunale"),
    ("utleieboliger   ved   utgangen   av   2025.   Av", "utleieboliger ved utgangen av 2025. Av"),
    ("disse  eier  kommunen  356  selv,  mens  56  er", "disse eier kommunen 356 selv, mens 56 er"),
    ("innleid  fra  private  utleiere  og  videreutleid.", "innleid fra private utleiere og videreutleid."),
    ("Antallet       tilsvarer       16,9       kommunalt", "Antallet tilsvarer 16,9 kommunalt"),
    ("disponerte  boliger  per  1  000  innbyggere.", "disponerte boliger per 1 000 innbyggere."),
]
_JUSTIFIED_RIGHT = [
    ("Gjennomsnittlig startlån var dermed om lag", "Gjennomsnittlig startlån var dermed om lag"),
    ("2,34  millioner  kroner.  Toppåret  i  perioden", "2,34 millioner kroner. Toppåret i perioden"),
    ("var  2022,  da  74  husstander  fikk  startlån.", "var 2022, da 74 husstander fikk startlån."),
    ("Barnefamilier    utgjorde    58    prosent    av", "Barnefamilier utgjorde 58 prosent av"),
    ("låntakerne i 2025.", "låntakerne i 2025."),
    ("Ventelisten   for   kommunal   bolig   har   økt.", "Ventelisten for kommunal bolig har økt."),
]
_TABLE = [
    " Indikator                                          2021       2022       2023",
    "",
    " Innvilgede startlån (antall)                         61         74         58",
    "",
    " Bostøttemottakere i desember (husstander)           743        811        869",
    "",
    " Husstander på venteliste for kommunal bolig          57         63         71",
]


def test_text_in_justified_columns_is_no_table_but_the_table_between_them_is():
    layout = "\n".join(
        [f" {a:<55}{b}" for (a, _), (b, _) in zip(_JUSTIFIED_LEFT, _JUSTIFIED_RIGHT, strict=True)]
        + ["", " Tabell 1. Utvalgte nøkkeltall", ""]
        + _TABLE
    )
    table_plain = [
        "Indikator 2021 2022 2023",
        "Innvilgede startlån (antall) 61 74 58",
        "Bostøttemottakere i desember (husstander) 743 811 869",
        "Husstander på venteliste for kommunal bolig 57 63 71",
    ]
    plain = "\n".join(
        [p for _, p in _JUSTIFIED_LEFT]
        + [p for _, p in _JUSTIFIED_RIGHT]
        + ["Tabell 1. Utvalgte nøkkeltall"]
        + table_plain
    )
    parts = table_blocks(layout, plain=plain)
    assert parts == [
        (
            "text",
            "\n".join(
                [p for _, p in _JUSTIFIED_LEFT]
                + [p for _, p in _JUSTIFIED_RIGHT]
                + ["Tabell 1. Utvalgte nøkkeltall"]
            ),
        ),
        ("row", "Indikator | 2021 | 2022 | 2023"),
        ("row", "Innvilgede startlån (antall) | 61 | 74 | 58"),
        ("row", "Bostøttemottakere i desember (husstander) | 743 | 811 | 869"),
        ("row", "Husstander på venteliste for kommunal bolig | 57 | 63 | 71"),
    ]


def test_a_page_whose_plain_text_runs_short_lines_may_hold_a_table():
    cells = "\n".join(
        ["Tiltak", "Ansvar", "Frist", "Kjøpe boliger", "Eiendom", "2025", "Bo-oppfølging", "NAV"]
    )
    assert looks_tabular(cells)
    # cells that wrap break the runs: three runs of three short lines are a table too
    wrapped = "\n".join(
        [
            "Tiltak",
            "Ansvar",
            "Frist",
            "Etablere Housing First-tilbud med 12 boliger for bostedsløse",
            "Helse og omsorg",
            "med Eiendom",
            "1. halvår 2024",
            "Kjøpe 40 nye utleieboliger spredt i ordinære bomiljøer",
            "Eiendom",
            "Innen 2027",
            "NAV",
        ]
    )
    assert looks_tabular(wrapped)
    assert not looks_tabular("Kommunen skal bygge boliger for vanskeligstilte i hele planperioden.\n" * 8)


def test_a_first_cell_wrapped_onto_a_line_in_lower_case_goes_on_from_the_row_above():
    layout = "\n".join(
        [
            " Tiltak                                   Ansvar                     Frist",
            " Etablere Housing First med 12 boliger    Helse og omsorg            1. halvår 2024",
            " for bostedsløse med rus                  med Eiendom",
            " Kjøpe 40 nye utleieboliger               Eiendom                    Innen 2027",
        ]
    )
    assert table_blocks(layout) == [
        ("row", "Tiltak | Ansvar | Frist"),
        (
            "row",
            "Etablere Housing First med 12 boliger for bostedsløse med rus | Helse og omsorg med Eiendom | 1. halvår 2024",
        ),
        ("row", "Kjøpe 40 nye utleieboliger | Eiendom | Innen 2027"),
    ]


# pypdf's plain text of a browser-printed table: one row per line, cells one space apart
ROWS_AS_LINES = """\
Om lag en tredjedel av boligene er bygget før 1985 og har behov for
oppgradering.
Tabell 1 Kommunale utleieboliger etter størrelse og gjennomsnittlig månedsleie, 31.12.2024
Boligtype Antall boliger Gjennomsnittlig areal Månedsleie (kr) Merknad
Hybel/ettroms 96 32 m² 6 400 Venteliste på 31 husstander, hovedsakelig enslige under 30 år
Toroms 148 51 m² 8 900 Størst etterspørsel fra flyktninger og enslige forsørgere
Treroms 112 68 m² 11 200 Flere boliger på Hanstad har fukt og trenger rehabilitering
Tilrettelagt for
bevegelseshemmede 18 58 m² 9 700 Alle har trinnfri adkomst
Sum 412
4.2 Husleie og leieavtaler"""


def test_a_table_given_one_row_per_line_keeps_its_rows_apart_and_its_wrapped_first_cells_joined():
    parts = figure_rows(ROWS_AS_LINES)
    assert parts is not None
    rows = [t for kind, t in parts if kind == "row"]
    assert rows == [
        "Hybel/ettroms 96 32 m² 6 400 Venteliste på 31 husstander, hovedsakelig enslige under 30 år",
        "Toroms 148 51 m² 8 900 Størst etterspørsel fra flyktninger og enslige forsørgere",
        "Treroms 112 68 m² 11 200 Flere boliger på Hanstad har fukt og trenger rehabilitering",
        "Tilrettelagt for bevegelseshemmede 18 58 m² 9 700 Alle har trinnfri adkomst",
        "Sum 412",
    ]
    assert parts[0][0] == "text" and parts[0][1].endswith("Merknad")  # the caption and header stay text
    assert parts[-1] == ("text", "4.2 Husleie og leieavtaler")


def test_wrapped_text_with_figures_and_a_numbered_heading_are_no_table_rows():
    text = (
        "4.2 Kjøp i 2024\n"
        "I 2024 kjøpte sju husstander boligen de leide. Gjennomsnittlig kjøpesum var 2 780 000 kroner, og\n"
        "gjennomsnittlig startlån per kjøp var 2 350 000 kroner i 2024. Tolv av de 26 husstandene som har\n"
        "kjøpt siden 2021, fikk også tilskudd til etablering, i gjennomsnitt 185 000 kroner per husstand.\n"
    )
    assert figure_rows(text) is None


def test_a_word_the_layout_text_split_apart_is_whole_again_in_the_text_beside_a_table():
    # a browser's PDF with ligatures: the layout text opens a gap inside «ikke», the plain text has it whole
    table = (
        "      Boligstørrelse                       2024              2025\n"
        "      Hybel/ettroms                        7 110             7 450\n"
        "      Toroms                               8 875             9 300\n"
        "      Treroms                              10 690            11 200\n\n"
        "     Husleien reguleres årlig etter konsumprisindeksen fra 1. januar hvert år.\n"
    )
    gap = "     NAV har ansvar for å finne botilbud for dem som ikk              e klarer det selv.\n"
    plain = "NAV har ansvar for å finne botilbud for dem som ikke\nklarer det selv.\n"
    parts = table_blocks(table + gap, plain=plain)
    assert ("row", "Toroms | 8 875 | 9 300") in parts
    assert parts[-1][1].endswith(
        "hvert år.\nNAV har ansvar for å finne botilbud for dem som ikke klarer det selv."
    )
    # two words the page has each on its own keep their space
    spaced = "     Kommunen har           bolig til dem.\n"
    parts = table_blocks(table + spaced, plain="Kommunen har bolig til dem.")
    assert parts[-1][1].endswith("\nKommunen har bolig til dem.")


def test_text_in_two_columns_keeps_the_blank_lines_that_part_its_paragraphs():
    left = [f"Linje {n} i venstre spalte om boliger" for n in range(20)]
    right = [f"Linje {n} i høyre spalte om tiltak" for n in range(20)]
    layout = "\n".join(f" {a}     {b}" for a, b in zip(left, right, strict=True))
    plain = "\n".join(left[:10] + ["", "  "] + left[10:] + right)
    assert table_blocks(layout, plain=plain) == [("text", "\n".join(left[:10] + [""] + left[10:] + right))]


def test_figures_set_flush_right_under_a_wider_header_stay_in_its_column():
    # (as pypdf's layout text gives a report's table: each figure ends where its header ends)
    layout = (
        "År                    Innvilgede startlån           Utlånt beløp (mill. kr)       Tilskudd til etablering\n"
        "2021                                     44                              51,2                              9\n"
        "2022                                     47                              58,3                             11\n"
        "2023                                     53                              66,9                             14\n"
    )
    rows = [part for kind, part in table_blocks(layout) if kind == "row"]
    assert rows == [
        "År | Innvilgede startlån | Utlånt beløp (mill. kr) | Tilskudd til etablering",
        "2021 | 44 | 51,2 | 9",
        "2022 | 47 | 58,3 | 11",
        "2023 | 53 | 66,9 | 14",
    ]


def test_sums_with_thousands_groups_are_figures_each_of_a_row_given_on_one_line():
    plain = (
        "Tabell 9.1 Budsjett og regnskap (kroner).\nPost Budsjett Regnskap Avvik\n"
        "Prosjektledelse (lønn og sosiale kostnader) 3 200 000 3 146 500 53 500\n"
        "Kompetanseheving og kurs 38 000 24 600 13 400\n"
        "Ekstern evaluering 350 000 350 000 0\nProsjektet fikk et merforbruk."
    )
    rows = [part for kind, part in figure_rows(plain) or [] if kind == "row"]
    assert rows[:3] == [
        "Prosjektledelse (lønn og sosiale kostnader) 3 200 000 3 146 500 53 500",
        "Kompetanseheving og kurs 38 000 24 600 13 400",
        "Ekstern evaluering 350 000 350 000 0",
    ]


def test_a_first_cell_that_stops_at_a_preposition_goes_on_in_the_line_below():
    layout = (
        "Tiltak                                              Ansvar                    Når\n"
        "Opprette to nye stillinger som boveileder           Helse og omsorg           2026\n"
        "Gjennomføre pilotprosjektet for leie før eie på     Kolbeinsvik Eiendom KF    2027–2029\n"
        "Bakkeløkka (12 boliger)\n"
        "Øke rammen for startlån til 180 millioner kroner    Økonomiavdelingen         Budsjett 2027\n"
    )
    rows = [part for kind, part in table_blocks(layout) if kind == "row"]
    assert (
        rows[2]
        == "Gjennomføre pilotprosjektet for leie før eie på Bakkeløkka (12 boliger) | Kolbeinsvik Eiendom KF | 2027–2029"
    )
    assert rows[3].startswith("Øke rammen for startlån")
