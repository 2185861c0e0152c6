"""Step 4 feedback request: the request in three tones, and the feedback log counted by theme."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.drafting import (
    Composer,
    Letter,
    Message,
    drafts,
    gaps_note,
    letter_from,
)
from worksheets.compute.drafting import role_phrase as the_role
from worksheets.compute.references import picked_name
from worksheets.compute.runner import Context

WANTED = {"person": "who to write to", "company": "the company", "role": "the role",
          "sender": "your name"}
LEADS = {"warm": "If you have a moment, ", "formal": "If your time allows, ", "brief": ""}
ASKS = {
    "anything": ("I'd be grateful for any feedback on my interview. Even one thing I could do "
                 "better next time would really help."),
    "edge": "was there one skill or experience that set the chosen candidate apart?",
    "improve": "is there one part of my interview you'd suggest I work on before my next one?",
}
# Where each theme points next, following the table on the step page.
NEXT_STEPS = {
    "communication": ("Practise short, structured answers: step 13, Prepare for the next "
                      "interview, shows how."),
    "experience": "Plan how to close that gap in step 6, Strengthen skills and close gaps.",
    "fit": ("Fit is often outside your hands. Step 2, Separate your worth from the outcome, "
            "helps you put it in its place, and ask yourself whether you want roles like this."),
    "technique": ("Look at how you prepare and present: score your next interview in step 5, "
                  "Evaluate your performance honestly."),
}
MAX_QUOTE = 160  # long notes are shortened in the list; the full text stays in the log


@dataclass(frozen=True)
class Entry:
    position: int
    when: date | None
    source: str
    said: str
    themes: tuple[str, ...]
    action: str


def _ask(tone: str, kind: str) -> str:
    sentence = LEADS[tone] + ASKS.get(kind, ASKS["anything"])
    return sentence[0].upper() + sentence[1:]


def compose_for(kind: str) -> Composer:
    """A composer with the reader's chosen question built in; `drafts` calls it per tone."""
    def compose(tone: str, letter: Letter) -> Message:
        return _MESSAGES[tone](letter, _ask(tone, kind))
    return compose


def _warm(letter: Letter, ask: str) -> Message:
    return Message(
        subject=f"A quick request about {the_role(letter.role, 'interview')}",
        paragraphs=(f"Thank you again for considering me for {the_role(letter.role)}. I know "
                    "you're busy, so I'll keep this short.",
                    ask,
                    "Thank you either way, and I hope the new hire settles in well."),
        closing="Best regards,",
    )


def _formal(letter: Letter, ask: str) -> Message:
    where = f" at {letter.company}" if letter.company else ""
    return Message(
        subject=f"Feedback request: {the_role(letter.role, 'interview')}",
        paragraphs=(f"Thank you once more for the opportunity to interview for "
                    f"{the_role(letter.role, 'position')}{where}.",
                    ask,
                    "I understand if this is not possible, and I appreciate your time either "
                    "way."),
        closing="Kind regards,",
    )


def _brief(letter: Letter, ask: str) -> Message:
    return Message(
        subject=f"Quick question about {the_role(letter.role, 'interview')}",
        paragraphs=(f"Thanks again for considering me for {the_role(letter.role)}. {ask} No "
                    "worries if you can't share anything.",),
        closing="Thanks,",
    )


_MESSAGES = {"warm": _warm, "formal": _formal, "brief": _brief}


# --- The feedback log -----------------------------------------------------------------


def _theme_labels(context: Context) -> dict[str, str]:
    rows = context.field("feedback").get("fields", [])
    themes = next((f for f in rows if f.get("id") == "themes"), {})
    return {option["value"]: option["label"] for option in themes.get("options", [])}


def entries(answers: Answers, known: dict[str, str]) -> list[Entry]:
    """Log rows with something in them, dated ones in date order, then undated ones."""
    found = []
    for position, row in enumerate(answers.rows("feedback"), start=1):
        themes = tuple(t for t in dict.fromkeys(row.choices("themes")) if t in known)
        entry = Entry(position, row.date("date"), picked_name(row, "interview"), row.text("said"),
                      themes, row.text("action"))
        # A new row comes with today's date filled in, so a date alone is not an entry.
        if entry.source or entry.said or entry.themes or entry.action:
            found.append(entry)
    return sorted(found, key=lambda e: (e.when is None, e.when or date.min))


def _sentence(text: str) -> str:
    """Shortened when long, and closed with a full stop so the next part reads apart."""
    if len(text) > MAX_QUOTE:
        return text[:MAX_QUOTE].rstrip() + "…"
    return text if text[-1] in ".!?…\"”" else f"{text}."


def _describe(entry: Entry) -> str:
    head = ", ".join(part for part in (entry.when.isoformat() if entry.when else "",
                                       entry.source) if part) or f"Entry {entry.position}"
    text = f"{head}: {_sentence(entry.said)}" if entry.said else f"{head} (no words noted yet)"
    return f"{text} Next: {_sentence(entry.action)}" if entry.action else text


def _top_themes(log: list[Entry], labels: dict[str, str]) -> list[blocks.Block]:
    counts = Counter(t for e in log for t in e.themes)
    best = max(counts.values())
    top = [t for t in labels if counts[t] == best]
    tagged = sum(1 for e in log if e.themes)
    names = " and ".join(labels[t] for t in top)
    if len(top) == 1:
        text = f"{names} comes up most: {best} of {tagged} tagged entries."
    else:
        times = "once" if best == 1 else f"{best} times"
        text = f"{names} come up equally often, {times} each."
    text += (" The same point from more than one place is worth acting on." if best > 1 else
             " One comment is one person's view; watch for it coming up again.")
    result = [blocks.paragraph(text)]
    for theme in top:
        under = [_describe(e) for e in log if theme in e.themes]
        result.append(blocks.items(under, title=f"Under {labels[theme]}"))
        result.append(blocks.paragraph(NEXT_STEPS.get(theme, "Pick one thing to act on this "
                                                             "week.")))
    return result


def log_blocks(log: list[Entry], labels: dict[str, str]) -> list[blocks.Block]:
    if not log:
        return [blocks.paragraph("When feedback comes back, add it to the log and tag its "
                                 "theme. Patterns show up here.")]
    untagged = sum(1 for e in log if not e.themes)
    result: list[blocks.Block] = []
    if untagged < len(log):
        counts = Counter(t for e in log for t in e.themes)
        result.append(blocks.chart("Feedback by theme", list(labels.values()),
                                   [counts[t] for t in labels], unit="entries"))
        result += _top_themes(log, labels)
    if untagged:
        result.append(blocks.paragraph(
            f"{untagged} {'entry has' if untagged == 1 else 'entries have'} no theme yet. "
            "Tag each one so it counts."))
    return result


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    letter = letter_from(answers)
    labels = _theme_labels(context)
    log = entries(answers, labels)
    if letter.is_blank() and not log:
        return [blocks.paragraph("Start with the company and the person you met, and your "
                                 "request appears here in three tones. Log any feedback "
                                 "below when it arrives.")]
    result = [blocks.heading("Your request")]
    if letter.is_blank():
        result.append(blocks.paragraph("Fill in the company and who to write to above, and "
                                       "the request appears here."))
    else:
        result += drafts(letter, answers.choice("tone"), compose_for(answers.choice("ask")),
                         "request")
        result += gaps_note(letter, WANTED)
    return [*result, blocks.heading("What came back"), *log_blocks(log, labels)]
