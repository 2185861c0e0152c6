"""What the all-worksheets browser test types into each of the sixteen worksheets.

One entry per worksheet: the page, the actions a visitor takes (in order), the texts only
that worksheet's Python compute can produce from those answers, and an answer My plan must
show. Every typed or ticked control is checked again after a reload, so the actions double
as the expected values. Dates are relative to today wherever the compute compares with
today (overdue items, streaks, the last seven days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

TODAY = date.today()
# Fixed names, as the computes use: the result must not depend on this machine's locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def days_ahead(days: int) -> date:
    return TODAY + timedelta(days=days)


def iso(day: date) -> str:
    return day.isoformat()


def day_text(day: date) -> str:
    """A date as the gap plan and contact tracker write it: '3 Mar 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Control:
    """One answer control of a worksheet form, by the README's DOM contract."""

    field: str  # a top-level field id, or the id of a repeating rows field
    row: int = 0  # 1-based row number inside `field`; 0 for a top-level field
    sub: str = ""  # the sub-field id inside that row
    value: str = ""  # the option value, for a radio button or a checkbox

    @property
    def css(self) -> str:
        option = f"[value='{self.value}']" if self.value else ""
        if not self.row:
            return f":is(input, textarea)[name='{self.field}']{option}"
        return (f"[data-field='{self.field}'] [data-row]:nth-child({self.row}) "
                f"[data-field='{self.sub}'] :is(input, textarea){option}")

    def __str__(self) -> str:
        where = f"{self.field}" if not self.row else f"{self.field} row {self.row} {self.sub}"
        return f"{where}={self.value}" if self.value else where


def at(field: str, value: str = "") -> Control:
    return Control(field, value=value)


def cell(rows: str, row: int, sub: str, value: str = "") -> Control:
    return Control(rows, row, sub, value)


@dataclass(frozen=True)
class Fill:
    """Paste-speed entry (page.fill): one input event with the whole text."""

    control: Control
    text: str


@dataclass(frozen=True)
class Type:
    """Key by key, as a person types (press_sequentially)."""

    control: Control
    text: str


@dataclass(frozen=True)
class Tick:
    """Check a radio button or a checkbox."""

    control: Control


@dataclass(frozen=True)
class AddRow:
    """Press a repeating field's add button; the new row comes last."""

    rows: str


@dataclass(frozen=True)
class Stamped:
    """Nothing to do: a dated row's own date, which the form fills in with today."""

    control: Control


@dataclass(frozen=True)
class Pick:
    """Choose an entry of another worksheet in a reference field's list, by its name."""

    control: Control
    label: str

    @property
    def css(self) -> str:
        return self.control.css.replace(":is(input, textarea)", "select")


Action = Fill | Type | Tick | AddRow | Stamped | Pick


@dataclass(frozen=True)
class WorksheetFill:
    path: str  # the step page, relative to the site root
    worksheet: str
    actions: tuple[Action, ...]
    results: tuple[str, ...]  # texts (or draft text) only the compute derives from the answers
    in_plan: str  # an answer My plan must list for this worksheet

    def rows_expected(self) -> dict[str, int]:
        """Rows each repeating field should hold: the one it starts with, plus those added."""
        counts: dict[str, int] = {}
        for action in self.actions:
            if isinstance(action, AddRow):
                counts[action.rows] = counts.get(action.rows, 1) + 1
            elif action.control.row:
                counts.setdefault(action.control.field, 1)
        return counts


def _ticks(rows: str, row: int, sub: str, *values: str) -> tuple[Tick, ...]:
    return tuple(Tick(cell(rows, row, sub, value)) for value in values)


SCORECARD_LATEST = {"first_impression": "4", "research": "3", "clarity": "5", "impact": "3",
                    "confidence": "4", "natural": "4", "fit": "2"}  # 25 / 7 = 3.57
TWO_WAY = {"growth": ("5", "4"), "culture": ("4", "5"), "pay": ("3", "2"),
           "commute": ("2", "3"), "values": ("1", "5"), "own": ("4", "1")}  # 61 of 95

