"""Step 8 application tracker: the funnel, the rates, what they point to, the follow-ups
that are due (with a draft), the ones to let go, and the follow-up dates as an .ics file.

Every date is measured against `context.today`, so the rules are testable on any day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.icalendar import MIME, AllDayEvent, calendar
from worksheets.compute.runner import Context

# Two weeks of silence is when a polite follow-up stops looking impatient.
QUIET = timedelta(days=14)
# After this many follow-ups with no answer, more would cost the visitor, not help them.
LET_GO_AFTER = 2
# Below these counts a rate is noise: a few quiet weeks would read as a verdict.
MIN_JUDGED = 10
MIN_ENDED_INTERVIEWS = 3
MIN_FINALS = 2
# Fewer replies than one in ten applications points at the application, not the interview.
LOW_REPLY_RATE = 0.1
MAX_DRAFTS = 5

# How far each stage gets; an ended application takes its level from `furthest`.
LEVELS = {"applied": 0, "screening": 1, "interview": 2, "final": 3, "offer": 4}
OPEN = frozenset({"applied", "screening", "interview", "final"})
ENDED = frozenset({"rejected", "no-reply"})
INTERVIEW, FINAL, OFFER = 2, 3, 4
FUNNEL = ("Applied", "Heard back", "Screening", "Interview", "Final round", "Offer")
GHOSTED_PAGE = "situations/#ghosted"
PATTERN_PAGE = "situations/#repeated-rejections"
STEP_9 = "steps/09-detach-from-one-outcome/"
STEP_10 = "steps/10-improve-continuously/"
STEP_13 = "steps/13-prepare-for-the-next-interview/"


@dataclass(frozen=True)
class Application:
    """One row of the tracker, with its dates read and its furthest stage worked out."""

    name: str
    role: str
    organization: str
    stage: str
    level: int
    applied: date | None
    last_contact: date | None
    follow_ups: int
    next_follow_up: date | None

    @property
    def replied(self) -> bool:
        """They answered at some point: any stage past applying, or a no."""
        return self.level > 0 or self.stage == "rejected"

    @property
    def open(self) -> bool:
        return self.stage in OPEN

    @property
    def quiet_since(self) -> date | None:
        """The last time anything happened: the last contact, else the day you applied."""
        known = [day for day in (self.applied, self.last_contact) if day is not None]
        return max(known) if known else None


@dataclass(frozen=True)
class FollowUp:
    """What to do about one open application today."""

    application: Application
    quiet_days: int | None
    due: bool
    let_go: bool


def _name(row: Answers, index: int) -> str:
    role, organization = row.text("role"), row.text("organization")
    if role and organization:
        return f"{role} at {organization}"
    return role or organization or f"Application {index}"


def _level(stage: str, furthest: str) -> int:
    if stage in LEVELS:
        return LEVELS[stage]
    # Rejected or closed without a reply: as far as it got before it ended.
    return min(LEVELS.get(furthest, 0), FINAL)


def _past(day: date | None, today: date) -> date | None:
    """A date from the form, or None when it lies ahead (a typo, or a plan)."""
    return day if day is not None and day <= today else None


def _count(value: float | None) -> int:
    return int(value) if value is not None and value > 0 else 0


def read_applications(rows: list[Answers], today: date) -> tuple[list[Application], int]:
    """The filled rows as applications, and how many are dated after today (not counted)."""
    found, future = [], 0
    for index, row in enumerate(rows, start=1):
        # A new row arrives with today's date stamped in; on its own that is not an answer.
        if row.is_empty():
            continue
        applied = row.date("date")
        if applied is not None and applied > today:
            future += 1
            continue
        stage = row.choice("stage") if row.choice("stage") in {*LEVELS, *ENDED} else "applied"
        found.append(Application(
            name=_name(row, index), role=row.text("role"),
            organization=row.text("organization"), stage=stage,
            level=_level(stage, row.choice("furthest")), applied=applied,
            last_contact=_past(row.date("last_contact"), today),
            follow_ups=_count(row.number("follow_ups")), next_follow_up=row.date("next_follow_up")))
    return found, future


def follow_up(application: Application, today: date) -> FollowUp:
    """Due: its own follow-up date has come, or (without one) two weeks of silence.
    Let go: two follow-ups sent and still two weeks of silence since the last contact."""
    since = application.quiet_since
    quiet = (today - since).days if since is not None else None
    long_quiet = quiet is not None and quiet >= QUIET.days
    if application.follow_ups >= LET_GO_AFTER and long_quiet:
        return FollowUp(application, quiet, due=False, let_go=True)
    planned = application.next_follow_up
    due = planned <= today if planned is not None else long_quiet
    return FollowUp(application, quiet, due=due, let_go=False)


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


# --- The numbers --------------------------------------------------------------------------


def judged(applications: list[Application], today: date) -> list[Application]:
    """Applications a rate may count: they answered, or they have had two weeks to."""
    return [a for a in applications
            if a.replied or (a.applied is not None and today - a.applied >= QUIET)]


def funnel(applications: list[Application]) -> list[int]:
    """How many reached each stage of FUNNEL, or went further."""
    return [len(applications), sum(a.replied for a in applications),
            *(sum(a.level >= level for a in applications) for level in range(1, OFFER + 1))]


def _summary(applications: list[Application]) -> blocks.Block:
    waiting = sum(a.open for a in applications)
    interviews = sum(a.level >= INTERVIEW for a in applications)
    return blocks.paragraph(
        f"{_plural(len(applications), 'application', 'applications')}: "
        f"{sum(a.replied for a in applications)} heard back, {interviews} reached an "
        f"interview, {waiting} still open.")


def _stage_labels(context: Context) -> dict[str, str]:
    """The stage options' labels, so the result says what the form says."""
    fields = context.field("applications").get("fields", [])
    stage = next((f for f in fields if f["id"] == "stage"), {})
    return {option["value"]: option["label"] for option in stage.get("options", [])}


