"""The hosting guide's worked example (worksheets/examples/definitions/appointment-prep.yml):
an agenda for a careers appointment and a short note to send the adviser beforehand."""

from __future__ import annotations

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.runner import Context

OPENERS = {
    "direction": "I'd like to talk about which roles to aim for.",
    "applications": "I'd like help with my applications.",
    "interviews": "I'd like to prepare for interviews.",
    "setback": "I'd like to make a plan after a recent rejection.",
}


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    goal = answers.choice("goal")
    questions = [row.text("question") for row in answers.rows("questions") if row.text("question")]
    if not goal and not questions:
        return [blocks.paragraph("Choose what you want from the appointment, or add a "
                                 "question, to see your agenda here.")]
    agenda = [OPENERS.get(goal, "I'd like some general careers advice.")]
    agenda += [f"Question: {question}" for question in questions]
    if answers.text("tried"):
        agenda.append(f"So far I have: {answers.text('tried')}")
    result: list[blocks.Block] = [blocks.items(agenda, title="Your agenda")]
    bring = answers.choices("bring")
    if bring:
        result.append(blocks.items(bring, title="Bring with you"))
    greeting = f"Hello {answers.text('adviser')}," if answers.text("adviser") else "Hello,"
    body = "\n".join([greeting, "", "Before our appointment, here is what I'd like to cover:",
                      *(f"- {line}" for line in agenda), "", "Thank you."])
    result.append(blocks.draft("A note to send your adviser beforehand", body,
                               subject="Before my careers appointment", mail=True))
    return result
