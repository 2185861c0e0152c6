"""Step 12 reframe record: before-and-after changes, a short reflection, and the next prompt."""

from __future__ import annotations

from dataclasses import dataclass

from worksheets.compute import blocks, safety
from worksheets.compute.answers import Answers
from worksheets.compute.runner import Context

TOP = 100.0
# A fall of this much or more reads as a real shift, not noise in a 0-100 guess.
CLEAR_DROP = 10.0

# One gentle prompt per part, keyed by field id; the order comes from the definition.
PROMPTS: dict[str, str] = {
    "situation": "Start with the facts: what happened, when, and who was involved. "
                 "Leave opinions for later.",
    "feelings": "Name what you felt in a word or two. Disappointed, embarrassed or flat "
                "are all fair answers.",
    "feeling_intensity": "Rate how strong that feeling was, from 0 to 100, so you have "
                         "something to compare with at the end.",
    "automatic_thought": "Write down the first thing your mind said when the news came, "
                         "word for word, however harsh.",
    "thought_belief": "Rate how much you believe that thought right now, from 0 to 100.",
    "evidence_for": "List the facts that seem to back the thought up. Being honest here "
                    "makes the rest stronger.",
    "evidence_against": "Stuck on the evidence against? Ask yourself: what did they say yes "
                        "to along the way? Is there another reason they might have picked "
                        "someone else? Would you say this thought to a friend?",
    "reframe": "Now write one fair sentence that takes in both lists and points to where "
               "you will look next.",
    "reframe_belief": "Rate how much you believe your redirection, from 0 to 100.",
    "thought_belief_after": "Read the automatic thought once more and rate it again. It does "
                            "not have to fall to zero.",
    "feeling_intensity_after": "Last one: how strong is the feeling now, from 0 to 100?",
}


@dataclass(frozen=True)
class Pair:
    """One rating taken before and after the record, either of which may be missing."""

    label: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def _rating(answers: Answers, field_id: str) -> float | None:
    value = answers.number(field_id)
    return value if value is not None and 0 <= value <= TOP else None


def _is_filled(answers: Answers, field: dict[str, object]) -> bool:
    field_id = str(field["id"])
    if field["type"] == "scale":
        return _rating(answers, field_id) is not None
    return bool(answers.text(field_id))


def _change_text(change: float | None) -> str:
    if change is None:
        return "not yet"
    if change == 0:
        return "no change"
    return f"{'down' if change < 0 else 'up'} {abs(change):g}"


def _rated(value: float | None) -> str:
    return "not rated" if value is None else f"{value:g}"


def _changes(thought: Pair, feeling: Pair) -> list[blocks.Block]:
    pairs = [p for p in (thought, feeling) if p.before is not None or p.after is not None]
    if not pairs:
        return []
    rows = [[p.label, _rated(p.before), _rated(p.after), _change_text(p.change)] for p in pairs]
    return [blocks.table(["Rating (0 to 100)", "Before", "After", "Change"], rows,
                         title="Before and after")]


def _thought_line(thought: Pair) -> str:
    change = thought.change
    if change is None:
        return ""
    if change <= -CLEAR_DROP:
        return (f"Your belief in the harsh thought fell from {thought.before:g} to "
                f"{thought.after:g}. It did not have to vanish to lose its grip.")
    if change < 0:
        return (f"The harsh thought eased a little, from {thought.before:g} to "
                f"{thought.after:g}. Small shifts count.")
    if change == 0:
        return ("Your belief in the harsh thought has not moved yet. That is common. Add one "
                "more fact to the evidence against, or talk it over with someone, and rate it "
                "again later.")
    return ("The harsh thought feels stronger than before. That can happen on a raw day. "
            "Come back to this after a walk or a night's sleep.")


def _feeling_line(feeling: Pair) -> str:
    change = feeling.change
    if change is None:
        return ""
    if change < 0:
        return f"The feeling went from {feeling.before:g} to {feeling.after:g}."
    return ("The feeling is as strong as before, which is normal so soon after a no. "
            "Go gently on yourself today.")


def _reframe_line(reframe: float | None, thought_after: float | None) -> str:
    if reframe is None or thought_after is None or reframe <= thought_after:
        return ""
    return (f"You now believe your redirection ({reframe:g}) more than the harsh thought "
            f"({thought_after:g}).")


def _reflection(answers: Answers, thought: Pair, feeling: Pair) -> list[blocks.Block]:
    reframe_belief = _rating(answers, "reframe_belief")
    lines = [_thought_line(thought), _feeling_line(feeling),
             _reframe_line(reframe_belief, thought.after)]
    result = []
    if reframe_belief is not None:
        result.append(blocks.score("Belief in your redirection", reframe_belief, TOP))
    if any(lines):
        result += [blocks.heading("Reflection"), blocks.paragraph(" ".join(filter(None, lines)))]
    return result


def _next_prompt(answers: Answers, context: Context) -> list[blocks.Block]:
    """Only the first empty part, so the record asks for one thing at a time."""
    empty = [f for f in context.definition["fields"] if not _is_filled(answers, f)]
    if not empty:
        return [blocks.paragraph("Every part is filled in. Take your redirection with you into "
                                 "the next interview you prepare for.")]
    first = empty[0]
    prompt = PROMPTS.get(first["id"], f"Fill in “{first['label']}” when you are ready.")
    after = "" if len(empty) == 1 else f" ({len(empty) - 1} more after this one.)"
    return [blocks.heading(f"Next: {first['label']}"), blocks.paragraph(prompt + after)]


# The heaviest exercise in the guide: its result always shows where to find support.
SUPPORT_LEAD = "If this brings up more than you can carry today:"


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    return [*_record(answers, context), safety.support_link(lead=SUPPORT_LEAD)]


def _record(answers: Answers, context: Context) -> list[blocks.Block]:
    if answers.is_empty():
        return [blocks.paragraph("Start with the situation: one or two plain sentences about "
                                 "what happened. The rest follows from there.")]
    thought = Pair("Belief in the automatic thought", _rating(answers, "thought_belief"),
                   _rating(answers, "thought_belief_after"))
    feeling = Pair("How strong the feeling was", _rating(answers, "feeling_intensity"),
                   _rating(answers, "feeling_intensity_after"))
    result = [*_changes(thought, feeling), *_reflection(answers, thought, feeling)]
    if reframe := answers.text("reframe"):
        result.append(blocks.paragraph(f"Your redirection: “{reframe}”"))
    return result + _next_prompt(answers, context)
