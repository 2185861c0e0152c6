"""Step 2 control sort: the split between "mine" and "outside my control", and a fairer sentence."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from worksheets.compute import blocks, safety
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
         _fixed("This interview didn't go my way. I can look at what happened and practice "
                "the parts that were mine.")),
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


def _fit_rewrite(tidy: str) -> str:
    """A fit-based version of a blaming sentence, by the first rule that matches."""
    if ALREADY_FAIR.search(tidy) and not HARSH.search(tidy):
        # Already about fit: keep the reader's own words, tidied into a sentence.
        return f"{tidy[0].upper()}{tidy[1:]}."
    text = _expanded(tidy)
    for pattern, write in RULES:
        match = pattern.search(text)
        if match:
            return write(match)
    return FALLBACK


def rewrite(sentence: str) -> str:
    """A fairer version of the sentence, never empty, never an echo of the harsh one, and
    never "fit" when the facts say otherwise (see `read_sentence`)."""
    return read_sentence(sentence).draft


# --- Sentences the rewrite must not turn into "fit" -----------------------------------

STEP_5 = "steps/05-evaluate-your-performance/"
STEP_10 = "steps/10-improve-continuously/"
DISCRIMINATION = "situations/#discrimination"
REPEATED = "situations/#repeated-rejections"

# Protected characteristics and the like, as people write about them. Matched on the
# sentence with contractions spelled out ("I'm" is "I am").
_BECAUSE = r"(?:because|since|as|cause|cos|coz|for being|just for being)"
_IDENTITY = (
    r"woman|women|man|female|male|girl|mum|mom|mother|dad|father|parent|single parent|"
    r"pregnant|old|older|too old|young|too young|black|white|asian|brown|arab|latin[oa]|"
    r"hispanic|jewish|muslim|christian|hindu|sikh|buddhist|gay|lesbian|bi|bisexual|queer|"
    r"trans|transgender|non-binary|nonbinary|disabled|deaf|blind|autistic|dyslexic|ill|sick|"
    r"foreign|foreigner|immigrant|migrant|a refugee|not from here|not british|not local|"
    r"over \d\d|in my \d0s|\d\d")
DISCRIMINATION_PATTERNS = re.compile("|".join((
    r"\bmy (?:age|race|ethnicity|ethnic background|colou?r|skin|skin colou?r|gender|sex|"
    r"sexuality|sexual orientation|orientation|religion|faith|beliefs|accent|(?:first |last |"
    r"sur|family )?name|nationality|citizenship|disability|condition|illness|health|"
    r"mental health|diagnosis|pregnancy|bump|baby|maternity|paternity|wheelchair|cane|"
    r"crutches|walking stick|hearing aids?|stammer|stutter|hijab|headscarf|turban|kippah|"
    r"yarmulke|veil|birthplace|culture|caste|transition|pronouns)\b",
    rf"\b{_BECAUSE} (?:i am|i was|of being|of me being|being|i look|i sound|i looked|"
    rf"i sounded) (?:a |an )?(?:{_IDENTITY})\b",
    rf"\b{_BECAUSE} (?:of )?(?:my )?(?:kids|children|childcare|caring responsibilities)\b",
    r"\bthe way i (?:look|sound|speak|talk|dress)\b",
    r"\bsomeone (?:my age|younger|older)\b|\b(?:a |someone )?(?:younger|older) "
    r"(?:person|candidate|applicant|man|woman|face|guy|team)\b",
    r"\b(?:too|so) (?:old|young)\b|\bat my age\b|\bmy age\b",
    r"\bpregnan|\bmaternity\b|\bpaternity\b|\bwheelchair|\bdisab(?:led|ility|ilities)\b",
    r"\b(?:racis[mt]|racial|sexis[mt]|ageis[mt]|ableis[mt]|homophob|transphob|misogyn|"
    r"islamophob|antisemit|xenophob|discriminat|prejudic|bigot)",
    r"\b(?:accent|ethnicity|ethnic|nationality|religion|religious|sexuality|gender)\b",
    r"\b(?:as|being) (?:a |an )?(?:woman|mother|mum|mom|black|asian|muslim|jewish|gay|"
    r"trans|disabled|deaf|blind|autistic|immigrant|foreigner|older|single mother|single mum)\b",
    r"\b(?:foreigner|sound(?:ed|s)? foreign|look(?:ed|s)? foreign|foreign (?:name|accent)|"
    r"where i am from|where i come from)\b",
)), re.IGNORECASE)

# A pattern the reader has seen more than once: a count, or the same stage again.
_NUMBER = (r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|"
           r"th)|another|yet another)")
_MANY = r"(?:two|three|four|five|six|seven|eight|nine|ten|dozen|dozens of|\d+|so many|many)"
# After an ordinal ("fifth no"), only words that count outcomes: "second interview" is a stage.
_ORDINAL_NO = r"(?:no|nos|no's|rejections?|turn-?downs?|knock-?backs?|setbacks?|times?)"
_NO = (r"(?:no|nos|no's|rejections?|turn-?downs?|knock-?backs?|final rounds?|second rounds?|"
       r"interviews?|applications?|times?|offers?|setbacks?|emails?)")
PATTERN_PATTERNS = re.compile("|".join((
    rf"\b{_NUMBER} {_ORDINAL_NO}\b",
    rf"\b{_MANY} (?:{_NO}) (?:in a row|this (?:month|week|year)|now|so far|and (?:no|not|"
    r"nothing)|without)",
    rf"\b{_MANY} (?:rejections|nos|no's|turndowns|knockbacks|final rounds)\b",
    r"(?<!will )(?<!would )\bnever (?:get|got|make|made|go|went|getting|making|gets|makes|"
    r"seem to get|seem to make) (?:past|beyond|through|further than|to the|an offer|"
    r"a job offer|the job)\b",
    r"\b(?:always|every time|each time)\b.*\b(?:rejected|turned down|"
    r"dropped|cut|stuck|fall|fail|lose|lost|ghosted|declined|knocked back|fall short|"
    r"second|final|last|first|round|stage|interviews?)\b",
    r"\bkeep (?:getting|being|falling|failing|losing|coming)\b",
    r"\b(?:again and again|over and over|time after time|time and again|in a row|"
    r"same (?:stage|round|point|place|feedback|question|reason))\b",
    r"\b(?:stuck|stall|stalls|stalled) at the\b",
)), re.IGNORECASE)

# Something specific the reader noticed about how the interview went.
OBSERVED = re.compile(
    r"\b(?P<who>i|my mind|my voice|my hands?)\s+(?P<what>(?:(?:totally|completely|kind of|"
    r"sort of|really|just|probably|definitely) )?(?:rambled|waffled|froze|blanked|went blank|"
    r"panicked|stumbled|stammered|stuttered|mumbled|rushed|babbled|fidgeted|overran|"
    r"over-?explained|undersold|went off (?:topic|track|on a tangent)|went on (?:too long|"
    r"and on)|lost (?:my|the) (?:train of thought|thread|place|way)|ran out of time|"
    r"forgot|blanked|got (?:flustered|tongue-tied|lost|the (?:time|date|name) wrong)|"
    r"talked too (?:much|fast|quickly|long)|spoke too (?:much|fast|quickly|softly|long)|"
    r"was shaking|shook|was late|arrived late|turned up late|was vague|gave vague|"
    r"did not (?:answer|ask|give|mention|know|explain|make|research|bring|listen)|"
    r"could not (?:answer|think|remember|explain|recall|name|give)|read (?:from|off) my)"
    r"[^,.;:!?]*?)(?=\s+(?:and|but|so|because|which|when|then)\b|\s*[,.;:!?]|$)",
    re.IGNORECASE)
# A tip for each kind of observation, the first that matches.
TIPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), tip) for pattern, tip in (
        (r"salary|pay|money|notice period",
         "write one sentence about the pay you are looking for, and say it out loud until it "
         "comes easily."),
        (r"rambl|waffl|went on|overran|off (?:topic|track)|tangent|talked too|spoke too "
         r"(?:much|long)|over-?explain|babbl",
         "answer in three parts (the situation, what you did, the result) and stop after "
         "about two minutes. Time a few answers out loud."),
        (r"froze|blank|panick|flustered|tongue|lost (?:my|the)|could not think|shak|shook",
         "keep a line ready for a blank moment (\"Let me take a second to think\"), and "
         "practise the questions you dread out loud until they feel familiar."),
        (r"forgot|remember|recall|example|could not name|could not give",
         "write three short stories from your work before each interview, and read them "
         "through on the way in."),
        (r"rushed|too fast|too quickly|mumbl|stammer|stutter|softly",
         "pause for a breath before each answer, and record yourself answering one question "
         "to hear your pace."),
        (r"late|got lost|wrong",
         "plan the route or test the video link the day before, and aim to be ready fifteen "
         "minutes early."),
        (r"ask", "prepare three questions for them before each interview."),
    ))
DEFAULT_TIP = ("write it in your scorecard in step 5, and choose one way to practise it "
               "before the next interview.")
_SECOND_PERSON = {"i was": "you were", "i am": "you are", "i": "you", "my": "your",
                  "me": "you", "myself": "yourself", "mine": "yours"}


@dataclass(frozen=True)
class Reading:
    """What the sentence is (`kind`), the fairer sentence to edit, and what goes with it."""

    kind: str  # distress, discrimination, pattern, observation or rewrite
    draft: str
    notes: tuple[blocks.Block, ...] = ()


def _second_person(text: str) -> str:
    return re.sub(r"\b(?:i was|i am|i|my|me|myself|mine)\b",
                  lambda m: _SECOND_PERSON[m.group(0).lower()], text, flags=re.IGNORECASE)


def _observation(match: re.Match[str]) -> Reading:
    who, what = match.group("who"), match.group("what").strip()
    if len(what) > MAX_TARGET:
        what = what.split()[0]
    said = f"{who} {what}"
    tip = next((tip for pattern, tip in TIPS if pattern.search(what)), DEFAULT_TIP)
    noticed = _second_person(said) if who.lower() == "i" else f"that {_second_person(said)}"
    where = "" if "interview" in said.lower() else " in this interview"
    return Reading("observation", f"{said[0].upper()}{said[1:]}{where}. That's one specific "
                   "thing I can practise before the next one.", (
        blocks.paragraph(f"You noticed {noticed}. That's a specific thing you can practise: "
                         f"{tip}"),
        blocks.link("Evaluate your performance honestly", STEP_5,
                    lead="To look at the whole interview, not just this moment, see step 5:"),
    ))


DISCRIMINATION_READING = Reading(
    "discrimination",
    "This may not have been about fit. I can write down what happened while it's fresh, and "
    "decide later what, if anything, to do about it.", (
        blocks.paragraph("What you describe may not be about fit at all. If you think you were "
                         "treated differently because of who you are, it may be worth writing "
                         "down what happened while it is fresh: the date, who was there, what "
                         "was said or written, word for word, and anyone who saw it. You can "
                         "decide later what to do with it."),
        blocks.link("Suspected discrimination", DISCRIMINATION,
                    lead="What to write down and who to ask:"),
    ))
PATTERN_READING = Reading(
    "pattern",
    "This has happened more than once, so it's a pattern worth working on, not a verdict on "
    "me. I can look at what these interviews had in common.", (
        blocks.paragraph("That sounds like a real pattern, not a one-off, and it deserves a "
                         "proper look rather than a pep talk. Put the interviews side by side: "
                         "the stage, the questions, any feedback. What they share is the thing "
                         "to work on."),
        blocks.link("Evaluate your performance honestly", STEP_5,
                    lead="Compare interviews with the scorecard in step 5:"),
        blocks.link("Improve continuously", STEP_10,
                    lead="Work on one change at a time in step 10:"),
        blocks.link("Repeated rejections", REPEATED, lead="When the no's keep coming:"),
    ))
DISTRESS_READING = Reading(
    "distress", "Today is a hard day, and I don't have to sort this out alone.",
    (blocks.calm("Your sentence is saved here. There is no need to work on it today."),))


def read_sentence(sentence: str, host_phrases: tuple[str, ...] = ()) -> Reading:
    """Distress first, then facts (discrimination, a pattern, something specific the reader
    noticed); only a sentence that is none of these is rewritten as fit."""
    tidy = _tidy(sentence)
    if not tidy:
        return Reading("rewrite", FALLBACK)
    if safety.concern(tidy, host_phrases):
        return DISTRESS_READING
    text = _expanded(tidy)
    if DISCRIMINATION_PATTERNS.search(text):
        return DISCRIMINATION_READING
    if PATTERN_PATTERNS.search(text):
        return PATTERN_READING
    if observed := OBSERVED.search(text):
        return _observation(observed)
    return Reading("rewrite", _fit_rewrite(tidy))


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


def _sentence_blocks(sentence: str, context: Context) -> list[blocks.Block]:
    if not sentence:
        return [blocks.paragraph("Write the sentence you keep telling yourself, and a fairer "
                                 "version appears here for you to edit.")]
    reading = read_sentence(sentence, context.host.crisis_phrases)
    if context.distressed or reading.kind == "distress":
        # The support note comes first (runner.run); a cheerful rewrite has no place here.
        return list(DISTRESS_READING.notes)
    if reading.kind != "rewrite":
        return [*reading.notes, blocks.draft("A fairer way to say it", reading.draft, mail=False)]
    return [blocks.draft("A fairer way to say it", reading.draft, mail=False),
            blocks.paragraph("Change any word until it sounds like you. Then keep it where "
                             "you'll see it, like the top of your job search notes.")]


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    found = split(answers, context)
    sentence = answers.text("sentence")
    if not (found.mine or found.outside or found.unsorted or sentence):
        return [blocks.paragraph("Tick anything that might have played a part in the decision, "
                                 "on either side. A guess is fine: you rarely learn the real "
                                 "reason.")]
    return _split_blocks(found) + _sentence_blocks(sentence, context)
