"""Which competencies a text asks for or shows: a job advert, or one of step 13's stories.

Keyword matching, fixed and built in, so the same advert always reads the same way. The
one hard word is "lead": sales adverts are full of "leads" (prospective customers) and
supply-chain adverts of "lead times", neither of which is leadership. `lead_sense` reads
each lead word in its clause: "generate leads" and "lead generation" are sales, "lead
times" is timing, "led a team", "lead a project" and "team lead" are leadership.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Competency:
    """A competency interviewers ask about: its words in adverts and two questions."""

    value: str  # the option value in star-builder.yml
    label: str
    cues: re.Pattern[str]
    questions: tuple[str, str]


def _competency(value: str, label: str, cues: str, *questions: str) -> Competency:
    first, second = questions
    return Competency(value, label, re.compile(rf"\b(?:{cues})\b"), (first, second))


# In the definition's order, which also breaks ties. Leadership's lead words are counted
# by lead_sense, not by its cues; "initiative" alone (not "initiatives", which are
# projects) means taking it.
COMPETENCIES: tuple[Competency, ...] = (
    _competency("leadership", "Leadership",
                r"(?<!thought )leadership|line manag\w*|people management|"
                r"manag(?:e|es|ed|ing) (?:a|the|our|your) (?:\w+ )?team|mentor\w*|"
                r"coach(?:es|ed|ing)?|supervis\w*|"
                r"motivat(?:e|es|ed|ing) (?:a|the|others|people|staff|colleagues)|"
                r"delegat(?:e|ed|ing|ion)",
                "Tell me about a time you led something without being the manager.",
                "Describe a time you helped someone new get up to speed."),
    _competency("teamwork", "Teamwork",
                r"teamwork|team ?working|team player|collaborat\w*|co ?operat\w*|"
                r"(?:as part of|in|within) a team|cross functional|multi ?disciplinary|"
                r"work(?:s|ed|ing)? (?:closely |well )?(?:with|alongside) (?:others|colleagues|"
                r"other teams|the team)",
                "Tell me about a time you helped a team reach a shared goal.",
                "Describe working closely with someone whose style was very different from "
                "yours."),
    _competency("communication", "Communication",
                r"communicat\w*|presentations?|presenting|present (?:to|findings|ideas|data)|"
                r"explain\w*|written|verbal|writing|listening|articulate",
                "Tell me about a time you explained something complex to a non-expert.",
                "Describe a time a message you sent was misunderstood. What did you change?"),
    _competency("customer", "Customer focus",
                r"customers?|clients?|service users?|patients?|guests?|members of the public",
                "Tell me about a time you turned an unhappy customer around.",
                "Describe a time you went further than a customer expected."),
    _competency("conflict", "Handling conflict",
                r"conflicts?|disagreements?|disputes?|difficult conversations?|de ?escalat\w*|"
                r"complaints?|challenging (?:behaviou?rs?|situations?|conversations?)",
                "Tell me about a disagreement at work and how you handled it.",
                "Describe a time you gave feedback that someone did not want to hear."),
    _competency("influence", "Influencing others",
                r"stakeholders?|influenc\w*|persua\w*|negotiat\w*|buy in|"
                r"build(?:ing)? (?:strong )?relationships|relationship building",
                "Tell me about a time you brought a doubtful stakeholder on board.",
                "Describe a time two groups wanted different things from you. What did you "
                "do?"),
    _competency("analysis", "Analysis and problem solving",
                r"analy[sz]\w*|data|metrics|insights?|reporting|problem solv\w*|"
                r"solv(?:e|es|ed|ing) problems|problems?|troubleshoot\w*|root causes?|"
                r"research\w*|numeracy|numerical|critical thinking|attention to detail",
                "Tell me about a time you used data to make a decision or change a mind.",
                "Describe a problem you spotted before anyone asked you to."),
    _competency("initiative", "Initiative",
                r"initiative|proactive\w*|self (?:starter|motivated|driven)|take ownership|"
                r"ownership|extra mile|continuous improvement|improv(?:e|ing) (?:processes|"
                r"the process|ways of working)|independently|entrepreneurial",
                "Tell me about a time you improved something nobody asked you to.",
                "Describe a time you saw a gap and filled it yourself."),
    _competency("pressure", "Deadlines and pressure",
                r"deadlines?|pressure|fast paced|busy|priorit\w*|multitask\w*|"
                r"time management|workloads?|competing demands|organi[sz]ed|"
                r"organi[sz]ational|tight timescales?",
                "Tell me about a time you delivered to a very tight deadline.",
                "Tell me about a time you had too much to do. How did you choose what came "
                "first?"),
    _competency("adaptability", "Adapting to change",
                r"adapt\w*|flexib\w*|change|changes|changing|ambiguity|uncertain\w*|"
                r"evolving|quick learner|learn(?:s)? quickly|pick up new",
                "Describe a week when plans changed at short notice. How did you reorganize?",
                "Tell me about a time you learned something new quickly."),
    _competency("failure", "Setbacks and mistakes",
                r"resilien\w*|setbacks?|mistakes?|failures?|failed|growth mindset|"
                r"learn(?:s|ed|t|ing)? from|bounce back|(?:open|receptive) to feedback",
                "Tell me about a mistake you made and what you did next.",
                "Describe a time something you worked on failed. What did you learn?"),
    _competency("commercial", "Sales and targets",
                r"sales|revenue|targets?|kpis?|commercial\w*|business development|"
                r"new business|upsell\w*|cross ?sell\w*|pipeline|conversion rates?",
                "Tell me about a time you won new business or beat a target.",
                "Describe a time you turned a cold contact into a customer."),
)
BY_VALUE = {competency.value: competency for competency in COMPETENCIES}

# --- The senses of "lead" -----------------------------------------------------------------

LEAD_WORDS = frozenset({"lead", "leads", "leading", "led", "leader", "leaders"})
# Before "lead(s)": the words that make it a prospective customer.
SALES_BEFORE = frozenset({
    "sales", "qualified", "qualify", "qualifying", "generate", "generates", "generating",
    "generated", "inbound", "outbound", "warm", "cold", "hot", "new", "marketing", "chase",
    "chasing", "convert", "converting", "converted", "nurture", "nurturing", "prospective",
    "potential", "follow", "following", "b2b", "b2c", "quality", "web", "online",
})
# After "lead": sales ("lead generation") or timing ("lead times"), never leadership.
NOT_LEADERSHIP_AFTER = frozenset({
    "generation", "gen", "nurturing", "scoring", "conversion", "conversions",
    "qualification", "list", "lists", "pipeline", "sources", "magnet", "magnets",
    "time", "times",
})
# Looking back from a lead word stops at these: "generate leads and lead a team".
CLAUSE_WORDS = frozenset({"and", "or", "but", "to", "while", "then", "who", "which", "that",
                          "will", "you", "we", "i", "also", "can", "must", "should"})
# What a person leads: "led a team", "lead the delivery of projects".
LEAD_OBJECTS = frozenset({
    "team", "teams", "project", "projects", "people", "staff", "colleagues", "group",
    "groups", "initiatives", "workshop", "workshops", "meeting", "meetings", "programme",
    "programmes", "program", "programs", "change", "changes", "others", "volunteers",
    "squad", "squads", "department", "departments", "delivery", "implementation",
    "rollout", "reviews", "training", "session", "sessions", "campaign", "campaigns",
    "effort", "efforts", "crew", "shift", "shifts", "discussions", "workstream",
    "workstreams", "example", "cohort", "class", "classes", "drive", "transformation",
})
# Looking ahead from a lead verb stops at these: "leads from the team" leads nothing.
STOP_AHEAD = frozenset({"from", "for", "to", "into", "at", "by", "with", "than", "as", "and",
                        "or", "in"})
# "team lead", "customer support lead": a role that leads ("marketing leads", plural,
# are still prospects).
LEAD_ROLES = frozenset({"team", "project", "shift", "tech", "technical", "squad", "group",
                        "workstream", "programme", "program", "site", "store", "ward",
                        "support", "design", "engineering", "product", "operations",
                        "marketing", "data", "service", "delivery", "clinical", "research",
                        "content", "people"})
# "market leader", "senior leaders": somebody else, not the leadership asked of you.
NOT_A_LEADER = frozenset({"market", "industry", "sector", "world", "global", "category",
                          "thought", "senior", "business", "follow"})
# "a lead", "a leading provider", "the UK's leading": a noun or an adjective, not a verb.
DETERMINERS = frozenset({"a", "an", "the", "our", "their", "its", "this", "market",
                         "industry", "world", "sector", "global", "uk's", "world's",
                         "country's", "nation's", "europe's", "most"})
LOOK = 4

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# A clause ends at punctuation: "sales leads, the team" is two clauses.
_CLAUSE = re.compile(r"[.,;:!?()\[\]{}|/\\\n\u2022\u00b7\u2013\u2014]+")
_JOINED = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011](?=[^\W\d_])")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def normalize(text: str) -> str:
    """Casefolded, curly quotes straightened, "lead-times" and "self-starter" as two words,
    spaces collapsed; punctuation stays, so a match never runs across a clause."""
    text = _JOINED.sub(" ", text.casefold().translate(_QUOTES))
    return re.sub(r"[ \t\r\f\v]+", " ", text)


def clauses(text: str) -> Iterator[list[str]]:
    """The words of each clause of an already normalized text."""
    for clause in _CLAUSE.split(text):
        if words := _WORD.findall(clause):
            yield words


def _behind(words: list[str], index: int) -> list[str]:
    """Up to LOOK words before `index`, stopping at a word that starts a new clause."""
    before: list[str] = []
    for word in reversed(words[max(0, index - LOOK):index]):
        if word in CLAUSE_WORDS:
            break
        before.insert(0, word)
    return before


def _leads_something(after: list[str]) -> bool:
    """A lead verb followed, within a few words, by something a person leads."""
    for word in after[:LOOK]:
        if word in LEAD_OBJECTS:
            return True
        if word in STOP_AHEAD:
            return False
    return False


def lead_sense(words: list[str], index: int) -> str:
    """"leadership", "sales", "timing" or "other" for the lead word at `words[index]`."""
    word = words[index]
    before, after = _behind(words, index), words[index + 1:index + 1 + LOOK]
    last, following = (before[-1] if before else ""), (after[0] if after else "")
    if word in {"leader", "leaders"}:
        return "other" if last in NOT_A_LEADER else "leadership"
    if following in {"time", "times"}:
        return "timing"
    if word in {"lead", "leads"}:
        # Before the sales check: "sales team lead" is a role, not a prospect.
        if last in LEAD_ROLES and not (word == "leads" and last in SALES_BEFORE):
            return "leadership"
        if set(before) & SALES_BEFORE or following in NOT_LEADERSHIP_AFTER:
            return "sales"
    if before[-2:] in (["take", "the"], ["took", "the"], ["taking", "the"], ["takes", "the"]):
        return "leadership"
    if following == "on":  # "lead on the redesign", "the lead on onboarding"
        return "leadership"
    if last in DETERMINERS:
        return "other"
    if following == "by":  # "lead by example"; "a team led by our director" is not yours
        return "leadership" if after[1:2] == ["example"] else "other"
    return "leadership" if _leads_something(after) else "other"


def lead_senses(text: str) -> Counter[str]:
    """How often each sense of "lead" comes up in `text`."""
    senses: Counter[str] = Counter()
    for words in clauses(normalize(text)):
        for index, word in enumerate(words):
            if word in LEAD_WORDS:
                senses[lead_sense(words, index)] += 1
    return senses


def mentions(text: str) -> Counter[str]:
    """How often `text` mentions each competency, by option value; absent ones left out."""
    normal = normalize(text)
    counts: Counter[str] = Counter()
    for competency in COMPETENCIES:
        if found := len(competency.cues.findall(normal)):
            counts[competency.value] = found
    senses = lead_senses(text)
    counts["leadership"] += senses["leadership"]
    counts["commercial"] += senses["sales"]
    return +counts  # drops the zeros the additions may have left


def ranked(counts: Counter[str]) -> list[tuple[Competency, int]]:
    """The competencies mentioned, most first; the fixed order breaks ties."""
    found = [(competency, counts[competency.value]) for competency in COMPETENCIES
             if counts[competency.value]]
    return sorted(found, key=lambda pair: -pair[1])
