"""Step 2 control sort: the split between "mine" and "outside my control", and a fairer sentence."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.runner import Context

SIDES = ("mine", "outside")
QUOTES = "\"'“”«»„ "
MAX_TARGET = 80  # a longer "for ..." phrase is probably not a role name; say "this role"
FIT = "I wasn't the right fit for {target} right now, and that can change."
FALLBACK = ("This was one decision about one role, at one moment. It says more about what "
            "they needed right now than about what I'm worth.")
# Words that point at the job in general; the rewrite says "this role" instead.
GENERIC_TARGETS = frozenset({
    "it", "this", "that", "them", "him", "her", "you", "anyone", "anybody", "anything",
    "anywhere", "the job", "this job", "that job", "a job", "any job", "the role", "this role",
    "that role", "the position", "this position", "that position", "the company",
    "this company", "the interview", "this interview", "it all", "everything", "my chance",
    "my chances", "the opportunity", "this opportunity",
})
NOUN_STARTS = frozenset({"the", "my", "this", "that", "a", "an", "our", "their", "his", "her"})

# A "for X" or "to X" target ends at punctuation or where a new clause starts.
TARGET = (r"(?P<x>[^,.;:!?]+?)(?=\s+(?:and|but|so|because|since|which|or|anyway|again)\b"
          r"|\s*[,.;:!?]|$)")
YOU = r"(?:i|you)"
# "Too junior" or "too senior" is about the level they wanted: a fit, not a flaw.
LEVELS = (r"junior|senior|old|young|new|green|inexperienced|experienced|qualified|"
          r"overqualified|underqualified|expensive|specialised|specialized|general")
VAGUE_AMOUNTS = frozenset({"much", "many", "little", "few"})
LABELS = (r"failure|loser|fraud|joke|idiot|useless|hopeless|stupid|worthless|pathetic|"
          r"incompetent|unemployable|disaster|impostor|imposter|fake|dumb|nobody")
CONTRACTIONS = (
    (r"\b(was|is|are|were|did|do|does|should|could|would|had|have|has)n'?t\b", r"\1 not"),
    (r"\bcan'?t\b", "cannot"),
    (r"\bwon'?t\b", "will not"),
    (r"\byou'?re\b", "you are"),
    (r"\bi'?m\b", "I am"),
    (r"\b(i|you)'ve\b", r"\1 have"),
    (r"\b(i|you)'ll\b", r"\1 will"),
    (r"\b(should|could|would)'?ve\b", r"\1 have"),
)


@dataclass(frozen=True)
class Split:
    mine: list[str]
    outside: list[str]
    unsorted: list[str]


def _option_labels(context: Context, field_id: str) -> dict[str, str]:
    return {o["value"]: o["label"] for o in context.field(field_id).get("options", [])}


def split(answers: Answers, context: Context) -> Split:
    """Ticked factors and the reader's own, each on the side they chose."""
    sides: dict[str, list[str]] = {side: [] for side in SIDES}
    for side in SIDES:
        labels = _option_labels(context, side)
        sides[side] += [labels.get(v, v) for v in dict.fromkeys(answers.choices(side)) if v]
    unsorted = []
    for row in answers.rows("own_factors"):
        factor, side = row.text("factor"), row.choice("side")
        if factor:
            sides.get(side, unsorted).append(factor)
    return Split(mine=sides["mine"], outside=sides["outside"], unsorted=unsorted)


# --- The sentence rewrite -------------------------------------------------------------


def _tidy(sentence: str) -> str:
    """One line, without wrapping quotes or the closing full stop."""
    # Curly apostrophes (from phones) read the same as straight ones.
    text = sentence.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\s+", " ", text).strip()
    for _ in range(2):  # 'I failed'. has a quote inside the full stop, "I failed." outside
        text = text.strip(QUOTES).rstrip(" .!?…")
    return text


def _expanded(text: str) -> str:
    """Contractions spelled out, so one pattern covers "wasn't", "wasnt" and "was not"."""
    for pattern, replacement in CONTRACTIONS:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return text


def _target(match: re.Match[str]) -> str:
    """The role the reader named after "for", or "this role" when it was general."""
    groups = match.groupdict()
    x = (groups.get("x") or "").strip()
    if groups.get("prep", "for") != "for" or not x or len(x) > MAX_TARGET:
        return "this role"
    return "this role" if x.lower() in GENERIC_TARGETS else x


