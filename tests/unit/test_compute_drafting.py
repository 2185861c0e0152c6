"""The drafting shared by steps 3 and 4: addresses, phrases, greetings and tone order."""

from __future__ import annotations

import pytest

from worksheets.compute.answers import Answers
from worksheets.compute.drafting import (
    Letter,
    Message,
    body,
    clause,
    drafts,
    email_address,
    gaps_note,
    greeting,
    letter_from,
    role_phrase,
    tone_order,
)


@pytest.mark.parametrize(("typed", "address"), [
    ("sam@lakeside.example", "sam@lakeside.example"),
    ("  mailto:Sam@Lakeside.example ", "Sam@Lakeside.example"),
    ("Sam Lee <sam@lakeside.example>", "sam@lakeside.example"),
    ("sam@lakeside", ""), ("sam", ""), ("", ""), ("a@b.c, d@e.f", ""), ("sam @x.org", ""),
])
def test_email_address(typed: str, address: str) -> None:
    assert email_address(typed) == address


@pytest.mark.parametrize(("chosen", "order"), [
    ("formal", ["formal", "warm", "brief"]), ("brief", ["brief", "warm", "formal"]),
    ("warm", ["warm", "formal", "brief"]), ("", ["warm", "formal", "brief"]),
    ("shouty", ["warm", "formal", "brief"]),
])
def test_tone_order(chosen: str, order: list[str]) -> None:
    assert tone_order(chosen) == order


@pytest.mark.parametrize(("role", "noun", "phrase"), [
    ("", "role", "the role"), ("Office coordinator", "role", "the Office coordinator role"),
    ("Data analyst position", "role", "the Data analyst position"),
    ("The night shift job", "interview", "The night shift job"),
    ("Junior data analyst", "interview", "the Junior data analyst interview"),
])
def test_role_phrase(role: str, noun: str, phrase: str) -> None:
    assert role_phrase(role, noun) == phrase


@pytest.mark.parametrize(("typed", "phrase"), [
    ("Hearing about the new booking system.", "hearing about the new booking system"),
    ("The tour of the clinic!", "the tour of the clinic"),
    ("Priya's walkthrough of the routing data", "Priya's walkthrough of the routing data"),
    ("I really enjoyed the tour", "the tour"),
    ("", ""),
])
def test_clause(typed: str, phrase: str) -> None:
    assert clause(typed) == phrase


def test_greetings_fall_back_to_neutral_wording() -> None:
    assert greeting("warm", Letter(person="Sam")) == "Hi Sam,"
    assert greeting("formal", Letter(person="Ms. Okafor")) == "Dear Ms. Okafor,"
    assert greeting("formal", Letter(company="Northwind")) == "Dear Northwind hiring team,"
    assert greeting("formal", Letter()) == "Dear hiring team,"
    assert greeting("warm", Letter()) == "Hi there,"
    assert greeting("brief", Letter(company="Northwind")) == "Hello,"


def test_letter_from_answers_tidies_lines_and_a_trailing_comma() -> None:
    letter = letter_from(Answers({"interviewer": " Sam, ", "company": "North\n wind",
                                  "role": 7, "your_name": None}))
    assert letter == Letter(company="North wind", person="Sam")
    assert not letter.is_blank() and Letter().is_blank()


def test_body_leaves_out_missing_signature_lines() -> None:
    message = Message(subject="S", paragraphs=("One.", "Two."), closing="Best,")
    assert body("brief", message, Letter()) == "Hello,\n\nOne.\n\nTwo.\n\nBest,"
    signed = Letter(person="Sam", sender="Jordan", contact="555 0100")
    assert body("warm", message, signed) == "Hi Sam,\n\nOne.\n\nTwo.\n\nBest,\nJordan\n555 0100"


def test_drafts_mark_the_pick_and_fill_the_recipient() -> None:
    def compose(tone: str, letter: Letter) -> Message:
        return Message(subject=tone.upper(), paragraphs=(tone,), closing="Bye,")

    made = drafts(Letter(email="sam@x.org"), "brief", compose, "note")
    assert [d["label"] for d in made] == ["Brief note (your pick)", "Warm note", "Formal note"]
    assert [d["subject"] for d in made] == ["BRIEF", "WARM", "FORMAL"]
    assert {d["to"] for d in made} == {"sam@x.org"}


def test_gaps_note_lists_what_is_missing_and_a_bad_address() -> None:
    wanted = {"person": "who to write to", "company": "the company", "role": "the role"}
    (note,) = gaps_note(Letter(role="Analyst", email="sam@"), wanted)
    assert "Add who to write to and the company to make them yours." in note["text"]
    assert "email address looks incomplete" in note["text"]
    assert gaps_note(Letter(person="S", company="C", role="R"), wanted) == []
