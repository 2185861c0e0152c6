"""Step 13 answer builder: length, speaking time, flags, a draft, and questions from the ad."""

from __future__ import annotations

import re
from dataclasses import dataclass

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.runner import Context

WORDS_PER_MINUTE = 130
# Two minutes at that pace: past this, interviewers tend to lose the thread.
LONG_ANSWER_WORDS = 260
MAX_BANK_QUESTIONS = 6
# Letters and digits, keeping "don't" and "well-known" as one word each, in any script.
WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
TOKEN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Theme:
    """A keyword family from job ads and the behavioural questions it tends to bring."""

    name: str
    pattern: re.Pattern[str]
    questions: tuple[str, ...]


def _theme(name: str, words: str, *questions: str) -> Theme:
    return Theme(name, re.compile(rf"(?:{words})"), questions)


# Built-in and fixed, so the same ad always gives the same bank. Order breaks ties.
THEMES: tuple[Theme, ...] = (
    _theme("stakeholder", r"stakeholders?",
           "Tell me about a time you brought a doubtful stakeholder on board.",
           "Describe a time two groups wanted different things from you. What did you do?"),
    _theme("deadline", r"deadlines?",
           "Tell me about a time you delivered to a very tight deadline.",
           "Describe a time you saw a deadline slipping. What did you do first?"),
    _theme("data", r"data|analytics?|analysis|metrics|reporting",
           "Tell me about a time you used data to make a decision or change a mind.",
           "Describe a time you found a mistake in numbers other people relied on."),
    _theme("team", r"teams?|teamwork|collaborat\w*",
           "Tell me about a time you helped a team reach a shared goal.",
           "Describe working closely with someone whose style was very different from yours."),
    _theme("conflict", r"conflicts?|disagreements?|negotiat\w*",
           "Tell me about a disagreement at work and how you handled it.",
           "Describe a time you gave feedback that someone did not want to hear."),
    _theme("customer", r"customers?|clients?",
           "Tell me about a time you turned an unhappy customer around.",
           "Describe a time you went further than a customer expected."),
    _theme("lead", r"lead|leads|leader|leaders|leadership|leading|led|mentor\w*",
           "Tell me about a time you led something without being the manager.",
           "Describe a time you helped someone new get up to speed."),
    _theme("priorities", r"priorit\w*|multitask\w*|organi[sz]ed|organi[sz]ational",
           "Tell me about a time you had too much to do. How did you choose what came first?",
           "Describe a week when plans changed at short notice. How did you reorganize?"),
    _theme("problem solving", r"problems?|troubleshoot\w*|solutions?",
           "Tell me about a time you solved a problem under pressure.",
           "Describe a problem you spotted before anyone asked you to."),
    _theme("communication", r"communicat\w*|present\w*|writing|written",
           "Tell me about a time you explained something complex to a non-expert.",
           "Describe a time a message you sent was misunderstood. What did you change?"),
)
GENERAL_QUESTIONS: tuple[str, ...] = (
    "Tell me about a time you learned something new quickly.",
    "Tell me about a mistake you made and what you did next.",
    "Describe an achievement you are proud of and your part in it.",
)


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def speaking_time(words: int) -> str:
    """Words at 130 a minute, as a phrase a person would say."""
    seconds = round(words * 60 / WORDS_PER_MINUTE)
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"about {rest} {'second' if rest == 1 else 'seconds'}"
    spoken = f"about {minutes} {'minute' if minutes == 1 else 'minutes'}"
    return spoken + (f" {rest} {'second' if rest == 1 else 'seconds'}" if rest else "")


def _format(answers: Answers) -> str:
    return "CAR" if answers.choice("format").upper() == "CAR" else "STAR"


def _parts(answers: Answers, shape: str) -> list[tuple[str, str]]:
    """The answer's parts in speaking order; CAR folds situation and task into a challenge."""
    if shape == "CAR":
        return [("Challenge", answers.text("situation")), ("Action", answers.text("action")),
                ("Result", answers.text("result"))]
    return [("Situation", answers.text("situation")), ("Task", answers.text("task")),
            ("Action", answers.text("action")), ("Result", answers.text("result"))]


def _flags(answers: Answers, shape: str, words: int) -> list[str]:
    flags = []
    if not answers.text("result"):
        flags.append("No result yet. Finish with what changed because of what you did, "
                     "with a number if you can.")
    if words > LONG_ANSWER_WORDS:
        flags.append(f"At {words} words this runs past two minutes. Trim the background in "
                     "the situation first; the action and result are what people remember.")
    if shape == "CAR" and answers.text("task"):
        flags.append("Your task is left out of the CAR draft. Fold it into the challenge, "
                     "or switch to STAR.")
    return flags


def _answer(answers: Answers) -> list[blocks.Block]:
    shape = _format(answers)
    parts = _parts(answers, shape)
    if not any(text for _, text in parts):
        return [blocks.paragraph("Write any part of your answer to see its length and speaking "
                                 "time. Many people start with the action.")]
    words = sum(count_words(text) for _, text in parts)
    flags = _flags(answers, shape, words)
    result = [
        blocks.heading(f"Your {shape} answer"),
        blocks.items([f"{words} {'word' if words == 1 else 'words'}",
                      f"Speaking time: {speaking_time(words)} at {WORDS_PER_MINUTE} "
                      "words a minute"]),
        blocks.items(flags, title="Before you practice") if flags else blocks.paragraph(
            "The shape and length look right. Now say it out loud with a timer running."),
    ]
    question = answers.text("question")
    body = "\n\n".join(f"{name}: {text or '(still to write)'}" for name, text in parts)
    if question:
        body = f"Question: {question}\n\n{body}"
    subject = f"Practice answer: {question}" if question else "Practice answer"
    return [*result, blocks.draft("Your answer as a draft", body, subject=subject)]


def _mentions(description: str) -> list[tuple[Theme, int]]:
    """Themes the ad mentions, most-mentioned first; the fixed theme order breaks ties."""
    tokens = TOKEN.findall(description.casefold())
    counts = [(t, sum(1 for token in tokens if t.pattern.fullmatch(token))) for t in THEMES]
    found = [(t, n) for t, n in counts if n]
    return sorted(found, key=lambda pair: -pair[1])


def _same_question(first: str, second: str) -> bool:
    return first.casefold().rstrip(" ?.!") == second.casefold().rstrip(" ?.!")


def _bank(answers: Answers) -> list[blocks.Block]:
    description = answers.text("job_description")
    if not description:
        return []
    asked = answers.text("question")
    found = _mentions(description)
    if not found:
        return [blocks.items(list(GENERAL_QUESTIONS), title="Questions to practice"),
                blocks.paragraph("None of the usual keywords came up in this ad, so these are "
                                 "questions most interviews include.")]
    rows = []
    # First question of every theme before any second one, so the bank stays varied.
    for index in range(max(len(t.questions) for t, _ in found)):
        for theme, count in found:
            if index < len(theme.questions) and not _same_question(theme.questions[index], asked):
                times = "once" if count == 1 else f"{count} times"
                rows.append([theme.questions[index], f"{theme.name} ({times})"])
    return [blocks.table(["Question", "Because the ad mentions"], rows[:MAX_BANK_QUESTIONS],
                         title="Questions to practice from this job description")]


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    return _answer(answers) + _bank(answers)
