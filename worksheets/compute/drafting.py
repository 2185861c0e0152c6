"""Shared email drafting for steps 3 and 4: one message in three tones, with neutral gaps.

A composer turns a tone and a `Letter` into a subject and paragraphs; this module fills
the greeting, the sign-off and the recipient, and orders the tones so the chosen one
comes first. A missing answer becomes neutral wording, never "None" or an empty gap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from worksheets.compute import blocks
from worksheets.compute.answers import Answers

TONES = ("warm", "formal", "brief")
TONE_NAMES = {"warm": "Warm", "formal": "Formal", "brief": "Brief"}
GREETINGS = {"warm": "Hi", "formal": "Dear", "brief": "Hello"}
UNNAMED = {"warm": "Hi there,", "formal": "Dear hiring team,", "brief": "Hello,"}
ROLE_NOUNS = frozenset({"role", "position", "job", "post", "opening", "vacancy"})
# Words that start a phrase in lower case when it is dropped into the middle of a sentence.
LOWER_STARTS = frozenset({"the", "a", "an", "your", "our", "how", "what", "that", "this",
                          "their", "all", "being", "getting", "seeing", "meeting"})
OWN_OPENING = re.compile(r"^i (?:really |especially |particularly |truly )?"
                         r"(?:enjoyed|valued|appreciated|liked|loved) ", re.IGNORECASE)
EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]+$")


@dataclass(frozen=True)
class Letter:
    """What a message may mention; every field is plain text, possibly empty."""

    company: str = ""
    role: str = ""
    person: str = ""
    email: str = ""
    sender: str = ""
    contact: str = ""
    valued: str = ""

    @property
    def address(self) -> str:
        return email_address(self.email)

    def is_blank(self) -> bool:
        return self == Letter()


@dataclass(frozen=True)
class Message:
    subject: str
    paragraphs: tuple[str, ...]
    closing: str


Composer = Callable[[str, Letter], Message]


def letter_from(answers: Answers) -> Letter:
    """Read the fields both composers share; ids absent from a worksheet stay empty."""
    return Letter(
        company=_one_line(answers.text("company")),
        role=_one_line(answers.text("role")),
        # "Sam," would become "Hi Sam,,"; a full stop stays, as in "Ms.".
        person=_one_line(answers.text("interviewer")).rstrip(",;: "),
        email=answers.text("interviewer_email"),
        sender=_one_line(answers.text("your_name")),
        contact=_one_line(answers.text("contact")),
        valued=_one_line(answers.text("valued")),
    )


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def email_address(text: str) -> str:
    """The address itself from "a@b.org", "mailto:a@b.org" or "Ana <a@b.org>"; else ""."""
    text = text.strip()
    inside = re.search(r"<([^<>]*)>", text)
    text = (inside.group(1) if inside else text).strip()
    text = re.sub(r"^mailto:", "", text, flags=re.IGNORECASE).strip()
    return text if EMAIL.match(text) else ""


def tone_order(chosen: str) -> list[str]:
    """All three tones, the chosen one first; the usual order when nothing valid is chosen."""
    return [chosen, *(t for t in TONES if t != chosen)] if chosen in TONES else list(TONES)


def role_phrase(role: str, noun: str = "role") -> str:
    """Say "the data analyst role", without doubling a noun the reader already typed."""
    if not role:
        return f"the {noun}"
    words = role.split()
    named = role if words[0].lower() == "the" else f"the {role}"
    return named if words[-1].lower() in ROLE_NOUNS else f"{named} {noun}"


def clause(text: str) -> str:
    """A phrase to drop mid-sentence: no closing full stop, a lower-case start if generic."""
    text = _one_line(text).rstrip(" .!?;:,")
    # The sentence around it already says "I enjoyed"; don't say it twice.
    text = OWN_OPENING.sub("", text)
    first = text.split(" ", 1)[0] if text else ""
    if first and (first.lower() in LOWER_STARTS or first.lower().endswith("ing")):
        return text[0].lower() + text[1:]
    return text


def greeting(tone: str, letter: Letter) -> str:
    if letter.person:
        return f"{GREETINGS[tone]} {letter.person},"
    if tone == "formal" and letter.company:
        return f"Dear {letter.company} hiring team,"
    return UNNAMED[tone]


def signature(closing: str, letter: Letter) -> str:
    """The closing line, then the name and a way to reach you when they were given."""
    return "\n".join(line for line in (closing, letter.sender, letter.contact) if line)


def body(tone: str, message: Message, letter: Letter) -> str:
    parts = [greeting(tone, letter), *message.paragraphs, signature(message.closing, letter)]
    return "\n\n".join(part for part in parts if part)


def drafts(letter: Letter, chosen: str, compose: Composer, kind: str) -> list[blocks.Block]:
    """One draft block per tone, the chosen tone first and marked as the reader's pick."""
    result = []
    for tone in tone_order(chosen):
        message = compose(tone, letter)
        label = f"{TONE_NAMES[tone]} {kind}" + (" (your pick)" if tone == chosen else "")
        result.append(blocks.draft(label, body(tone, message, letter),
                                   subject=message.subject, to=letter.address))
    return result


def gaps_note(letter: Letter, wanted: dict[str, str]) -> list[blocks.Block]:
    """A gentle nudge naming the answers that would make the drafts more personal."""
    missing = [label for attribute, label in wanted.items() if not getattr(letter, attribute)]
    notes = []
    if missing:
        listed = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} and {missing[-1]}"
        notes.append(f"The drafts use general wording for now. Add {listed} to make them yours.")
    if letter.email and not letter.address:
        notes.append("The email address looks incomplete, so the drafts have no recipient yet. "
                     "Check it has an @ and a domain, like name@example.org.")
    return [blocks.paragraph(" ".join(notes))] if notes else []
