"""Step 14 support map: who offers what, and each kind of support nobody offers yet."""

from __future__ import annotations

from dataclasses import dataclass

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.runner import Context

# Short column headings for the table; any other option falls back to its own label.
COLUMNS: dict[str, str] = {"leads": "Leads", "practice": "Practice"}
# What to say when nobody offers a kind of support: the gap and one person to look for.
GAPS: dict[str, str] = {
    "listening": "Nobody to just listen yet. Think of one friend or relative who hears you "
                 "out before giving advice.",
    "leads": "Nobody for leads yet. A former colleague in your field is a good first message.",
    "referrals": "Nobody for referrals yet. Look for someone who works at a company you "
                 "would like to join.",
    "advice": "Nobody for advice yet. A mentor, teacher or someone a few steps ahead of you "
              "could help.",
    "practice": "Nobody for mock interviews yet. Ask a friend to put five questions to you, "
                "or ask a career center adviser.",
}


@dataclass(frozen=True)
class Person:
    name: str
    relationship: str
    offers: frozenset[str]

    @property
    def shown(self) -> str:
        return f"{self.name} ({self.relationship})" if self.relationship else self.name


def _kinds(context: Context) -> dict[str, str]:
    """The kinds of support, value to label, in the definition's order."""
    sub_fields = context.field("people").get("fields", [])
    offers = next((f for f in sub_fields if f["id"] == "offers"), {})
    return {option["value"]: option["label"] for option in offers.get("options", [])}


def _people(rows: list[Answers], kinds: dict[str, str]) -> list[Person]:
    people = []
    for number, row in enumerate(rows, start=1):
        offers = frozenset(value for value in row.choices("offers") if value in kinds)
        name, relationship = row.text("name"), row.text("relationship")
        if name or relationship or offers:
            # Without a name, "old classmate" still says who is meant better than a number.
            if not name:
                name, relationship = relationship or f"Person {number}", ""
            people.append(Person(name, relationship, offers))
    return people


def _table(people: list[Person], kinds: dict[str, str]) -> blocks.Block:
    columns = ["Person", *(COLUMNS.get(value, label) for value, label in kinds.items())]
    rows: list[list[str | int]] = [
        [p.shown, *("yes" if value in p.offers else "" for value in kinds)] for p in people
    ]
    rows.append(["How many", *(sum(value in p.offers for p in people) for value in kinds)])
    return blocks.table(columns, rows, title="Who offers what")


def _gaps(people: list[Person], kinds: dict[str, str]) -> list[blocks.Block]:
    missing = [GAPS.get(value, f"Nobody for {label.lower()} yet.")
               for value, label in kinds.items() if not any(value in p.offers for p in people)]
    if not missing:
        return [blocks.paragraph("Every kind of support has someone behind it. Keep in touch "
                                 "with them, and offer help back when you can.")]
    return [blocks.items(missing, title="Gaps to fill")]


def _thin(people: list[Person], kinds: dict[str, str]) -> list[blocks.Block]:
    """Support that rests on one person: worth a second name, since people get busy."""
    lines = []
    for value, label in kinds.items():
        givers = [p.name for p in people if value in p.offers]
        if len(givers) == 1:
            lines.append(f"{label}: only {givers[0]} so far")
    return [blocks.items(lines, title="Resting on one person")] if lines else []


def _unsure(people: list[Person]) -> list[blocks.Block]:
    names = [p.name for p in people if not p.offers]
    if not names:
        return []
    return [blocks.paragraph(f"Not sure yet what {_and(names)} could offer? Ask. Most "
                             "people like being asked for something specific.")]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    kinds = _kinds(context)
    people = _people(answers.rows("people"), kinds)
    if not people:
        return [blocks.paragraph("Add one person who is on your side, and tick what they could "
                                 "help with. One name is a real start.")]
    count = f"{len(people)} {'person' if len(people) == 1 else 'people'} in your corner."
    return [blocks.paragraph(count), _table(people, kinds), *_gaps(people, kinds),
            *_thin(people, kinds), *_unsure(people)]
