"""Step 10 lessons log: themes and words that recur across interviews, and the changes you chose."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.references import picked_name
from worksheets.compute.runner import Context

# A small, fixed lexicon: each theme is a handful of word patterns, matched whole-word
# and case-blind, so the same notes always give the same themes.
THEMES: dict[str, tuple[str, ...]] = {
    "Preparation": (r"prep", r"prepar\w*", r"practi[cs]\w*", r"rehears\w*", r"mock\w*",
                    r"ready", r"readiness", r"unprepared"),
    "Examples": (r"examples?", r"stor(?:y|ies)", r"star", r"anecdotes?", r"evidence",
                 r"case stud(?:y|ies)", r"numbers?", r"metrics?", r"results?"),
    "Nerves": (r"nerv\w*", r"anxi\w*", r"calm\w*", r"stress\w*", r"panic\w*",
               r"shak(?:y|ing|en)", r"froze", r"freeze", r"frozen", r"breath\w*",
               r"went blank", r"jitter\w*", r"sweat\w*"),
    "Confidence": (r"confiden\w*", r"self[- ]doubt", r"doubt\w*", r"undersell\w*",
                   r"undersold", r"oversell\w*", r"oversold", r"assertive\w*"),
    "Questions": (r"questions?", r"asked", r"ask(?:ing)?"),
    "Research": (r"research\w*", r"homework", r"website", r"mission", r"competitors?",
                 r"annual reports?", r"read up"),
    "Timing": (r"timing", r"late", r"early", r"punctual\w*", r"on time", r"out of time",
               r"ran over", r"minutes?", r"timer", r"rush\w*"),
    "Salary": (r"salar\w*", r"pay(?! attention)", r"compensation", r"negotiat\w*", r"wages?"),
    "Concise answers": (r"too long", r"rambl\w*", r"concise\w*", r"succinct\w*",
                        r"shorter", r"vague\w*", r"clear\w*", r"clarity", r"to the point",
                        r"waffl\w*", r"structur\w*"),
    "Role fit": (r"job description", r"requirements?", r"fit", r"job ad", r"relevan\w*"),
}
_THEME_PATTERNS = {name: re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)
                   for name, parts in THEMES.items()}
_ANY_THEME = re.compile("|".join(p.pattern for p in _THEME_PATTERNS.values()), re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# Common English words, plus words every interview note uses, so what is left is yours.
_STOP_TEXT = """
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does
doesn't doing don't down during each even ever every few for from further get gets getting
got had hadn't has hasn't have haven't having he her here hers herself him himself his how
i i'd i'll i'm i've if in into is isn't it it's its itself just kind least less let like
lot lots made make makes making many may me might more most much must my myself need
needed needs never next no nor not now of off often on once one only or other our ours
ourselves out over own quite rather really same she should shouldn't so some something
still such than that that's the their theirs them themselves then there there's these they
they'd they're thing things think this those though through thought to too try tried
trying under until up upon us very want wanted was wasn't way we we'd we're well went were
weren't what when where which while who whom why will with won't would wouldn't yet you
you'd you'll you're your yours yourself
interview interviews interviewer interviewers answer answers answered job role company
time times learned learnt change changes changed lesson lessons bit
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
MIN_WORD, MAX_WORD = 3, 30  # longer "words" are pasted links or key-mashing, not themes
SHOWN_WORDS = 10
NAMES_IN_LINE = 4


@dataclass(frozen=True)
class Entry:
    """One interview's notes, with what the compute found in them."""

    name: str
    when: date | None
    change: str
    themes: frozenset[str]
    words: dict[str, str]  # normalized word -> the form written


def word_key(word: str) -> str:
    """Fold simple plurals and possessives so 'budget' and 'budgets' count as one."""
    word = re.sub(r"['’]s$", "", word.lower())
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def themes_in(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in _THEME_PATTERNS.items() if pattern.search(text))


def words_in(text: str) -> dict[str, str]:
    """Meaningful words: no stop words, no very short or long ones, none a theme covers."""
    found: dict[str, str] = {}
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        too_plain = word in STOP_WORDS or _ANY_THEME.fullmatch(word)
        if too_plain or not MIN_WORD <= len(word) <= MAX_WORD:
            continue
        key = word_key(word)
        if key not in STOP_WORDS:
            found.setdefault(key, word)
    return found


