"""Step 8 application tracker: funnel, rates, diagnosis thresholds, follow-up rules and the
.ics file, all against an injected `today`."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.test_compute_icalendar import parse, unescape
from worksheets.compute import applications as tracker
from worksheets.compute.answers import Answers
from worksheets.compute.runner import run

TODAY = date(2026, 12, 1)


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def app(organization: str = "Acme", role: str = "Data analyst", days: int = 20,
        stage: str = "applied", **more: Any) -> dict[str, Any]:
    return {"organization": organization, "role": role, "date": ago(days), "stage": stage,
            **more}


def result(rows: list[dict[str, Any]], today: date = TODAY) -> list[dict[str, Any]]:
    return run("application-tracker", {"applications": rows}, today)


def block(blocks: list[dict], kind: str, title: str = "") -> dict:
    return next(b for b in blocks if b["type"] == kind and (not title or b.get("title") == title))


def titled(blocks: list[dict], title: str) -> list[dict]:
    return [b for b in blocks if b.get("title") == title]


def reading(blocks: list[dict]) -> str:
    """The diagnosis: the paragraph right after the rates list."""
    index = next(i for i, b in enumerate(blocks) if b.get("title") == "Your rates")
    return blocks[index + 1]["text"]


def many(count: int, **fields: Any) -> list[dict[str, Any]]:
    return [app(organization=f"Employer {n}", **fields) for n in range(count)]


# --- Empty and unreadable --------------------------------------------------------------------


def test_nothing_filled_invites_a_first_application() -> None:
    stamped = {"applications": [{"date": TODAY.isoformat()}]}
    for empty in ({}, None, {"applications": []}, stamped, {"applications": "text"}):
        blocks = run("application-tracker", empty, TODAY)
        assert [b["type"] for b in blocks] == ["text"]
        assert blocks[0]["text"].startswith("Add your first application")


def test_an_application_dated_after_today_waits_to_be_counted() -> None:
    blocks = result([app(days=-3), app(organization="Globex")])
    assert blocks[0]["text"].startswith("1 application:")
    assert block(blocks, "list", "Not counted yet")["items"] == [
        "1 application dated after today: counted once that day comes."]


# --- Funnel and rates ------------------------------------------------------------------------


def test_the_funnel_counts_how_far_each_application_got() -> None:
    rows = [app(stage="applied"), app(stage="screening"), app(stage="interview"),
            app(stage="final"), app(stage="offer"),
            app(stage="rejected"),                          # a no straight away: a reply
            app(stage="rejected", furthest="interview"),    # a no after an interview
            app(stage="no-reply"),                          # never heard
            app(stage="no-reply", furthest="final")]        # ghosted after a final round
    chart = block(result(rows), "chart")
    assert chart["labels"] == ["Applied", "Heard back", "Screening", "Interview",
                               "Final round", "Offer"]
    assert chart["values"] == [9, 7, 6, 5, 3, 1]


def test_where_they_stand_uses_the_form_s_own_labels() -> None:
    rows = [app(), app(), app(stage="rejected"), app(stage="no-reply"), app(stage="bogus")]
    assert block(result(rows), "list", "Where they stand now")["items"] == [
        "Applied, waiting: 3", "Rejected: 1", "No reply, closed: 1"]


def test_rates_count_only_applications_that_had_two_weeks_or_an_answer() -> None:
    rows = [app(days=14), app(days=30), app(days=13),        # 2 judged, 1 too recent
            app(days=2, stage="interview"),                  # recent, but answered
            app(days=40, stage="rejected")]
    items = block(result(rows), "list", "Your rates")["items"]
    assert items == ["Replies: 2 of 4 applications that have had two weeks or an answer (50%)",
                     "Interviews: 1 of 4 (25%)", "Offers: 0 of 1 interview"]


def test_the_summary_line_counts_replies_interviews_and_open_ones() -> None:
    rows = [app(), app(stage="interview"), app(stage="rejected", furthest="final")]
    assert result(rows)[0]["text"] == ("3 applications: 2 heard back, 2 reached an interview, "
                                       "2 still open.")


# --- Diagnosis thresholds --------------------------------------------------------------------


def test_fewer_than_ten_judged_applications_is_too_early_to_judge() -> None:
    text = reading(result(many(9)))
    assert text.startswith("Too early to read a pattern: 9 applications have had two weeks")
    # Recent applications are not yet judged, however many there are.
    assert reading(result(many(30, days=5))).startswith("Too early to read a pattern: 0 ")


def test_ten_applications_and_no_reply_point_at_the_application_not_the_person() -> None:
    blocks = result(many(10))
    text = reading(blocks)
    assert text.startswith("0 replies from 10 applications. When replies are this rare, look "
                           "at the application before anything else")
    assert "resume" in text and "fixable part of the method" in text
    link = block(blocks, "link")
    assert link["href"] == "situations/#repeated-rejections"


def test_one_reply_in_ten_is_the_edge_of_few_replies() -> None:
    at_edge = [*many(9), app(stage="rejected")]
    assert reading(result(at_edge)).startswith("No single stage stands out")
    below = [*many(10), app(stage="rejected")]
    assert reading(result(below)).startswith("1 reply from 11 applications.")


def test_three_interviews_without_an_offer_point_at_practice() -> None:
    ended = [app(stage="rejected", furthest="interview") for _ in range(3)]
    blocks = result(many(7, stage="screening") + ended)
    assert reading(blocks).startswith("3 interviews ended without an offer, so your "
                                      "applications are doing their job")
    assert block(blocks, "link")["href"] == "steps/13-prepare-for-the-next-interview/"
    # Two is not yet a pattern, and an interview still open has not ended.
    two = many(7, stage="screening") + ended[:2] + [app(stage="interview")]
    assert reading(result(two)).startswith("No single stage stands out")


def test_final_rounds_without_an_offer_read_as_close() -> None:
    ended = [app(stage="no-reply", furthest="final"), app(stage="rejected", furthest="final"),
             app(stage="rejected", furthest="interview")]
    blocks = result(many(7, stage="screening") + ended)
    assert reading(blocks).startswith("2 of the 3 interviews that ended without an offer went "
                                      "to a final round. That is close")
    assert block(blocks, "link")["href"] == "steps/10-improve-continuously/"


def test_an_offer_points_to_weighing_it() -> None:
    blocks = result([app(stage="offer")])
    assert reading(blocks).startswith("You have an offer to consider.")
    assert block(blocks, "link")["href"] == "steps/09-detach-from-one-outcome/"


def test_no_reading_blames_the_person() -> None:
    cases = [many(3), many(10), many(7, stage="screening") + [
        app(stage="rejected", furthest="interview") for _ in range(3)],
        many(7, stage="screening") + [app(stage="rejected", furthest="final")] * 3]
    for rows in cases:
        text = reading(result(rows)).casefold()
        for blame in ("your fault", "not good enough", "you failed", "wrong with you",
                      "you need to try harder", "!"):
            assert blame not in text, (blame, text)


# --- Follow-ups ------------------------------------------------------------------------------


def follow_up(**fields: Any) -> tracker.FollowUp:
    [application], _ = tracker.read_applications([Answers(app(**fields))], TODAY)
    return tracker.follow_up(application, TODAY)


def test_fourteen_quiet_days_make_a_follow_up_due_thirteen_do_not() -> None:
    assert follow_up(days=14).due and follow_up(days=14).quiet_days == 14
    assert not follow_up(days=13).due
    # The last contact restarts the count.
    assert not follow_up(days=40, last_contact=ago(10)).due
    assert follow_up(days=40, last_contact=ago(14)).due


def test_a_follow_up_date_of_your_own_wins_over_the_two_weeks() -> None:
    assert not follow_up(days=30, next_follow_up=ago(-2)).due
    assert follow_up(days=3, next_follow_up=TODAY.isoformat()).due


def test_after_two_follow_ups_and_two_more_quiet_weeks_it_is_time_to_let_go() -> None:
    waiting = follow_up(days=60, follow_ups="2", last_contact=ago(13))
    assert not waiting.due and not waiting.let_go
    gone = follow_up(days=60, follow_ups="2", last_contact=ago(14))
    assert gone.let_go and not gone.due
    assert follow_up(days=60, follow_ups="1", last_contact=ago(14)).due


def test_due_applications_are_listed_longest_quiet_first_with_a_draft_each() -> None:
    blocks = result([app("Acme", days=15), app("Globex", "Analyst", days=30),
                     app("Initech", days=5)])
    assert block(blocks, "list", "Due a follow-up (2)")["items"] == [
        "Analyst at Globex: no reply since you applied on 1 Nov 2026, 30 days ago",
        "Data analyst at Acme: no reply since you applied on 16 Nov 2026, 15 days ago"]
    drafts = [b for b in blocks if b["type"] == "draft"]
    assert [d["label"] for d in drafts] == ["Follow-up for Analyst at Globex",
                                            "Follow-up for Data analyst at Acme"]
    assert drafts[0]["subject"] == "Following up: Analyst, Globex"
    assert drafts[0]["body"] == (
        "Hello,\n\nI applied for the Analyst role at Globex on 1 Nov 2026, and I am writing "
        "to check where things stand. I am still very interested, and glad to send anything "
        "that would help.\n\nBest wishes,")


def test_the_draft_fits_the_stage_and_the_number_of_follow_ups() -> None:
    second = tracker.draft_text(follow_up(days=30, follow_ups="1").application)
    assert "I am following up once more on my application for the Data analyst role at Acme" \
        in second
    after_interview = tracker.draft_text(follow_up(stage="interview", days=30).application)
    assert "Thank you again for the interview for the Data analyst role at Acme." \
        in after_interview
    bare = tracker.draft_text(follow_up(organization="", role="", days=30).application)
    assert "I applied for the role on" in bare


def test_news_after_an_answer_is_no_news_not_no_reply() -> None:
    blocks = result([app(stage="interview", days=40, last_contact=ago(20))])
    assert block(blocks, "list", "Due a follow-up (1)")["items"] == [
        "Data analyst at Acme: no news since your last contact on 11 Nov 2026, 20 days ago"]


def test_letting_go_is_said_kindly_and_once() -> None:
    blocks = result([app("Globex", days=80, follow_ups="2", last_contact=ago(20)),
                     app("Initech", days=80, follow_ups="3", last_contact=ago(30))])
    assert block(blocks, "list", "Time to let it go")["items"] == [
        "Data analyst at Globex: 2 follow-ups, then 20 days of quiet",
        "Data analyst at Initech: 3 follow-ups, then 30 days of quiet"]
    calm = [b for b in blocks if b.get("calm")]
    assert len(calm) == 1 and "says more about their hiring than about you" in calm[0]["text"]
    assert not [b for b in blocks if b["type"] == "draft"]


def test_closed_applications_get_no_follow_up() -> None:
    blocks = result([app(stage="rejected", days=90), app(stage="no-reply", days=90),
                     app(stage="offer", days=90)])
    assert not titled(blocks, "Due a follow-up (3)") and not titled(blocks, "Time to let it go")
    assert not [b for b in blocks if b["type"] in {"draft", "download"}]


def test_drafts_stop_at_five_and_say_so() -> None:
    blocks = result(many(7, days=20))
    assert len([b for b in blocks if b["type"] == "draft"]) == 5
    assert any(b.get("text", "").startswith("2 more are due") for b in blocks)


# --- The calendar file -----------------------------------------------------------------------


def test_follow_up_dates_download_as_a_valid_calendar() -> None:
    rows = [app("Acme", days=3),                                    # suggested: in 11 days
            app("Globex", days=30),                                 # due: today
            app("Initech", days=2, next_follow_up=ago(-7)),         # your own date
            app("Hooli", days=90, follow_ups="2", last_contact=ago(20)),  # let go: none
            app("Umbrella", stage="rejected")]                      # closed: none
    blocks = result(rows)
    download = block(blocks, "download")
    assert download["filename"] == "application-follow-ups.ics"
    assert download["mime"] == "text/calendar"
    assert download["label"] == "Add 3 follow-up dates to your calendar (.ics)"
    events = parse(download["content"])
    assert [(e["DTSTART;VALUE=DATE"], unescape(e["SUMMARY"])) for e in events] == [
        ("20261201", "Follow up: Data analyst at Globex"),
        ("20261208", "Follow up: Data analyst at Initech"),
        ("20261212", "Follow up: Data analyst at Acme")]
    assert "Suggested: two weeks after the last contact." in unescape(events[0]["DESCRIPTION"])
    assert "Your date." in unescape(events[1]["DESCRIPTION"])
    assert block(blocks, "table", "Next follow-ups")["rows"] == [
        ["Data analyst at Globex", "1 Dec 2026 (suggested)"],
        ["Data analyst at Initech", "8 Dec 2026"],
        ["Data analyst at Acme", "12 Dec 2026 (suggested)"]]


def test_the_calendar_is_the_same_for_the_same_answers_on_the_same_day() -> None:
    rows = [app("Acme", days=3), app("Globex", days=30)]
    assert block(result(rows), "download") == block(result(rows), "download")


def test_an_application_without_any_date_gets_no_calendar_entry() -> None:
    blocks = result([{"organization": "Acme", "stage": "applied"}])
    assert not [b for b in blocks if b["type"] == "download"]


# --- Anything at all -------------------------------------------------------------------------

stages = st.sampled_from(["applied", "screening", "interview", "final", "offer", "rejected",
                          "no-reply", "", "other"])
days = st.dates(date(2020, 1, 1), date(2030, 1, 1)).map(date.isoformat)
rows = st.lists(st.one_of(
    st.fixed_dictionaries({
        "organization": st.text(max_size=8), "role": st.text(max_size=8),
        "date": st.one_of(days, st.just(""), st.text(max_size=4)), "stage": stages,
        "furthest": st.sampled_from(["applied", "screening", "interview", "final", "", "x"]),
        "last_contact": st.one_of(days, st.just("")),
        "follow_ups": st.one_of(st.integers(-3, 9).map(str), st.text(max_size=3), st.floats()),
        "next_follow_up": st.one_of(days, st.just(""))}),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5))), max_size=25)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows, today=st.dates(date(2020, 1, 1), date(2030, 1, 1)))
def test_any_answers_give_a_narrowing_funnel_and_a_valid_calendar(rows: list,
                                                                  today: date) -> None:
    blocks = result(rows, today)
    assert blocks
    for chart in (b for b in blocks if b["type"] == "chart"):
        values = chart["values"]
        assert values == sorted(values, reverse=True), values
    for download in (b for b in blocks if b["type"] == "download"):
        events = parse(download["content"])
        assert all(e["DTSTART;VALUE=DATE"] >= today.strftime("%Y%m%d") for e in events)
        assert re.search(r"^BEGIN:VCALENDAR\r\n", download["content"])


def test_words_of_crisis_in_a_row_put_the_support_note_first_and_drop_the_reading() -> None:
    rows = [*many(10), app(organization="Acme", role="I can't go on like this")]
    blocks = result(rows)
    assert blocks[0]["type"] == "note"
    # No prose reading of the numbers beside the note; the facts and the calm line stay.
    assert not [b for b in blocks if b["type"] == "text" and not b.get("calm")]
    assert block(blocks, "chart")["values"][0] == 11
