"""Step 3 reply composer: a thank-you reply to a rejection in warm, formal and brief tones."""

from __future__ import annotations

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.drafting import Letter, Message, clause, drafts, gaps_note, letter_from
from worksheets.compute.drafting import role_phrase as the_role
from worksheets.compute.runner import Context

# What makes the reply personal, in the words the nudge uses.
WANTED = {"person": "who to write to", "company": "the company", "role": "the role",
          "valued": "one thing you valued", "sender": "your name"}


def _warm(letter: Letter) -> Message:
    enjoyed = (f"I especially enjoyed {clause(letter.valued)}." if letter.valued
               else "I enjoyed learning more about the team and the work.")
    return Message(
        subject=f"Re: {letter.role}" if letter.role else "Thank you for letting me know",
        paragraphs=(
            "Thanks so much for letting me know, and for the time you and the team spent with "
            f"me. {enjoyed}",
            "Of course I'm disappointed, but I came away with a great impression of "
            f"{letter.company or 'the team'}. If a role opens that fits my background, I'd "
            "love to be considered.",
        ),
        closing="Wishing you and the team all the best,",
    )


def _formal(letter: Letter) -> Message:
    about = f" about {the_role(letter.role, 'position')}" if letter.role else ""
    valued = f" I particularly appreciated {clause(letter.valued)}." if letter.valued else ""
    return Message(
        subject=(f"Re: Application for {the_role(letter.role, 'position')}" if letter.role
                 else "Re: My application"),
        paragraphs=(
            f"Thank you for informing me of your decision{about}, and for the time you and "
            f"your colleagues gave to my application.{valued}",
            f"I remain very interested in {letter.company or 'your organization'}, and I would "
            "welcome the chance to be considered for future positions that suit my background.",
        ),
        closing="Kind regards,",
    )


def _brief(letter: Letter) -> Message:
    valued = f" I appreciated {clause(letter.valued)}." if letter.valued else ""
    where = f" at {letter.company}" if letter.company else ""
    return Message(
        subject=f"Re: {letter.role}" if letter.role else "Thank you",
        paragraphs=(f"Thank you for the update and for your time.{valued} I'd welcome hearing "
                    f"about future openings{where}.",),
        closing="Best,",
    )


def compose(tone: str, letter: Letter) -> Message:
    return {"warm": _warm, "formal": _formal, "brief": _brief}[tone](letter)


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    letter = letter_from(answers)
    if letter.is_blank():
        return [blocks.paragraph("Start with the company and the person you met, and your "
                                 "reply appears here in three tones, ready to edit.")]
    return [
        *drafts(letter, answers.choice("tone"), compose, "reply"),
        *gaps_note(letter, WANTED),
        blocks.paragraph("Before you send it, read it once more and check the spelling of "
                         "their name, the company and the role."),
    ]
