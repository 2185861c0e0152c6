"""Steps follow the navigation: dropped steps are unlinked and "fifteen" is recounted."""

from __future__ import annotations

from worksheets.builder import steps

NAV = [{"Home": "index.md"}, {"First days": ["steps/01-a.md", "steps/02-b.md"]}]


def test_steps_not_in_nav_are_dropped_only_when_there_is_a_nav():
    pages = ["index.md", "steps/01-a.md", "steps/02-b.md", "steps/03-c.md", "about.md"]
    assert steps.dropped_steps(pages, NAV) == {"steps/03-c.md"}
    assert steps.dropped_steps(pages, None) == set()


def test_links_and_list_items_to_a_dropped_step_go_and_the_count_follows():
    home = ("It walks you through fifteen short steps.\n\n## The fifteen steps\n\n"
            "1. [A](steps/01-a.md)\n2. [C](steps/03-c.md) — more\n3. [B](steps/02-b.md)\n\n"
            "As in [step 3](steps/03-c.md#why), and [B](steps/02-b.md).\n")
    result = steps.without_dropped(home, {"steps/03-c.md"}, 14)
    assert "03-c" not in result and "[C]" not in result
    assert "1. [A](steps/01-a.md)\n3. [B](steps/02-b.md)\n" in result
    assert "As in step 3, and [B](steps/02-b.md)." in result
    assert result.startswith("It walks you through fourteen short steps.")
    assert "## The fourteen steps" in result


def test_a_link_from_a_step_beside_it_is_unlinked_too():
    page = "See [the next step](03-c.md) and [again](../steps/03-c.md)."
    assert steps.without_dropped(page, {"steps/03-c.md"}, 14) == "See the next step and again."


def test_nothing_changes_when_no_step_is_dropped():
    text = "All fifteen steps: [A](steps/01-a.md)"
    assert steps.without_dropped(text, set(), 15) == text
