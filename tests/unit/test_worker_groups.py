"""The worker groups `.ci/test` hands out (tests/conftest.py's xdist_group): a file stays on
one worker, unless it is split on purpose, and the tests sharing a walk or a built site
stay together."""

from __future__ import annotations

from tests.conftest import xdist_group

AXE = "tests/browser/test_a11y_axe.py::test_every_page_has_no_wcag_violations"
FOUNDATION = "tests/browser/test_foundation.py::"


def test_a_file_is_one_group():
    assert xdist_group("tests/unit/test_loader.py::test_a[x-y]") == xdist_group(
        "tests/unit/test_loader.py::test_b") == "tests/unit/test_loader.py"


def test_the_main_site_walk_is_shared_by_its_readers():
    group = xdist_group(FOUNDATION + "test_no_page_requests_another_origin[main]")
    assert group == xdist_group("tests/browser/test_data_csp.py::test_no_page_reports_a_violation")
    assert group == xdist_group(FOUNDATION + "test_worker_answers_a_round_trip")


def test_the_served_host_copy_is_one_group():
    group = xdist_group(FOUNDATION + "test_no_page_requests_another_origin[host]")
    assert group == xdist_group(AXE + "[host]") == "served-host-copy"
    assert group != xdist_group(FOUNDATION + "test_no_page_requests_another_origin[main]")


def test_a_file_checking_both_sites_splits_by_site():
    assert xdist_group(AXE + "[main]") != xdist_group(AXE + "[host]")
    offline = "tests/browser/test_offline.py::test_guide_and_worksheets_work_with_the_server_gone"
    other = "tests/browser/test_offline.py::test_switching_offline_off_removes_the_saved_copy"
    assert xdist_group(offline + "[main]") == xdist_group(other + "[main]")
    assert xdist_group(offline + "[main]") != xdist_group(offline + "[host]")
    # An id pytest-xdist has already suffixed with a group name is read the same way.
    assert xdist_group(offline + "[host]@x") == xdist_group(offline + "[host]")


def test_the_longest_groups_are_handed_out_first_and_unit_tests_last():
    from tests.conftest import LONGEST_FIRST, _hand_out_order

    class Item:
        def __init__(self, nodeid: str) -> None:
            self.nodeid = nodeid

    walk = Item(AXE + "[main]")
    other_browser = Item("tests/browser/test_palette.py::test_a_first_visit")
    unit = Item("tests/unit/test_loader.py::test_a")
    assert xdist_group(walk.nodeid) in LONGEST_FIRST
    assert sorted([unit, other_browser, walk], key=_hand_out_order) == [walk, other_browser, unit]