def _where_now(applications: list[Application], context: Context) -> blocks.Block:
    labels = _stage_labels(context)
    lines = [f"{label}: {count}" for value, label in labels.items()
             if (count := sum(a.stage == value for a in applications))]
    return blocks.items(lines, title="Where they stand now")


def _rates(applications: list[Application], today: date) -> blocks.Block:
    counted = judged(applications, today)
    replies = sum(a.replied for a in counted)
    interviews = sum(a.level >= INTERVIEW for a in counted)
    lines = [
        f"Replies: {replies} of {_plural(len(counted), 'application', 'applications')} "
        f"that have had two weeks or an answer ({_percent(replies, len(counted))})",
        f"Interviews: {interviews} of {len(counted)} ({_percent(interviews, len(counted))})",
    ]
    if interviews:
        offers = sum(a.level >= OFFER for a in counted)
        lines.append(f"Offers: {offers} of {_plural(interviews, 'interview', 'interviews')}")
    return blocks.items(lines, title="Your rates")


def _numbers(applications: list[Application], today: date,
             context: Context) -> list[blocks.Block]:
    return [
        blocks.heading("How far your applications got"),
        blocks.chart("Applications that reached each stage, or went further", FUNNEL,
                     funnel(applications)),
        _where_now(applications, context),
        _rates(applications, today),
    ]


# --- What the numbers point to ------------------------------------------------------------


def diagnosis(applications: list[Application], today: date) -> list[blocks.Block]:
    """The pattern the step teaches, once there are enough applications to see one.

    Few replies point at the application (resume, targeting); interviews without offers
    point at interview practice; later rounds without offers are close. Each reading names
    what to change in the method, never the person, and where to read more.
    """
    text, link = _reading(applications, today)
    return [blocks.paragraph(text), *([blocks.link(*link, lead="Next:")] if link else [])]