def _entries(rows: list[Answers]) -> list[Entry]:
    entries = []
    for index, row in enumerate(rows, start=1):
        learned, change = row.text("learned"), row.text("change")
        if not (learned or change):
            continue
        text = f"{learned}\n{change}"
        entries.append(Entry(name=picked_name(row, "interview") or f"Interview {index}",
                             when=row.date("date"), change=change, themes=themes_in(text),
                             words=words_in(text)))
    # Dated entries in date order; undated ones keep their place after them.
    return sorted(entries, key=lambda e: (e.when is None, e.when or date.min))


def joined(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _names(entries: list[Entry]) -> str:
    names = [e.name for e in entries]
    shown = ", ".join(names[:NAMES_IN_LINE])
    return shown + (f" and {len(names) - NAMES_IN_LINE} more" if len(names) > NAMES_IN_LINE else "")


def theme_counts(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """Each theme with the entries it appears in, most entries first, then lexicon order."""
    found = [(name, [e for e in entries if name in e.themes]) for name in THEMES]
    return sorted([pair for pair in found if pair[1]], key=lambda pair: -len(pair[1]))


def repeated_words(entries: list[Entry]) -> list[tuple[str, int]]:
    """Words in two or more entries, as written most often, most entries first."""
    counts = Counter(key for e in entries for key in e.words)
    forms: dict[str, Counter[str]] = {}
    for e in entries:
        for key, form in e.words.items():
            forms.setdefault(key, Counter())[form] += 1
    repeated = sorted((key for key, n in counts.items() if n >= 2),
                      key=lambda key: (-counts[key], key))[:SHOWN_WORDS]
    return [(min(forms[key], key=lambda f: (-forms[key][f], f)), counts[key]) for key in repeated]


def _themes(entries: list[Entry]) -> list[blocks.Block]:
    counted, total = theme_counts(entries), len(entries)
    if total == 1:
        touched = [name for name, _ in counted]
        found = f" This one touches on {joined(touched).lower()}." if touched else ""
        return [blocks.paragraph("One entry so far. A theme counts as recurring once it shows "
                                 f"up in two interviews.{found}")]
    recurring = [(name, found) for name, found in counted if len(found) >= 2]
    if not recurring:
        return [blocks.paragraph(f"No theme repeats across your {total} entries yet. Each "
                                 "interview has taught you something different.")]
    lines = [f"{name}: in {len(found)} of {total} entries ({_names(found)})"
             for name, found in recurring]
    most = len(recurring[0][1])
    top = [name.lower() for name, found in recurring if len(found) == most]
    lead = (f"The theme you mention most is {top[0]}" if len(top) == 1
            else f"The themes you mention most are {joined(top)}")
    return [blocks.items(lines, title="Themes that keep coming up"),
            blocks.paragraph(f"{lead}. {'Take it' if len(top) == 1 else 'Pick one and take it'}"
                             " to your gap-closing plan or your practice for the next "
                             "interview.")]


def _words(entries: list[Entry]) -> list[blocks.Block]:
    repeated = repeated_words(entries)
    if not repeated:
        return []
    return [blocks.items([f"{word}: in {n} entries" for word, n in repeated],
                         title="Your own words that repeat")]


def _changes(entries: list[Entry]) -> list[blocks.Block]:
    lines = [f"{e.name}" + (f" ({e.when.day} {e.when:%b %Y})" if e.when else "")
             + f": {e.change}" for e in entries if e.change]
    if not lines:
        return [blocks.paragraph("Add what you'll change next time to each entry; "
                                 "one specific thing is enough.")]
    return [blocks.items(lines, title="Changes you committed to")]


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    entries = _entries(answers.rows("entries"))
    if not entries:
        return [blocks.paragraph("After your next interview, add one thing you learned and "
                                 "one thing you'll change. Themes appear as entries add up.")]
    return [*_themes(entries), *_words(entries), *_changes(entries)]
