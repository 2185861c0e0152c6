"""Step 6 gap-closing plan: what is overdue, what comes next, and the due dates as an .ics file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.icalendar import MIME, AllDayEvent, calendar
from worksheets.compute.runner import Context

DONE = "done"
NOT_STARTED = "Not started"


@dataclass(frozen=True)
class PlanItem:
    """One row of the plan, with its text trimmed and its date parsed."""

    name: str
    action: str
    resource: str
    due: date | None
    status: str

    @property
    def done(self) -> bool:
        return self.status == DONE

    @property
    def title(self) -> str:
        return f"{self.name}: {self.action}" if self.action else self.name


def _items(rows: list[Answers]) -> list[PlanItem]:
    items = []
    for index, row in enumerate(rows, start=1):
        gap, action, resource = row.text("gap"), row.text("action"), row.text("resource")
        due = row.date("due")
        # A row counts once it says something; a fresh, empty row is not a plan item yet.
        if gap or action or resource or due:
            items.append(PlanItem(name=gap or f"Gap {index}", action=action, resource=resource,
                                  due=due, status=row.choice("status")))
    return items


def _status_labels(context: Context) -> dict[str, str]:
    """Option labels from the definition, so the result says what the form says."""
    status = next((f for f in context.field("gaps").get("fields", []) if f["id"] == "status"), {})
    return {option["value"]: option["label"] for option in status.get("options", [])}


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def distance(day: date, today: date) -> str:
    """How far a date is from today, in words a person would say."""
    days = (day - today).days
    if days == 0:
        return "today"
    if abs(days) == 1:
        return "tomorrow" if days > 0 else "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def _dated_line(item: PlanItem, today: date) -> str:
    if item.due is None:
        return item.title
    return f"{item.title} (due {day_text(item.due)}, {distance(item.due, today)})"


def _by_date(items: list[PlanItem]) -> list[PlanItem]:
    # Dated items in date order; undated ones keep their order after them.
    return sorted(items, key=lambda i: (i.due is None, i.due or date.min))


def _overdue(items: list[PlanItem], today: date) -> list[blocks.Block]:
    late = _by_date([i for i in items if not i.done and i.due is not None and i.due < today])
    if not late:
        return []
    return [blocks.items([_dated_line(i, today) for i in late], title=f"Overdue ({len(late)})"),
            blocks.paragraph("Dates slip for everyone. For each one, either shrink the action "
                             "to something you can finish this week, or pick a new date you "
                             "can keep.")]


def _next_up(items: list[PlanItem], today: date) -> list[blocks.Block]:
    ahead = _by_date([i for i in items if not i.done and i.due is not None and i.due >= today])
    if not ahead:
        return []
    # Everything due on the soonest date is next, so two items due together both show.
    soonest = [i for i in ahead if i.due == ahead[0].due]
    return [blocks.items([_dated_line(i, today) for i in soonest], title="Next up")]


def _undated(items: list[PlanItem]) -> list[blocks.Block]:
    loose = [i.title for i in items if not i.done and i.due is None]
    if not loose:
        return []
    return [blocks.items(loose, title="Give these a due date"),
            blocks.paragraph("A date turns an intention into a plan. Pick one, even a rough one.")]


def _table(items: list[PlanItem], labels: dict[str, str]) -> blocks.Block:
    rows = [[i.name, i.action, i.resource, day_text(i.due) if i.due else "",
             labels.get(i.status, NOT_STARTED)] for i in _by_date(items)]
    return blocks.table(["Gap", "Action", "Resource", "Due", "Status"], rows,
                        title="Your plan by date")


def _event(item: PlanItem, due: date) -> AllDayEvent:
    # No status in the text: the UID hashes the text, and a status change must not
    # turn one reminder into two when the file is imported again.
    details = [f"Gap: {item.name}"]
    details += [f"Action: {item.action}"] if item.action else []
    details += [f"Resource: {item.resource}"] if item.resource else []
    details.append("From your gap-closing plan in Onward.")
    return AllDayEvent(day=due, summary=item.title, description="\n".join(details))


def _calendar(items: list[PlanItem], today: date) -> list[blocks.Block]:
    # Finished items need no reminder; everything else with a date goes in the file.
    events = [_event(i, i.due) for i in _by_date(items)
              if not i.done and i.due is not None]
    if not events:
        return []
    count = f"{len(events)} due date{'s' if len(events) != 1 else ''}"
    return [blocks.download(f"Add {count} to your calendar (.ics)", "gap-plan.ics",
                            calendar(events, today, name="Gap-closing plan"), mime=MIME)]


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    items = _items(answers.rows("gaps"))
    if not items:
        return [blocks.paragraph("Add one gap, with an action and a due date, and your plan "
                                 "will show here. One row is a fine start.")]
    labels, today = _status_labels(context), context.today
    done = sum(i.done for i in items)
    result = [blocks.score("Done so far", done, len(items),
                           detail=f"{done} of {len(items)} item{'s' if len(items) != 1 else ''}")]
    if done == len(items):
        result.append(blocks.paragraph("Everything on this plan is done. Say so in your next "
                                       "interview, then pick the next gap if there is one."))
    result += [*_overdue(items, today), *_next_up(items, today), *_undated(items),
               _table(items, labels), *_calendar(items, today)]
    return result
