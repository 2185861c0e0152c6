"""The safety check every worksheet's result passes through (runner.run applies it).

Free text that can signal crisis or self-harm ("I want to die", "I can't go on like this")
puts a calm support note, with the host's support lines, at the top of the result, and
leaves out the compute's own prose, where any cheerful line would sit. It errs towards
showing the note: "I could die of embarrassment" shows it too, and that is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.host import Host

SUPPORT_PAGE = "support/"
NOTE_TITLE = "If you are struggling"
TEXT_TYPES = frozenset({"short_text", "long_text"})

# Written for text as `normalise` leaves it: lower case, no apostrophes ("can't" and
# "cant" are both "cant"), one space between words.
ME = r"(?:my ?self|me)"
WANT = (r"(?:want|wanna|wanted|wanting|going|gonna|ready|plan|planning|planned|"
        r"trying|tried|try|deserve|rather|like|wish|need|needed)")
END = r"(?:die|be dead|not be here|not exist|disappear forever|not wake up|never wake up|end it)"
DEFAULT_PATTERNS: tuple[str, ...] = (
    rf"\b{WANT} (?:to )?{END}\b",
    r"\b(?:i|me) (?:could|might|should|would|will|just|simply|may as well|might as well) "
    r"(?:just )?die\b",
    r"\blet me die\b",
    r"\bi (?:wish|hope) (?:i|id) (?:was|were|could|would|had|d)? ?(?:dead|die|disappear|"
    r"vanish|never been born|not wake up|never wake up|not exist)",
    r"\b(?:better off|rather be|wish i was|wish i were|want to be|might as well be) dead\b",
    r"\bdead inside\b",
    rf"\b(?:kill|killing|killed|hurt|hurting|harm|harming|cut|cutting|hang|hanging|"
    rf"poison|starve|starving) {ME}\b",
    r"\bkms\b",
    r"\bself ?harm",
    r"\bsuicid",
    r"\bunalive\b",
    r"\boverdos",
    r"\bend(?:ing)? (?:it all|my life|my own life|everything|it now|it for good)\b",
    r"\b(?:should|could|might|may|will|just) (?:just )?end it\b",
    r"\btop(?:ping)? my ?self\b",
    r"\b(?:end|ends) of my (?:rope|tether)\b",
    r"\btak(?:e|ing) my (?:own )?life\b",
    r"\bjump(?:ing)? (?:off|in front of)\b",
    r"\b(?:cant|cannot|can not|couldnt|unable to) (?:go on|carry on|keep going|cope|"
    r"do this any ?more|take (?:it|this|any ?more)|face (?:it|this|anything|tomorrow)|"
    r"see a way out|live like this)\b",
    r"\bdont (?:want|wanna) to (?:be here|be alive|live|exist|wake up|go on|carry on|"
    r"keep going)\b",
    r"\bno (?:reason|point|will) (?:to|in|for) (?:live|living|go on|going on|carry on|"
    r"carrying on|keep going|keeping going|be here|being here|life)\b",
    r"\bnothing (?:left )?to live for\b",
    r"\b(?:whats|what is) the point (?:of|in) (?:living|life|going on|anything|me)\b",
    r"\bdont see the point (?:of|in) (?:living|life|going on|anything)\b",
    r"\blife (?:is not|isnt|aint) worth\b|\bnot worth living\b",
    r"\bbetter (?:off )?without me\b",
    r"\b(?:im|i am|i feel like) (?:just )?a burden\b",
    r"\b(?:give|giving|gave|given) up on (?:life|living|everything|myself)\b",
    r"\bfeel(?:s|ing)? (?:so |totally |completely |utterly |really |just )?"
    r"(?:hopeless|worthless|empty inside|trapped)\b",
    r"\b(?:im|i am) (?:so |completely |totally |utterly |just )?(?:worthless|a waste of space)\b",
    r"\bno (?:hope|way out)\b",
    r"\bwant (?:it|everything|this) (?:all )?to (?:stop|end)\b",
    r"\bsleep (?:forever|and never wake)\b",
)


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped (straight and curly), words single-spaced."""
    text = re.sub(r"['\u2019\u2018\u02bc`\u00b4]", "", text.casefold())
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@cache
def _default() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in DEFAULT_PATTERNS))