def _noun(match: re.Match[str], default: str) -> str:
    """A named thing ("the question about deadlines"), kept only when it reads as a noun."""
    x = (match.groupdict().get("x") or "").strip()
    if not x or x.lower() in GENERIC_TARGETS or len(x) > MAX_TARGET:
        return default
    return x if x.split()[0].lower() in NOUN_STARTS else default


def _fit(match: re.Match[str]) -> str:
    return FIT.format(target=_target(match))


def _effort(match: re.Match[str]) -> str:
    verb = match.group("verb").lower()
    return f"Next time I'll {verb} more. Wanting to do better is a plan, not a verdict on me."


def _getting_better(match: re.Match[str]) -> str:
    x = (match.group("x") or "").strip()
    x = "this" if x.lower() in GENERIC_TARGETS or len(x) > MAX_TARGET else x
    return f"I'm still getting better at {x}, and every try counts as practice."


def _hindsight(match: re.Match[str]) -> str:
    x = (match.group("x") or "").strip()
    if not x or len(x) > MAX_TARGET:
        return ("Looking back, there are things I'd do differently. That's something to work "
                "on next time, not a verdict on me.")
    wish = "I'd rather not have" if match.group("neg") else "I'd like to have"
    return f"Looking back, {wish} {x}. That's one thing to work on next time, not a verdict on me."


def _setback(match: re.Match[str]) -> str:
    thing = _noun(match, "the interview")
    return (f"{thing[0].upper()}{thing[1:]} didn't go the way I wanted. I can learn from that, "
            "and it was one moment in one interview.")


def _too(match: re.Match[str]) -> str:
    adj = match.group("adj").lower()
    if adj in VAGUE_AMOUNTS:
        return ("Something about this one didn't land. That's one thing to work on, and it "
                "doesn't make me less capable.")
    return (f"I was {adj} this time. That's something I can work on, and it doesn't make me "
            "less capable.")


def _fixed(text: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: text


# Tried in order; the first that matches writes the new sentence.
RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), write) for pattern, write in (
        (rf"\b{YOU} (?:did not|do not|never) (?P<verb>do|prepare|practi[cs]e|try|study|"
         r"research|say|ask|work|rehearse) enough\b", _effort),
        (r"\b(?:not|never)\s+(?:be\s+|been\s+|really\s+|quite\s+|nearly\s+)*(?:[a-z-]+\s+)?"
         rf"enough\b(?:\s+(?P<prep>for|to)\s+{TARGET})?", _fit),
        (rf"\b{YOU} (?:am|are|was|were) (?:way |far |much |just |simply )?too (?:{LEVELS})\b"
         rf"(?:\s+(?P<prep>for|to)\s+{TARGET})?", _fit),
        (rf"\b{YOU} (?:am|are|was|were) (?:way |far |much |just |simply )?too "
         r"(?P<adj>[a-z-]+)", _too),
        (rf"\b{YOU} (?:am|are|was|were) (?:(?:not|never) (?:good|great)|bad|terrible|awful|"
         rf"hopeless|rubbish|useless|the worst) at {TARGET}", _getting_better),
        (rf"\b{YOU} suck at {TARGET}", _getting_better),
        (rf"\b{YOU} (?:really )?should (?P<neg>not )?have(?: {TARGET})?", _hindsight),
        (rf"\b{YOU} (?:totally |completely |really |just |so )?(?:blew|ruined|messed up|"
         rf"screwed up|bombed|botched|failed|wrecked|fluffed|flopped|choked)"
         rf"(?:\s+(?:on|in|at))?(?:\s+{TARGET})?", _setback),
        (rf"\b{YOU} (?:am|are|was|were|feel like|felt like) (?:such |a |an |just |so |"
         rf"completely |totally |really |a total |a complete )*(?:{LABELS})\b",
         _fixed("I didn't get this role. That's one outcome, not who I am.")),
        (rf"\b{YOU} (?:am|are|was|were) not (?:smart|good|clever|talented|capable|qualified|"
         r"skilled|experienced|strong|right)\b", _fit),
        (r"\b(?:it is|it was|it'?s) (?:all )?my (?:own )?fault\b|\bto blame\b",
         _fixed("Some of this was mine and a lot of it wasn't. I can learn from my part "
                "without carrying all of it.")),
        (r"\b(?:nobody|no one|no-one|no company|no employer)\b.*\b(?:wants?|hires?|will hire|"
         r"would hire|picks?|chooses?|likes?|needs?)\b",
         _fixed("This role wanted something different. Other roles will want what I bring "
                "now.")),
        (rf"\b{YOU} will never\b|\bnever (?:going to|gonna) (?:get|find|land)\b",
         _fixed("I haven't found the right role yet, and each interview teaches me something "
                "for the next one.")),
        (rf"\b{YOU} (?:always|never|keep)\b|\bevery (?:time|interview|single time)\b",
         _fixed("This interview didn't go my way. It was one interview, not every interview, "
                "and I can practice the parts that were mine.")),
        (r"\b(?:they|he|she|the panel|the interviewers?|the manager|everyone) (?:saw|could see|"
         r"could tell|knew|realised|realized|found out|figured out|noticed)\b",
         _fixed("They chose someone whose background matched what they needed at the time. "
                "That's about their needs, not my worth.")),
        (r"\b(?:they|he|she|the panel|the interviewers?|the manager) (?:did not like|do not "
         r"like|hated|disliked|did not want)\b",
         _fixed("They picked a different match this time. That isn't the same as not liking "
                "me.")),
    )
)
ALREADY_FAIR = re.compile(r"\b(?:right|good|best|wrong) fit\b|\bnot a fit\b", re.IGNORECASE)
HARSH = re.compile(rf"\b(?:never|nobody|no one|always|anything|anywhere|anyone|{LABELS})\b",
                   re.IGNORECASE)


