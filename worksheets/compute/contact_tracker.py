"""Step 7 contact tracker: who is due for a touch, connection notes, and touch-points as .ics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.icalendar import MIME, AllDayEvent, calendar
from worksheets.compute.runner import Context

# LinkedIn caps connection notes; 200 characters fits every kind of account.
NOTE_LIMIT = 200
# The step suggests a light touch every two or three months; ten weeks sits in between.
SUGGESTED_GAP = timedelta(weeks=10)
TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame"})


@dataclass(frozen=True)
class Contact:
    """One person from the tracker, with dates parsed."""

    name: str
    named: bool
    role: str
    company: str
    last: date | None
    next: date | None
    notes: str

    @property
    def who(self) -> str:
        """The name with role and company, as far as they are known."""
        where = " at ".join(part for part in (self.role, self.company) if part)
        return f"{self.name} ({where})" if where else self.name


def _contacts(rows: list[Answers]) -> list[Contact]:
    contacts = []
    for index, row in enumerate(rows, start=1):
        name = row.text("person")
        fields = (name, row.text("role"), row.text("company"), row.text("notes"))
        last, upcoming = row.date("last_contact"), row.date("next_touch")
        # A row counts once anything is in it; an untouched new row is not a person yet.
        if any(fields) or last or upcoming:
            contacts.append(Contact(name=name or f"Person {index}", named=bool(name),
                                    role=fields[1], company=fields[2], last=last,
                                    next=upcoming, notes=fields[3]))
    return contacts


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _ago(day: date, today: date) -> str:
    days = (today - day).days
    if days == 0:
        return "due today"
    return f"due since {day_text(day)}, {days} day{'s' if days != 1 else ''} ago"


def _due(contacts: list[Contact], today: date) -> list[blocks.Block]:
    due = sorted((c for c in contacts if c.next is not None and c.next <= today),
                 key=lambda c: c.next or today)
    if due:
        lines = [f"{c.who}: {_ago(c.next or today, today)}" for c in due]
        return [blocks.items(lines, title=f"Due for a touch ({len(due)})"),
                blocks.paragraph("A short message with news, a thank-you for their advice, or "
                                 "a real comment on something they posted is enough.")]
    ahead = sorted((c for c in contacts if c.next is not None), key=lambda c: c.next or today)
    if ahead and ahead[0].next is not None:
        days = (ahead[0].next - today).days
        return [blocks.paragraph(f"Nobody is due for a touch today. Next up: {ahead[0].who} on "
                                 f"{day_text(ahead[0].next)}, in {days} "
                                 f"day{'s' if days != 1 else ''}.")]
    return []


def _suggestion(contact: Contact, today: date) -> str:
    if contact.last is None:
        return ""
    suggested = contact.last + SUGGESTED_GAP
    if suggested <= today:
        return ": it has been a while, so any day soon would suit"
    return f": around {day_text(suggested)} would suit"


def _undated(contacts: list[Contact], today: date) -> list[blocks.Block]:
    lines = [f"{c.who}{_suggestion(c, today)}" for c in contacts if c.next is None]
    if not lines:
        return []
    return [blocks.items(lines, title="No next touch-point yet")]


def greeting_name(name: str) -> str:
    """First name for a friendly note; with a title (Dr, Ms) the whole name reads better."""
    first = name.split()[0] if name.split() else name
    return name if first.rstrip(".").lower() in TITLES else first


def connection_note(contact: Contact) -> str:
    at = f" at {contact.company}" if contact.company else ""
    return (f"Hi {greeting_name(contact.name)}, thank you for taking the time to meet me{at}. "
            "I enjoyed our conversation and would like to stay connected and follow your "
            "team's work.")


def _drafts(contacts: list[Contact]) -> list[blocks.Block]:
    named = [c for c in contacts if c.named]
    if not named:
        return [blocks.paragraph("Add a name to draft a LinkedIn connection note.")]
    drafts = []
    for c in named:
        note = connection_note(c)
        size = f"{len(note)} characters"
        if len(note) > NOTE_LIMIT:
            size += f"; trim it to {NOTE_LIMIT} so it fits"
        subject = f"Staying in touch after my interview{f' at {c.company}' if c.company else ''}"
        drafts.append(blocks.draft(f"Connection note for {c.name} ({size})", note, subject,
                                   mail=False))
    return [*drafts, blocks.paragraph("Make each note yours before you send it: swap in one "
                                      "real detail from your conversation.")]


def _event(contact: Contact, day: date) -> AllDayEvent:
    details = [f"Role: {contact.role}"] if contact.role else []
    details += [f"Company: {contact.company}"] if contact.company else []
    details += [f"Last contact: {day_text(contact.last)}"] if contact.last else []
    details += [f"Notes: {contact.notes}"] if contact.notes else []
    details.append("Ideas: share your news, thank them for advice, or comment on a post.")
    at = f" ({contact.company})" if contact.company else ""
    return AllDayEvent(day=day, summary=f"Get in touch with {contact.name}{at}",
                       description="\n".join(details))


def _calendar(contacts: list[Contact], today: date) -> list[blocks.Block]:
    dated = sorted((c for c in contacts if c.next is not None), key=lambda c: c.next or today)
    events = [_event(c, c.next) for c in dated if c.next is not None]
    if not events:
        return []
    count = f"{len(events)} touch-point{'s' if len(events) != 1 else ''}"
    return [blocks.download(f"Add {count} to your calendar (.ics)", "contact-tracker.ics",
                            calendar(events, today, name="Keep in touch"), mime=MIME)]


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    contacts = _contacts(answers.rows("contacts"))
    if not contacts:
        return [blocks.paragraph("Add the first person you met, with a date to get back in "
                                 "touch, and your list will show here.")]
    today = context.today
    return [*_due(contacts, today), *_undated(contacts, today), *_drafts(contacts),
            *_calendar(contacts, today)]