def short_day(day: date) -> str:
    """A date as a reference list names an interview: '20 Nov'."""
    return f"{day.day} {MONTHS[day.month - 1]}"


# The interview journal's entries, as the reference lists of steps 4, 5 and 10 name them.
NORTHWIND = f"Northwind Freight · Junior data analyst · {short_day(days_ago(14))}"
HARBOR = f"Harbor Health · Office assistant · {short_day(days_ago(12))}"
RIVERSIDE = f"Riverside Dental Clinic · Receptionist · {short_day(days_ago(9))}"

WORKSHEETS: tuple[WorksheetFill, ...] = (
    # First: steps 4, 5 and 10 pick their interviews from it.
    WorksheetFill(
        "interview-journal/", "interview-journal",
        actions=(
            Fill(cell("interviews", 1, "organization"), "Northwind Freight"),
            Fill(cell("interviews", 1, "role"), "Junior data analyst"),
            Fill(cell("interviews", 1, "date"), iso(days_ago(14))),
            Tick(cell("interviews", 1, "stage", "final")),
            Tick(cell("interviews", 1, "format", "video")),
            Fill(cell("interviews", 1, "interviewers"), "Sam Ortiz (team lead)"),
            Tick(cell("interviews", 1, "outcome", "rejected")),
            Type(cell("interviews", 1, "notes"), "Two SQL questions and a case study."),
            AddRow("interviews"),
            Fill(cell("interviews", 2, "organization"), "Harbor Health"),
            Fill(cell("interviews", 2, "role"), "Office assistant"),
            Fill(cell("interviews", 2, "date"), iso(days_ago(12))),
            Tick(cell("interviews", 2, "outcome", "waiting")),
            AddRow("interviews"),
            Fill(cell("interviews", 3, "organization"), "Riverside Dental Clinic"),
            Type(cell("interviews", 3, "role"), "Receptionist"),
            Fill(cell("interviews", 3, "date"), iso(days_ago(9))),
        ),
        results=("3 interviews in your journal.", f"{HARBOR}: 12 days without a reply"),
        in_plan="Two SQL questions and a case study.",
    ),
    WorksheetFill(
        "steps/01-acknowledge-your-feelings/", "feelings-check-in",
        actions=(
            Fill(cell("checkins", 1, "date"), iso(days_ago(2))),
            *_ticks("checkins", 1, "emotions", "disappointment", "self-doubt"),
            Tick(cell("checkins", 1, "intensity", "8")),
            Type(cell("checkins", 1, "journal"), "When I read the message, I felt flat."),
            AddRow("checkins"),
            Stamped(cell("checkins", 2, "date")),
            *_ticks("checkins", 2, "emotions", "disappointment", "hope"),
            Tick(cell("checkins", 2, "intensity", "5")),
            Fill(cell("checkins", 2, "journal"),
                 "What I know is still true about me is that I learn fast.\nTomorrow: a walk."),
        ),
        results=("Your feelings have eased, from 8 at your first check-in to 5 now.",
                 "Disappointment: 2 of 2 check-ins"),
        in_plan="When I read the message, I felt flat.",
    ),
    WorksheetFill(
        "steps/02-separate-worth-from-outcome/", "control-sort",
        actions=(
            Tick(at("outside", "budget")),
            Tick(at("outside", "internal-candidate")),
            Tick(at("outside", "timing")),
            Tick(at("mine", "examples")),
            Fill(cell("own_factors", 1, "factor"), "The interview was moved twice"),
            Tick(cell("own_factors", 1, "side", "outside")),
            Type(at("sentence"), "I'm not smart enough for data jobs."),
        ),
        results=("You sorted 5 factors: 4 outside your control and 1 in your hands.",
                 # The rewrite, in the draft's text box.
                 "I wasn't the right fit for data jobs right now, and that can change."),
        in_plan="The interview was moved twice",
    ),
    WorksheetFill(
        "steps/03-respond-professionally/", "reply-composer",
        actions=(
            Fill(at("company"), "Lakeside Dental"),
            Fill(at("role"), "Office coordinator"),
            Fill(at("interviewer"), "Ms. Okafor"),
            Fill(at("interviewer_email"), "dana.okafor@lakeside.example"),
            Type(at("valued"), "The tour of the new clinic."),
            Fill(at("your_name"), "Sam Rivera"),
            Fill(at("contact"), "555-0100"),
            Tick(at("tone", "formal")),
        ),
        results=("Formal reply (your pick)",
                 "Subject: Re: Application for the Office coordinator position",
                 "Dear Ms. Okafor,",
                 "I particularly appreciated the tour of the new clinic."),
        in_plan="Lakeside Dental",
    ),
    WorksheetFill(
        "steps/04-ask-for-feedback/", "feedback-request",
        actions=(
            Fill(at("company"), "Northwind Freight"),
            Fill(at("role"), "Junior data analyst"),
            Fill(at("interviewer"), "Sam"),
            Fill(at("interviewer_email"), "sam@northwind.example"),
            Fill(at("your_name"), "Alex Kim"),
            Tick(at("ask", "edge")),
            Tick(at("tone", "warm")),
            Fill(cell("feedback", 1, "date"), iso(days_ago(10))),
            Pick(cell("feedback", 1, "interview"), NORTHWIND),
            Fill(cell("feedback", 1, "said"),
                 "Your answers ran long; the chosen candidate had more SQL."),
            *_ticks("feedback", 1, "themes", "communication", "experience"),
            Fill(cell("feedback", 1, "action"), "Time three answers"),
            AddRow("feedback"),
            Stamped(cell("feedback", 2, "date")),
            Pick(cell("feedback", 2, "interview"), HARBOR),
            Fill(cell("feedback", 2, "said"), "Clear examples, but say more about results."),
            Tick(cell("feedback", 2, "themes", "communication")),
        ),
        results=("Warm request (your pick)",
                 "If you have a moment, was there one skill or experience that set the chosen "
                 "candidate apart?",
                 "Communication comes up most: 2 of 2 tagged entries."),
        in_plan="Northwind Freight",
    ),
    WorksheetFill(
        "steps/05-evaluate-your-performance/", "interview-scorecard",
        actions=(
            Fill(cell("interviews", 1, "date"), iso(days_ago(14))),
            Pick(cell("interviews", 1, "interview"), NORTHWIND),
            Tick(cell("interviews", 1, "research", "2")),
            Tick(cell("interviews", 1, "clarity", "2")),
            Tick(cell("interviews", 1, "fit", "2")),
            Fill(cell("interviews", 1, "research_note"), "Had not read their annual report"),
            AddRow("interviews"),
            Stamped(cell("interviews", 2, "date")),
            Pick(cell("interviews", 2, "interview"), HARBOR),
            *(Tick(cell("interviews", 2, part, score))
              for part, score in SCORECARD_LATEST.items()),
            Fill(cell("interviews", 2, "fit_note"), "Did not link my Excel work to their needs"),
        ),
        results=("3.57 of 5",
                 "Fit to the job's requirements (your note: Did not link my Excel work to "
                 "their needs)",
                 f"Compared with {NORTHWIND}, your overall score is up by 1.6."),
        in_plan=HARBOR,
    ),
    WorksheetFill(
        "steps/06-close-skill-gaps/", "gap-plan",
        actions=(
            Type(cell("gaps", 1, "gap"), "Writing SQL joins across three tables"),
            Fill(cell("gaps", 1, "action"), "Free online course, 30 minutes a day"),
            Fill(cell("gaps", 1, "resource"), "The course's practice exercises"),
            Fill(cell("gaps", 1, "due"), iso(days_ago(3))),
            Tick(cell("gaps", 1, "status", "in_progress")),
            AddRow("gaps"),
            Fill(cell("gaps", 2, "gap"), "Presenting numbers to non-experts"),
            Fill(cell("gaps", 2, "action"), "Two practice talks with Sam"),
            Fill(cell("gaps", 2, "due"), iso(days_ahead(5))),
            Tick(cell("gaps", 2, "status", "not_started")),
            AddRow("gaps"),
            Fill(cell("gaps", 3, "gap"), "Excel pivot tables"),
            Fill(cell("gaps", 3, "action"), "Rebuild last year's sales report"),
            Fill(cell("gaps", 3, "due"), iso(days_ago(20))),
            Tick(cell("gaps", 3, "status", "done")),
        ),
        results=("1 of 3 items",
                 "Writing SQL joins across three tables: Free online course, 30 minutes a day "
                 f"(due {day_text(days_ago(3))}, 3 days ago)",
                 "Add 2 due dates to your calendar (.ics)"),
        in_plan="Excel pivot tables",
    ),
    WorksheetFill(
        "steps/07-keep-in-touch-with-interviewers/", "contact-tracker",
        actions=(
            Fill(cell("contacts", 1, "person"), "Dana Okafor"),
            Fill(cell("contacts", 1, "role"), "Customer success team lead"),
            Fill(cell("contacts", 1, "company"), "Brightside Software"),
            Fill(cell("contacts", 1, "last_contact"), iso(days_ago(30))),
            Fill(cell("contacts", 1, "next_touch"), iso(days_ago(2))),
            Type(cell("contacts", 1, "notes"), "Talked about onboarding new clients."),
            AddRow("contacts"),
            Fill(cell("contacts", 2, "person"), "Dr. Lee Park"),
            Fill(cell("contacts", 2, "role"), "Hiring manager"),
            Fill(cell("contacts", 2, "company"), "Harbor Health"),
            Fill(cell("contacts", 2, "last_contact"), iso(days_ago(5))),
            Fill(cell("contacts", 2, "notes"), "Suggested more concrete examples."),
        ),
        results=("Dana Okafor (Customer success team lead at Brightside Software): due since "
                 f"{day_text(days_ago(2))}, 2 days ago",
                 # Ten weeks after the last contact, for the person with no date set.
                 f"Dr. Lee Park (Hiring manager at Harbor Health): around "
                 f"{day_text(days_ahead(70 - 5))} would suit",
                 "Hi Dr. Lee Park, thank you for taking the time to meet me at Harbor Health.",
                 "Add 1 touch-point to your calendar (.ics)"),
        in_plan="Dana Okafor",
    ),
    WorksheetFill(
        "steps/08-keep-your-search-moving/", "momentum-tracker",
        actions=(
            Fill(at("weekly_goal"), "1"),
            Stamped(cell("actions", 1, "date")),
            Tick(cell("actions", 1, "kind", "application")),
            Type(cell("actions", 1, "note"), "Applied for the coordinator role at Harbor Health"),
            AddRow("actions"),
            Fill(cell("actions", 2, "date"), iso(days_ago(7))),
            Tick(cell("actions", 2, "kind", "networking")),
            Fill(cell("actions", 2, "note"), "Coffee with a former colleague"),
            AddRow("actions"),
            Fill(cell("actions", 3, "date"), iso(days_ago(14))),
            Tick(cell("actions", 3, "kind", "learning")),
            Fill(cell("actions", 3, "note"), "Finished the SQL course module"),
        ),
        # One action in each of the last three weeks, against a goal of one a week.
        results=("Streak: 3 weeks in a row at or above your goal.", "Application: 1"),
        in_plan="Coffee with a former colleague",
    ),
    WorksheetFill(
        "steps/08-keep-your-search-moving/", "application-tracker",
        actions=(
            Fill(cell("applications", 1, "organization"), "Harbor Health"),
            Type(cell("applications", 1, "role"), "Operations coordinator"),
            Fill(cell("applications", 1, "source"), "Job board"),
            Fill(cell("applications", 1, "date"), iso(days_ago(20))),
            Tick(cell("applications", 1, "stage", "applied")),
            AddRow("applications"),
            Fill(cell("applications", 2, "organization"), "Northwind Freight"),
            Fill(cell("applications", 2, "role"), "Junior data analyst"),
            Stamped(cell("applications", 2, "date")),
            Tick(cell("applications", 2, "stage", "interview")),
            Fill(cell("applications", 2, "last_contact"), iso(TODAY)),
            Fill(cell("applications", 2, "follow_ups"), "0"),
            Fill(cell("applications", 2, "next_follow_up"), iso(days_ahead(7))),
        ),
        # Twenty quiet days make the first one due; the second has a date of its own.
        results=("2 applications: 1 heard back, 1 reached an interview, 2 still open.",
                 "Operations coordinator at Harbor Health: no reply since you applied on "
                 f"{day_text(days_ago(20))}, 20 days ago",
                 "I applied for the Operations coordinator role at Harbor Health on "
                 f"{day_text(days_ago(20))}",
                 "Add 2 follow-up dates to your calendar (.ics)"),
        in_plan="Northwind Freight",
    ),
    WorksheetFill(
        "steps/09-detach-from-one-outcome/", "two-way-evaluation",
        actions=(
            Fill(at("company"), "Harbor Regional Bank"),
            Type(at("own_label"), "Flexible hours"),
            *(tick for name, (weight, score) in TWO_WAY.items()
              for tick in (Tick(at(f"{name}_weight", weight)), Tick(at(f"{name}_score", score)))),
        ),
        results=("64 of 100", "61 of 95 weighted points",
                 "At 64%, Harbor Regional Bank is a decent fit, not a perfect one."),
        in_plan="Harbor Regional Bank",
    ),
    WorksheetFill(
        "steps/10-improve-continuously/", "lessons-log",
        actions=(
            Fill(cell("entries", 1, "date"), iso(days_ago(9))),
            Pick(cell("entries", 1, "interview"), RIVERSIDE),
            Fill(cell("entries", 1, "learned"), "I talked for too long and felt nervous."),
            Fill(cell("entries", 1, "change"), "Practice with a timer."),
            AddRow("entries"),
            Stamped(cell("entries", 2, "date")),
            Pick(cell("entries", 2, "interview"), NORTHWIND),
            Type(cell("entries", 2, "learned"), "Nerves again at the start."),
            Fill(cell("entries", 2, "change"), "Prepare two stories with numbers."),
        ),
        results=(f"Nerves: in 2 of 2 entries ({RIVERSIDE}, {NORTHWIND})",
                 f"{NORTHWIND} (" + day_text(TODAY) + "): Prepare two stories with "
                 "numbers."),
        in_plan=RIVERSIDE,
    ),
    WorksheetFill(
        "steps/11-look-after-yourself/", "wellbeing-wins",
        actions=(
            Fill(cell("checks", 1, "date"), iso(days_ago(1))),
            Fill(cell("checks", 1, "sleep_hours"), "7.5"),
            Fill(cell("checks", 1, "movement_minutes"), "30"),
            Tick(cell("checks", 1, "connection", "call")),
            Tick(cell("checks", 1, "mood", "3")),
            AddRow("checks"),
            Stamped(cell("checks", 2, "date")),
            Type(cell("checks", 2, "sleep_hours"), "6.5"),
            Fill(cell("checks", 2, "movement_minutes"), "0"),
            Tick(cell("checks", 2, "connection", "none")),
            Tick(cell("checks", 2, "mood", "5")),
            Stamped(cell("wins", 1, "date")),
            Fill(cell("wins", 1, "what"), "A recruiter called me back"),
            AddRow("wins"),
            Fill(cell("wins", 2, "date"), iso(days_ago(3))),
            Fill(cell("wins", 2, "what"), "Finished a course module"),
        ),
        results=("Sleep: 7 hours a night on average (2 days)",
                 "Days with time with people: 1 of 7",
                 "2 wins so far, 2 in the last seven days."),
        in_plan="Finished a course module",
    ),
    WorksheetFill(
        "steps/12-reframe-rejection/", "reframe-record",
        actions=(
            Type(at("situation"), "Tuesday, an email saying they chose someone else."),
            Fill(at("feelings"), "disappointed, embarrassed"),
            Fill(at("feeling_intensity"), "80"),
            Fill(at("automatic_thought"), "I'm not smart enough for data jobs."),
            Fill(at("thought_belief"), "90"),
            Fill(at("evidence_for"), "I could not answer the SQL question."),
            Fill(at("evidence_against"), "I reached the final round of three."),
            Fill(at("reframe"), "Roles that ask for less experience may suit me better now."),
            Fill(at("reframe_belief"), "60"),
            Fill(at("thought_belief_after"), "40"),
            Fill(at("feeling_intensity_after"), "45"),
        ),
        results=("Your belief in the harsh thought fell from 90 to 40.",
                 "You now believe your redirection (60) more than the harsh thought (40).",
                 "Every part is filled in."),
        in_plan="I reached the final round of three.",
    ),
    WorksheetFill(
        "steps/13-prepare-for-the-next-interview/", "star-builder",
        actions=(
            Fill(cell("stories", 1, "question"),
                 "Tell me about a time you solved a problem under pressure."),
            Tick(cell("stories", 1, "format", "STAR")),
            Fill(cell("stories", 1, "situation"),
                 "The weekly delivery report broke before a board meeting."),
            Fill(cell("stories", 1, "task"), "My manager asked me to fix it by Thursday."),
            Type(cell("stories", 1, "action"), "I compared the raw data with last month's file."),
            Fill(cell("stories", 1, "result"), "The report went out a day early."),
            *_ticks("stories", 1, "competencies", "analysis", "pressure"),
            AddRow("stories"),
            Fill(cell("stories", 2, "question"), "Tell me about a disagreement at work."),
            Tick(cell("stories", 2, "format", "CAR")),
            Fill(cell("stories", 2, "action"), "I met both volunteers and we agreed a rota."),
            Tick(cell("stories", 2, "competencies", "conflict")),
            Fill(at("job_description"),
                 "You will update stakeholders, meet deadlines and keep stakeholders informed "
                 "with clear data and reporting."),
        ),
        # 9 + 9 + 9 + 7 words. The ad asks twice for influence (stakeholders), which no
        # story covers yet, and for analysis and deadlines, which story 1 covers.
        results=("34 words", "Speaking time: about 16 seconds at 130 words a minute",
                 "Influencing others: think of a time that answers",
                 "What this advert asks for"),
        in_plan="Tell me about a time you solved a problem under pressure.",
    ),
    WorksheetFill(
        "steps/14-lean-on-your-network/", "support-map",
        actions=(
            Fill(cell("people", 1, "name"), "Sam"),
            Type(cell("people", 1, "relationship"), "former colleague at Northfield"),
            *_ticks("people", 1, "offers", "listening", "advice"),
            AddRow("people"),
            Fill(cell("people", 2, "name"), "Priya"),
            Fill(cell("people", 2, "relationship"), "classmate"),
            *_ticks("people", 2, "offers", "leads", "advice"),
            AddRow("people"),
            Fill(cell("people", 3, "name"), "Jordan"),
        ),
        results=("3 people in your corner.", "Listening: only Sam so far",
                 "Nobody for referrals yet.", "Not sure yet what Jordan could offer? Ask."),
        in_plan="former colleague at Northfield",
    ),
    WorksheetFill(
        "steps/15-believe-in-your-potential/", "affirmations",
        actions=(
            Tick(at("suggested", "capable")),
            Tick(at("suggested", "hard_things")),
            Type(cell("own", 1, "text"), "I kept a 40-person event on schedule."),
            AddRow("own"),
            Fill(cell("own", 2, "text"), "I learn new tools fast."),
        ),
        # Today's line rotates by date; the count and the card do not.
        results=("Your affirmations (4 lines, one a day in this order)",
                 "Print your card"),
        in_plan="I kept a 40-person event on schedule.",
    ),
)
