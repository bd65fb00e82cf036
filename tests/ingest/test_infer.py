"""A document without a manifest entry still gets its municipality, kind and year from its own text."""

from __future__ import annotations

import pytest

from ingest.infer import infer, infer_kind, infer_municipality, infer_year

pytestmark = pytest.mark.unit


def test_the_municipality_in_the_title_wins():
    assert (
        infer_municipality("Boligsosial handlingsplan 2016–2019 for Trondheim kommune", "Bergen kommune")
        == "Trondheim"
    )
    assert infer_municipality("Helhetlig boligpolitisk handlingsplan, Bodø kommune", "") == "Bodø"
    assert infer_municipality("Indre Østfold kommunes boligplan", "") == "Indre Østfold"


def test_otherwise_the_municipality_the_first_pages_call_x_kommune_most_often():
    head = "Stavanger kommune har 3000 boliger. Stavanger kommune eier ... Samarbeid med Sandnes kommune."
    assert infer_municipality("Boligsosial handlingsplan", head) == "Stavanger"
    assert infer_municipality("Rapport", "Tiltak i Kommunen Levanger for unge") == "Levanger"


def test_no_guess_when_no_real_municipality_is_named():
    assert infer_municipality("Boligsosial handlingsplan", "Kommunen skal bistå vanskeligstilte.") is None
    assert infer_municipality("Plan for Storbyen kommune", "Storbyen kommune") is None  # not a municipality


def test_a_municipality_missing_from_the_list_counts_when_the_title_calls_it_x_kommune():
    # a new, renamed or made-up municipality: «X kommune» in the title, or twice on the first pages
    assert infer_municipality("Boligsosial handlingsplan 2025–2028 – Strandvik kommune", "") == "Strandvik"
    assert infer_municipality("Sluttrapport", "Vikafjord herad har … Vikafjord herad sin plan") == "Vikafjord"
    assert infer_municipality("Sluttrapport", "Vikafjord kommune har 4 000 innbyggjarar.") is None
    # an ordinary word before «kommune» is no name
    assert infer_municipality("Plan for Denne kommune", "Hver kommune skal … Hver kommune bør …") is None


def test_kind_and_year_come_from_the_title():
    assert infer_kind("Saksframlegg – boligsosial handlingsplan") == "case"
    assert infer_kind("Evaluering av bostøtteordningen") == "report"
    assert infer_kind("Sluttrapport: Prosjekt «Trygg i egen bolig» 2021–2023") == "report"
    assert infer_kind("Prosjektrapport for Samhandlingsarena") == "report"
    assert infer_kind("Boligsosial handlingsplan 2020–2024") == "plan"
    assert infer_kind("Forskrift om startlån") == "regulation"
    assert infer_kind("Myrkvoll herad Saksprotokoll") == "case"  # the minutes of a council's case
    assert infer_kind("Referat") is None
    assert infer_year("Boligsosial handlingsplan 2016–2019", "") == 2016
    assert infer_year("Boligsosial handlingsplan", "Vedtatt 2021. Revidert 2021. Sist 2019.") == 2021
    assert infer("Notat", "").municipality is None


def test_an_uploaded_plan_without_manifest_gets_its_municipality(tmp_path):
    from ingest.load import load_document

    f = tmp_path / "plan.txt"
    f.write_text(
        "Boligsosial handlingsplan 2022–2025\n\nTromsø kommune skal skaffe flere utleieboliger. "
        "Tromsø kommune vil samarbeide med Husbanken.\n",
        encoding="utf-8",
    )
    meta = load_document(f).meta
    assert (meta.municipality, meta.kind, meta.year) == ("Tromsø", "plan", 2022)


def test_a_name_no_list_holds_counts_when_the_title_places_the_document_there():
    # («Fjellbu kommune» stood only in the slides' running footer, which the loader drops)
    assert infer_municipality("Boligsosialt arbeid i Fjellbu", "") == "Fjellbu"
    assert infer_municipality("Handlingsplan for Sandvær 2025–2028", "") == "Sandvær"
    # an institution is named «fra» the title's author, and an ordinary word is no place
    assert infer_municipality("Rapport fra Husbanken", "") is None
    assert infer_municipality("Housing First i Norge", "") is None
    assert infer_municipality("Tiltak for Unge", "") is None


def test_a_masthead_line_under_the_title_names_the_municipality_a_sentence_does_not():
    assert (
        infer_municipality("Årsmelding 2024", "Hovsdal kommune · Eining for bustad og tenester Handsama …")
        == "Hovsdal"
    )
    assert infer_municipality("Årsmelding 2024", "Årsmelding\nHovsdal kommune\nBustadkontoret") == "Hovsdal"
    assert infer_municipality("Sluttrapport", "Vikafjord kommune har 4 000 innbyggjarar.") is None


def test_a_response_to_a_plan_on_consultation_is_no_plan():
    assert infer_kind("Høringsuttalelse – Boligpolitisk plan 2026–2036") == "other"
    assert infer_kind("Høyringsfråsegn til bustadsosial handlingsplan") == "other"
    assert infer_kind("Boligpolitisk plan 2026–2036") == "plan"