def _reading(applications: list[Application],
             today: date) -> tuple[str, tuple[str, str] | None]:
    counted = judged(applications, today)
    replies = sum(a.replied for a in counted)
    ended = [a for a in applications if a.level >= INTERVIEW and a.stage in ENDED]
    finals = sum(a.level >= FINAL for a in ended)
    if any(a.stage == "offer" for a in applications):
        return ("You have an offer to consider. Before you answer, weigh it against what "
                "matters to you.", ("Detach from any single outcome", STEP_9))
    if len(counted) < MIN_JUDGED:
        have = _plural(len(counted), "application has", "applications have")
        return (f"Too early to read a pattern: {have} had two weeks or an answer. From about "
                f"{MIN_JUDGED}, the numbers start to mean something. Until then, a quiet inbox "
                "says more about how slowly hiring moves than about you.", None)
    if replies / len(counted) < LOW_REPLY_RATE:
        return (f"{_plural(replies, 'reply', 'replies')} from {len(counted)} applications. When "
                "replies are this rare, look at the application before anything else: would a "
                "busy reader see the match with the ad in 30 seconds? Tailor the top of your "
                "resume to each ad, in its own words, and aim at roles that fit your "
                "experience now. It is a fixable part of the method.",
                ("Rejected again and again", PATTERN_PAGE))
    if len(ended) >= MIN_ENDED_INTERVIEWS and finals >= MIN_FINALS:
        return (f"{finals} of the {len(ended)} interviews that ended without an offer went to a "
                "final round. That is close: at that stage the choice often comes down to fit "
                "or one gap, not ability. Ask for feedback, and pick one thing to change.",
                ("Improve continuously, not perfectly", STEP_10))
    if len(ended) >= MIN_ENDED_INTERVIEWS:
        return (f"{len(ended)} interviews ended without an offer, so your applications are "
                "doing their job: they get you in the room. The next gain is there. Practice "
                "your answers out loud, with a timer or a mock interview.",
                ("Prepare for the next interview", STEP_13))
    return ("No single stage stands out as where things stop. Keep a pace you can sustain, "
            "keep tailoring, and look again after your next few replies.", None)


# --- Follow-ups ---------------------------------------------------------------------------


def _why_due(item: FollowUp, today: date) -> str:
    application = item.application
    planned = application.next_follow_up
    if planned is not None and planned <= today:
        return f"{application.name}: your follow-up date, {day_text(planned)}, has come"
    since = application.quiet_since
    what = "you applied" if since == application.applied else "your last contact"
    # Before any answer it is "no reply"; after a call or an interview, "no news".
    silence = "no news" if application.replied else "no reply"
    return (f"{application.name}: {silence} since {what} on {day_text(since or today)}, "
            f"{item.quiet_days} days ago")


def draft_text(application: Application) -> str:
    """A short, polite follow-up: after an interview, a first nudge, or a last one."""
    role = f"the {application.role} role" if application.role else "the role"
    where = f" at {application.organization}" if application.organization else ""
    applied = f" on {day_text(application.applied)}" if application.applied else ""
    if application.level >= INTERVIEW:
        middle = (f"Thank you again for the interview for {role}{where}. I wanted to ask "
                  "whether there is any news on the next step. I am still keen, and happy to "
                  "answer anything else you need.")
    elif application.follow_ups == 0:
        middle = (f"I applied for {role}{where}{applied}, and I am writing to check where "
                  "things stand. I am still very interested, and glad to send anything that "
                  "would help.")
    else:
        middle = (f"I am following up once more on my application for {role}{where}"
                  f"{applied}. If the role has been filled, a short note would help me plan. "
                  "Either way, thank you for your time.")
    return f"Hello,\n\n{middle}\n\nBest wishes,"


def _drafts(due: list[FollowUp]) -> list[blocks.Block]:
    made = []
    for item in due[:MAX_DRAFTS]:
        application = item.application
        subject = f"Following up: {application.role or 'my application'}"
        if application.organization:
            subject += f", {application.organization}"
        made.append(blocks.draft(f"Follow-up for {application.name}", draft_text(application),
                                 subject=subject))
    if len(due) > MAX_DRAFTS:
        made.append(blocks.paragraph(f"{len(due) - MAX_DRAFTS} more are due: the drafts above "
                                     "work for them too, with the names and dates changed."))
    return made