@cache
def _host(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """A host's phrases, matched as whole words once normalised the same way."""
    cleaned = [normalise(phrase) for phrase in phrases]
    words = [re.escape(phrase) for phrase in cleaned if phrase]
    return re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)") if words else None


def concern(text: str, host_phrases: Sequence[str] = ()) -> str:
    """The words that set off the check, or "" when none did."""
    plain = normalise(text)
    found = _default().search(plain)
    if found is None and (pattern := _host(tuple(host_phrases))):
        found = pattern.search(plain)
    return found.group(0) if found else ""


def free_text(answers: Answers, fields: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Every text answer the definition has, rows' text fields included."""
    for field in fields:
        if field.get("type") in TEXT_TYPES:
            yield answers.text(field["id"])
        elif field.get("type") == "rows":
            for row in answers.rows(field["id"]):
                yield from free_text(row, field.get("fields", []))


def in_answers(answers: Answers, definition: dict[str, Any], host: Host) -> bool:
    """True when any free-text answer in this worksheet sets off the check."""
    fields = definition.get("fields", [])
    return any(concern(text, host.crisis_phrases) for text in free_text(answers, fields) if text)


# --- What the visitor sees ---------------------------------------------------------------


LINK_TEXT = "If you are struggling: who to talk to"
# Said after the note when the compute kept no calm line of its own.
CAN_WAIT = "Your answers are kept in this browser. The rest of this worksheet can wait."


def support_link(lead: str = "", text: str = LINK_TEXT) -> blocks.Block:
    """The link to the support page."""
    return blocks.link(text, SUPPORT_PAGE, lead=lead)


def support_note(host: Host) -> blocks.Block:
    """The note that goes first: calm, short, with somewhere to turn today."""
    if host.support_lines:
        contacts = blocks.items(host.support_lines, title="People you can contact")
    else:
        contacts = blocks.paragraph("A doctor, a counselling service at your college or "
                                    "workplace, or a local helpline can all listen.")
    return blocks.note(NOTE_TITLE, [
        blocks.paragraph("Some of what you wrote sounds very heavy. You don't have to carry "
                         "it alone, and you don't need the right words. Please talk to "
                         "someone today: a person you trust, a doctor, or a support line."),
        contacts,
        blocks.paragraph("If you might act on thoughts of harming yourself, call your local "
                         "emergency number now."),
        support_link(text="More on what helps, and who to talk to"),
    ])


def _kept(block: blocks.Block) -> bool:
    """Prose goes unless marked calm; a second link to the support page goes too."""
    if block.get("type") == "text":
        return bool(block.get("calm"))
    return not (block.get("type") == "link" and block.get("href") == SUPPORT_PAGE)


def toned_down(result: Sequence[blocks.Block]) -> list[blocks.Block]:
    """The result without its prose; a heading stays only while what it heads stays."""
    kept = []
    for index, block in enumerate(result):
        if block.get("type") == "heading":
            following = result[index + 1] if index + 1 < len(result) else None
            if following is not None and following.get("type") != "heading" and _kept(following):
                kept.append(block)
        elif _kept(block):
            kept.append(block)
    return kept


def guard(result: Sequence[blocks.Block], distressed: bool, host: Host) -> list[blocks.Block]:
    """What the visitor sees: the result as the compute wrote it, or, when the check was
    set off, the support note first and the result without its prose."""
    if not distressed:
        return list(result)
    kept = toned_down(result)
    if not any(block.get("calm") for block in kept):
        kept.insert(0, blocks.calm(CAN_WAIT))
    return [support_note(host), *kept]
