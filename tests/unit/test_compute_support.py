"""Step 14 support map: the who-offers-what table and the gaps nobody covers yet."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.runner import run

TODAY = date(2026, 11, 27)
KINDS = ["listening", "leads", "referrals", "advice", "practice"]


def result(answers: object) -> list[dict]:
    return run("support-map", answers, TODAY)


def person(name: str = "", relationship: str = "", *offers: str) -> dict:
    return {"name": name, "relationship": relationship, "offers": list(offers)}


def titled(blocks: list[dict], title: str) -> dict:
    return next(b for b in blocks if b.get("title") == title)


def test_empty_answers_invite_a_first_person() -> None:
    for empty in ({}, None, {"people": []}, {"people": [person()]}, {"people": "Sam"}):
        blocks = result(empty)
        assert len(blocks) == 1
        assert blocks[0]["text"].startswith("Add one person")


def test_table_shows_who_offers_what_with_totals() -> None:
    blocks = result({"people": [
        person("Maya", "friend", "listening", "advice"),
        person("Sam", "", "leads", "listening"),
    ]})
    assert blocks[0]["text"] == "2 people in your corner."
    table = titled(blocks, "Who offers what")
    assert table["columns"] == ["Person", "Listening", "Leads", "Referrals", "Advice", "Practice"]
    assert table["rows"] == [
        ["Maya (friend)", "yes", "", "", "yes", ""],
        ["Sam", "yes", "yes", "", "", ""],
        ["How many", 2, 1, 0, 1, 0],
    ]


def test_gaps_name_each_kind_nobody_offers() -> None:
    blocks = result({"people": [person("Maya", "friend", "listening", "advice", "leads")]})
    gaps = titled(blocks, "Gaps to fill")["items"]
    assert [g.split(".")[0] for g in gaps] == ["Nobody for referrals yet",
                                                "Nobody for mock interviews yet"]


def test_no_gaps_when_every_kind_is_covered() -> None:
    blocks = result({"people": [person("Maya", "", *KINDS), person("Sam", "", *KINDS)]})
    assert not any(b.get("title") == "Gaps to fill" for b in blocks)
    assert not any(b.get("title") == "Resting on one person" for b in blocks)
    assert any("Every kind of support has someone" in b.get("text", "") for b in blocks)


def test_support_that_rests_on_one_person_is_named() -> None:
    blocks = result({"people": [person("Maya", "", "listening", "practice"),
                                person("Sam", "", "listening")]})
    assert titled(blocks, "Resting on one person")["items"] == [
        "Practice partner for mock interviews: only Maya so far"]


def test_people_without_names_or_offers_still_count() -> None:
    blocks = result({"people": [person("", "old classmate"), person("", "", "advice"),
                                person("Jo")]})
    table = titled(blocks, "Who offers what")
    assert [row[0] for row in table["rows"]] == ["old classmate", "Person 2", "Jo", "How many"]
    assert any(b.get("text", "").startswith("Not sure yet what old classmate and Jo could offer")
               for b in blocks)
    assert len(titled(blocks, "Gaps to fill")["items"]) == 4


def test_unknown_or_malformed_offers_are_ignored() -> None:
    blocks = result({"people": [{"name": "Ana", "offers": ["money", 3, None, "leads"]},
                                {"name": "Bo", "offers": "listening"}, "not a row"]})
    table = titled(blocks, "Who offers what")
    assert table["rows"][-1] == ["How many", 0, 1, 0, 0, 0]
    assert len(table["rows"]) == 3


def test_unicode_and_long_names_pass_through() -> None:
    name = "Zoë Ñúñez 李雷 " * 100
    table = titled(result({"people": [person(name, "", "advice")]}), "Who offers what")
    assert table["rows"][0][0] == name.strip()


rows = st.lists(st.one_of(
    st.fixed_dictionaries({"name": st.text(max_size=10), "relationship": st.text(max_size=10),
                           "offers": st.lists(st.sampled_from([*KINDS, "other"]), max_size=6)}),
    st.dictionaries(st.text(max_size=8), st.one_of(st.none(), st.text(max_size=5),
                                                    st.integers()), max_size=3),
    st.text(max_size=5)), max_size=8)


# The first run in a fresh checkout builds Hypothesis's Unicode tables, which is slow.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(rows, st.none(), st.integers()))
def test_any_answers_give_blocks_without_raising(people: object) -> None:
    blocks = result({"people": people})
    assert_valid_result(blocks)
    for b in blocks:
        if b["type"] == "table":
            totals = b["rows"][-1][1:]
            assert all(0 <= n <= len(b["rows"]) - 1 for n in totals)
