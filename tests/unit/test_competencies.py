"""Competency detection for step 13: above all, the senses of "lead". Sales leads, lead
generation and lead times are not leadership; leading a team or a project is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worksheets.compute.competencies import (
    COMPETENCIES,
    lead_senses,
    mentions,
    normalize,
    ranked,
)


@pytest.mark.parametrize(("text", "sense"), [
    ("You will generate leads for the team.", "sales"),
    ("Qualify inbound leads from the website", "sales"),
    ("follow up on sales leads within a day", "sales"),
    ("Run lead generation campaigns", "sales"),
    ("Our lead-gen tools", "sales"),
    ("warm leads", "sales"),
    ("Reduce lead times across the supply chain", "timing"),
    ("lead-times of two weeks", "timing"),
    ("I led a team of four volunteers", "leadership"),
    ("lead a project from start to finish", "leadership"),
    ("Leading cross-functional teams", "leadership"),
    ("She leads the delivery of our training programme", "leadership"),
    ("Proven team lead", "leadership"),
    ("Customer support lead", "leadership"),
    ("take the lead on onboarding", "leadership"),
    ("lead by example", "leadership"),
    ("Team leader", "leadership"),
    ("a leading provider of team building events", "other"),
    ("the UK's leading retailer", "other"),
    ("a market leader in logistics", "other"),
    ("present to senior leaders", "other"),
    ("a team led by our operations director", "other"),
    ("manage leads from the website", "other"),
])
def test_each_sense_of_lead(text: str, sense: str) -> None:
    assert lead_senses(text) == {sense: 1}


def test_an_advert_with_both_kinds_of_lead_counts_each_where_it_belongs() -> None:
    advert = ("Sales coordinator. Generate leads through cold calling, log sales leads in our "
              "CRM and keep lead times for samples short. After six months you will lead a "
              "team of two and lead a project to improve lead generation.")
    assert lead_senses(advert) == {"sales": 3, "timing": 1, "leadership": 2}
    found = mentions(advert)
    assert found["leadership"] == 2
    # "Sales" twice as a word, three sales leads.
    assert found["commercial"] == 5


def test_a_sales_advert_with_no_team_to_lead_asks_for_no_leadership() -> None:
    advert = ("Inside sales representative: generate leads, qualify leads, convert leads into "
              "customers, hit monthly targets. Lead generation experience and short lead "
              "times are a plus.")
    found = mentions(advert)
    assert "leadership" not in found
    assert ranked(found)[0][0].value == "commercial"


def test_generate_leads_and_lead_a_team_in_one_clause() -> None:
    assert lead_senses("Generate leads and lead a team") == {"sales": 1, "leadership": 1}


def test_a_clause_boundary_stops_a_lead_from_reaching_a_team() -> None:
    assert lead_senses("Log the leads, the team follows up") == {"other": 1}


def test_other_words_for_leading_people_count_as_leadership() -> None:
    found = mentions("You will coach new staff, mentor apprentices and line manage two "
                     "assistants; leadership experience is essential.")
    assert found["leadership"] == 4


def test_thought_leadership_is_not_leadership() -> None:
    assert "leadership" not in mentions("Write thought leadership articles.")


def test_normalize_joins_clauses_never_and_unhyphenates_words() -> None:
    assert normalize("Self-starter,  LEAD\u2011times \u2019") == "self starter, lead times '"
    assert lead_senses("leads,\nteam") == {"other": 1}


def test_ranked_orders_by_count_then_by_the_fixed_order() -> None:
    order = [c.value for c, _ in ranked(mentions("customers, clients, data, a deadline"))]
    assert order == ["customer", "analysis", "pressure"]


def test_every_competency_has_two_different_questions() -> None:
    for competency in COMPETENCIES:
        assert len(set(competency.questions)) == 2
        assert all(q.endswith(("?", ".")) for q in competency.questions)


# --- Properties ------------------------------------------------------------------------------

SALES_CLAUSES = st.sampled_from([
    "Generate sales leads.", "Follow up on inbound leads.", "Run lead generation.",
    "Cut lead times.", "Qualify new leads.", "Reduce lead-times.", "Chase warm leads.",
])
WORDS = st.lists(st.sampled_from([
    "team", "teams", "project", "we", "and", "a", "the", "customer", "data", "deadline",
    "lead", "leads", "led", "leading", "leader", "with", "by", "on", "x", "sales", "new",
]), max_size=25).map(" ".join)


@given(WORDS, st.lists(SALES_CLAUSES, max_size=4))
def test_sales_and_timing_sentences_never_add_leadership(text: str, extra: list[str]) -> None:
    before = mentions(text)["leadership"]
    after = mentions(". ".join([text, *extra]))["leadership"]
    assert after == before


@given(WORDS)
def test_a_sentence_about_leading_a_team_adds_exactly_one(text: str) -> None:
    before = mentions(text)["leadership"]
    assert mentions(f"{text}. I led a team of five.")["leadership"] == before + 1


@given(st.text(max_size=200))
def test_any_text_gives_counts_without_raising(text: str) -> None:
    found = mentions(text)
    assert all(count > 0 for count in found.values())
    assert {c.value for c, _ in ranked(found)} == set(found)