def _due(items: list[FollowUp], today: date) -> list[blocks.Block]:
    due = sorted((i for i in items if i.due), key=lambda i: -(i.quiet_days or 0))
    if not due:
        return []
    return [blocks.items([_why_due(i, today) for i in due],
                         title=f"Due a follow-up ({len(due)})"),
            *_drafts(due),
            blocks.paragraph("Once you send one, add one to its follow-ups and set its last "
                             "contact to that day.")]


def _let_go(items: list[FollowUp]) -> list[blocks.Block]:
    gone = [i for i in items if i.let_go]
    if not gone:
        return []
    lines = [f"{i.application.name}: {_plural(i.application.follow_ups, 'follow-up', 'follow-ups')}"
             f", then {i.quiet_days} days of quiet" for i in gone]
    return [blocks.items(lines, title="Time to let it go"),
            blocks.calm("You asked politely, twice. Silence after that says more about their "
                        "hiring than about you, and more messages would only cost you. Mark it "
                        "\u201cNo reply, closed\u201d and give the energy to the next one; if "
                        "they write later, you can still answer."),
            blocks.link("Ghosted after an interview", GHOSTED_PAGE, lead="If it still stings:")]


# --- Calendar -----------------------------------------------------------------------------


def next_date(item: FollowUp, today: date) -> tuple[date, bool] | None:
    """The day to follow up and whether the visitor chose it (else it is suggested)."""
    planned = item.application.next_follow_up
    if planned is not None and planned >= today:
        return planned, True
    since = item.application.quiet_since
    if since is None:
        return None
    return max(today, since + QUIET), False


def _event(application: Application, day: date, planned: bool) -> AllDayEvent:
    details = [f"Role: {application.role}"] if application.role else []
    details += [f"Employer: {application.organization}"] if application.organization else []
    details += [f"Applied: {day_text(application.applied)}"] if application.applied else []
    details.append(f"Follow-ups sent so far: {application.follow_ups}")
    details.append("Your date." if planned else "Suggested: two weeks after the last contact.")
    return AllDayEvent(day=day, summary=f"Follow up: {application.name}",
                       description="\n".join(details))


def _calendar(items: list[FollowUp], today: date) -> list[blocks.Block]:
    dated = [(item, found) for item in items if not item.let_go
             and (found := next_date(item, today)) is not None]
    dated.sort(key=lambda pair: pair[1][0])
    if not dated:
        return []
    rows = [[item.application.name,
             f"{day_text(day)}{'' if planned else ' (suggested)'}"]
            for item, (day, planned) in dated]
    events = [_event(item.application, day, planned) for item, (day, planned) in dated]
    count = _plural(len(events), "follow-up date", "follow-up dates")
    return [blocks.table(["Application", "Follow up on"], rows, title="Next follow-ups"),
            blocks.download(f"Add {count} to your calendar (.ics)",
                            "application-follow-ups.ics",
                            calendar(events, today, name="Application follow-ups"), mime=MIME)]


def _not_counted(future: int) -> list[blocks.Block]:
    if not future:
        return []
    return [blocks.items([f"{_plural(future, 'application', 'applications')} dated after "
                          "today: counted once that day comes."], title="Not counted yet")]


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    today = context.today
    applications, future = read_applications(answers.rows("applications"), today)
    if not applications:
        return [blocks.paragraph("Add your first application, with the day you sent it, to "
                                 "see where each one stands."), *_not_counted(future)]
    items = [follow_up(a, today) for a in applications if a.open]
    return [_summary(applications), *_due(items, today), *_let_go(items),
            *_numbers(applications, today, context), *diagnosis(applications, today),
            *_calendar(items, today), *_not_counted(future)]