def rewrite(sentence: str) -> str:
    """A fit-based version of a blaming sentence; never empty, never an echo of the harsh one."""
    tidy = _tidy(sentence)
    if not tidy:
        return FALLBACK
    if ALREADY_FAIR.search(tidy) and not HARSH.search(tidy):
        # Already about fit: keep the reader's own words, tidied into a sentence.
        return f"{tidy[0].upper()}{tidy[1:]}."
    text = _expanded(tidy)
    for pattern, write in RULES:
        match = pattern.search(text)
        if match:
            return write(match)
    return FALLBACK


# --- Result blocks --------------------------------------------------------------------


def _reading(mine: int, outside: int) -> str:
    if mine and not outside:
        return ("You ticked only things in your hands. Remember the reasons nobody mentions in a "
                "rejection: budgets, inside candidates, changed plans. What you ticked is worth "
                "practicing, calmly, in step 5, Evaluate your performance honestly.")
    if outside and not mine:
        return ("Everything you ticked sat outside your hands. Worrying won't move any of it, "
                "so you can let this one go.")
    if outside > mine:
        return ("Most of it sat outside your hands. Let those go. The few that were yours are "
                "things you can practice.")
    if mine > outside:
        return ("More of it was yours. That's the useful part: each one is something you can "
                "practice. Take them to step 5, Evaluate your performance honestly.")
    return ("An even split. Let the outside half go, and take the other half to step 5 as "
            "things to practice.")


def _split_blocks(found: Split) -> list[blocks.Block]:
    mine, outside = len(found.mine), len(found.outside)
    result: list[blocks.Block] = []
    if mine or outside:
        total = mine + outside
        result.append(blocks.paragraph(
            f"You sorted {total} factor{'s' if total != 1 else ''}: {outside} outside your "
            f"control and {mine} in your hands. {_reading(mine, outside)}"))
    if outside:
        result.append(blocks.items(found.outside, title=f"Outside your control ({outside})"))
    if mine:
        result.append(blocks.items(found.mine, title=f"In your hands ({mine})"))
    if found.unsorted:
        result.append(blocks.items(found.unsorted, title="Not sorted yet: pick a side for each"))
    return result


def _sentence_blocks(sentence: str) -> list[blocks.Block]:
    if not sentence:
        return [blocks.paragraph("Write the sentence you keep telling yourself, and a fairer "
                                 "version appears here for you to edit.")]
    return [blocks.draft("A fairer way to say it", rewrite(sentence), mail=False),
            blocks.paragraph("Change any word until it sounds like you. Then keep it where "
                             "you'll see it, like the top of your job search notes.")]


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    found = split(answers, context)
    sentence = answers.text("sentence")
    if not (found.mine or found.outside or found.unsorted or sentence):
        return [blocks.paragraph("Tick anything that might have played a part in the decision, "
                                 "on either side. A guess is fine: you rarely learn the real "
                                 "reason.")]
    return _split_blocks(found) + _sentence_blocks(sentence)
