"""Step 13 story bank: each story's length, speaking time, flags and draft; and, from a
pasted job advert, the competencies it asks for, the stories that cover them, the ones
with no story yet, and questions to practice."""

from __future__ import annotations

import re
from dataclasses import dataclass

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.competencies import BY_VALUE, COMPETENCIES, Competency, mentions, ranked
from worksheets.compute.runner import Context

WORDS_PER_MINUTE = 130
# Two minutes at that pace: past this, interviewers tend to lose the thread.
LONG_ANSWER_WORDS = 260
MAX_BANK_QUESTIONS = 6
# Letters and digits, keeping "don't" and "well-known" as one word each, in any script.
WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
GENERAL_QUESTIONS: tuple[str, ...] = (
    "Tell me about a time you learned something new quickly.",
    "Tell me about a mistake you made and what you did next.",
    "Describe an achievement you are proud of and your part in it.",
)


@dataclass(frozen=True)
class Story:
    """One filled row of the bank: its number in the form, its parts and its tags."""

    number: int
    question: str
    shape: str
    parts: tuple[tuple[str, str], ...]
    task: str
    tags: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"Story {self.number}"

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.parts)

    @property
    def words(self) -> int:
        return sum(count_words(text) for _, text in self.parts)


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


def _parts(row: Answers, shape: str) -> tuple[tuple[str, str], ...]:
    """The answer's parts in speaking order; CAR folds situation and task into a challenge."""
    if shape == "CAR":
        return (("Challenge", row.text("situation")), ("Action", row.text("action")),
                ("Result", row.text("result")))
    return (("Situation", row.text("situation")), ("Task", row.text("task")),
            ("Action", row.text("action")), ("Result", row.text("result")))


def read_stories(rows: list[Answers]) -> list[Story]:
    """Rows with anything written or ticked, numbered as the form numbers them."""
    stories = []
    for number, row in enumerate(rows, start=1):
        if row.is_empty(ignore=("format",)):  # a shape picked on its own is not a story yet
            continue
        shape = "CAR" if row.choice("format").upper() == "CAR" else "STAR"
        chosen = set(row.choices("competencies"))
        tags = tuple(c.value for c in COMPETENCIES if c.value in chosen)  # the form's order
        stories.append(Story(number, row.text("question"), shape, _parts(row, shape),
                             row.text("task"), tags))
    return stories


# --- One story ----------------------------------------------------------------------------


def _flags(story: Story) -> list[str]:
    flags = []
    if not dict(story.parts)["Result"]:
        flags.append("No result yet. Finish with what changed because of what you did, "
                     "with a number if you can.")
    if story.words > LONG_ANSWER_WORDS:
        flags.append(f"At {story.words} words this runs past two minutes. Trim the background "
                     "in the situation first; the action and result are what people remember.")
    if story.shape == "CAR" and story.task:
        flags.append("Your task is left out of the CAR draft. Fold it into the challenge, "
                     "or switch to STAR.")
    return flags


def _labels(values: list[str] | tuple[str, ...]) -> str:
    return ", ".join(BY_VALUE[value].label for value in values)


def suggested_tags(story: Story) -> list[str]:
    """Competencies the story's own words point to that it is not tagged with yet."""
    found = mentions(story.text)
    return [c.value for c in COMPETENCIES if found[c.value] and c.value not in story.tags]


def _facts(story: Story) -> list[str]:
    facts = [f"{story.words} {'word' if story.words == 1 else 'words'}",
             f"Speaking time: {speaking_time(story.words)} at {WORDS_PER_MINUTE} words a minute",
             f"Shows: {_labels(story.tags) if story.tags else 'nothing ticked yet'}"]
    if suggested := suggested_tags(story):
        facts.append(f"Its words suggest: {_labels(suggested)}. Tick any that fit.")
    return facts


def _story(story: Story, single: bool) -> list[blocks.Block]:
    if not story.words:
        return [blocks.heading(_title(story, single)),
                blocks.paragraph("Write any part of this story to see its length and speaking "
                                 "time. Many people start with the action.")]
    flags = _flags(story)
    body = "\n\n".join(f"{name}: {text or '(still to write)'}" for name, text in story.parts)
    if story.question:
        body = f"Question: {story.question}\n\n{body}"
    subject = f"Practice answer: {story.question}" if story.question else "Practice answer"
    return [
        blocks.heading(_title(story, single)),
        blocks.items(_facts(story)),
        blocks.items(flags, title="Before you practice") if flags else blocks.paragraph(
            "The shape and length look right. Now say it out loud with a timer running."),
        blocks.draft(f"{story.name} as a draft", body, subject=subject),
    ]


def _title(story: Story, single: bool) -> str:
    """One story reads as "Your STAR answer"; in a bank, each is named by its question."""
    if single:
        return f"Your {story.shape} answer"
    return f"{story.name}: {story.question}" if story.question else story.name


# --- The advert ---------------------------------------------------------------------------


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def coverage(stories: list[Story], competency: Competency) -> list[Story]:
    return [story for story in stories if competency.value in story.tags]


def _coverage_table(found: list[tuple[Competency, int]], stories: list[Story]) -> blocks.Block:
    rows = [[competency.label, _times(count),
             ", ".join(s.name for s in coverage(stories, competency)) or "none yet"]
            for competency, count in found]
    return blocks.table(["Competency", "In the advert", "Your stories"], rows,
                        title="What this advert asks for")


def _missing(found: list[tuple[Competency, int]], stories: list[Story]) -> blocks.Block:
    missing = [competency for competency, _ in found if not coverage(stories, competency)]
    if not missing:
        return blocks.paragraph("Each competency this advert asks for has at least one of your "
                                "stories. Practice those stories out loud against the questions "
                                "below.")
    return blocks.items([f"{c.label}: think of a time that answers \u201c{c.questions[0]}\u201d"
                         for c in missing], title="No story yet for")


def _same_question(first: str, second: str) -> bool:
    return first.casefold().rstrip(" ?.!") == second.casefold().rstrip(" ?.!")


def _questions(found: list[tuple[Competency, int]], stories: list[Story]) -> blocks.Block:
    """First question of every competency before any second one, so the list stays varied;
    a question one of the stories already answers is left out. A list, not a table: on a
    phone a two-column table becomes a stack of labelled cards, six of them."""
    lines = []
    for index in range(2):
        for competency, _ in found:
            question = competency.questions[index]
            if not any(_same_question(question, story.question) for story in stories):
                lines.append(f"{question} ({competency.label})")
    return blocks.items(lines[:MAX_BANK_QUESTIONS],
                        title="Questions to practice from this advert")


def advert(description: str, stories: list[Story]) -> list[blocks.Block]:
    if not description:
        return []
    found = ranked(mentions(description))
    if not found:
        return [blocks.items(list(GENERAL_QUESTIONS), title="Questions to practice"),
                blocks.paragraph("None of the usual keywords came up in this advert, so these "
                                 "are questions most interviews include.")]
    return [_coverage_table(found, stories), _missing(found, stories), _questions(found, stories)]


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    stories = read_stories(answers.rows("stories"))
    result: list[blocks.Block] = []
    if not any(story.words for story in stories):
        result.append(blocks.paragraph("Write any part of your answer to see its length and "
                                       "speaking time. Many people start with the action."))
    else:
        single = len(stories) == 1
        for story in stories:
            result += _story(story, single)
    return result + advert(answers.text("job_description"), stories)
