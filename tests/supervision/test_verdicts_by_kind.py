"""Every kind of target at every position of the year — the start (31 January), the middle (30 June), the
reporting day (20 June, reports due on the 25th: judged as of 31 May) and the year end — with the status it gets
and whether the year-end score counts it met (one table: the status engine and the scoring judge alike)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from dukao.assessment.facts import measured_of
from dukao.assessment.scoring import indicator_completion
from dukao.plans.judgment import round_under, share_round, share_text
from dukao.supervision.rules import (
    IndicatorFacts,
    Point,
    Status,
    TaskFacts,
    expected_share,
    indicator_verdict,
    task_verdict,
)

START, MIDDLE, YEAR_END = date(2019, 1, 31), date(2019, 6, 30), date(2019, 12, 31)
REPORTING_DAY = (date(2019, 6, 30), date(2019, 5, 31))  # the June period on 20 June: judged as of 31 May
C, A, T, B, S, Y = (  # 已完成, 超进度, 达进度 (on Track), 欠进度, 严重滞后, 需年终评定
    Status.COMPLETED,
    Status.AHEAD,
    Status.ON_TRACK,
    Status.BEHIND,
    Status.SERIOUSLY_BEHIND,
    Status.YEAR_END,
)


def facts(kind, comparator, target, value=None, unit="", **more):
    return IndicatorFacts(
        kind,
        comparator,
        None if target is None else D(target),
        unit,
        verified_value=None if value is None else D(value),
        **more,
    )


JUNE_NODE = (Point(date(2019, 6, 30), node="完成方案设计"),)
DONE = {"verified_done": True}
#: (what, facts, statuses at start / middle / reporting day / year end, met at the year end)
TABLE = [
    ("数量 新增1200家，核定600", facts("quantity", ">=", "1200", "600", "家"), (A, T, T, S), False),
    ("数量 新增1200家，核定1200", facts("quantity", ">=", "1200", "1200", "家"), (C, C, C, C), True),
    ("金额 130亿元，核定50", facts("money", ">=", "130", "50", "亿元"), (A, B, T, S), False),
    ("清单 7项，完成4项", facts("checklist", ">=", "7", "4", items=7), (A, T, A, S), False),
    ("清单 无目标值，按项数7", facts("checklist", ">=", None, "7", items=7), (C, C, C, C), True),
    ("增长 5.5%，核定5.6%", facts("growth", ">=", "5.5", "5.6", "%"), (T, T, T, C), True),
    ("增长 5.5%，核定5.0%", facts("growth", ">=", "5.5", "5.0", "%"), (B, B, B, B), False),
    ("增长 5.5%，尚无数据", facts("growth", ">=", "5.5", None, "%"), (Y, Y, Y, Y), False),
    ("下降 3%以上，核定3.2%", facts("decline", ">=", "3", "3.2", "%"), (T, T, T, C), True),
    ("比率 达到95%，核定80%", facts("ratio", ">=", "95", "80", "%"), (B, B, B, B), False),
    ("控制在3起以内，核定1起", facts("quantity", "<=", "3", "1", "起"), (T, T, T, C), True),
    ("控制在3起以内，核定3起", facts("quantity", "<=", "3", "3", "起"), (T, T, T, C), True),
    ("控制在3起以内，核定5起", facts("quantity", "<=", "3", "5", "起"), (S, S, S, S), False),
    ("低于4.3%，核定4.3%", facts("ratio", "<=", "4.3", "4.3", "%"), (T, T, T, C), True),
    ("不超过30个工作日，核定31", facts("duration", "<=", "30", "31", "工作日"), (B, B, B, B), False),
    ("零事件，保持0", facts("zero_event", "<=", "0", "0"), (T, T, T, C), True),
    ("零事件，发生1起", facts("zero_event", "<=", "0", "1"), (S, S, S, S), False),
    ("里程碑 6月底前，未完成", facts("milestone", "=", None, points=JUNE_NODE), (T, T, T, S), False),
    (
        "里程碑 6月底前，核定完成",
        facts("milestone", "=", None, points=JUNE_NODE, **DONE),
        (C, C, C, C),
        True,
    ),
    ("里程碑 无期限，未完成", facts("milestone", "=", None), (T, T, T, B), False),
]


@pytest.mark.parametrize(("what", "ind", "statuses", "met"), TABLE, ids=[row[0] for row in TABLE])
def test_each_kind_at_each_position(what, ind, statuses, met):
    start, middle, reporting_day, year_end = statuses
    assert indicator_verdict(ind, START).status == start
    assert indicator_verdict(ind, MIDDLE).status == middle
    period_end, judged_on = REPORTING_DAY
    assert task_verdict(TaskFacts((ind,), judged_on=judged_on), period_end).status == reporting_day
    assert indicator_verdict(ind, YEAR_END).status == year_end
    assert (indicator_completion(measured_of(ind, YEAR_END)) >= 1) == met


def test_an_upper_bound_is_not_judged_as_a_count():
    """The reported bug: 控制在3起以内 with 1 verified showed 严重滞后 (33.3%), with 5 已完成 (166.7%)."""
    one = indicator_verdict(facts("quantity", "<=", "3", "1", "起"), MIDDLE)
    five = indicator_verdict(facts("quantity", "<=", "3", "5", "起"), MIDDLE)
    assert (one.status, five.status) == (Status.ON_TRACK, Status.SERIOUSLY_BEHIND)
    assert "控制在3起以内" in one.reason and "超过上限3起" in five.reason


def test_before_the_reporting_day_the_month_is_not_yet_due():
    ind = facts("quantity", ">=", "1200", "450", "家")  # 37.5 %: 欠进度 against June's 50 %, not against May's 41.7 %
    assert indicator_verdict(ind, MIDDLE).status == Status.BEHIND
    verdict = task_verdict(TaskFacts((ind,), judged_on=date(2019, 5, 31)), MIDDLE)
    assert verdict.status == Status.ON_TRACK and verdict.reason.startswith("本期报送日前，按5月31日进度评定")


def test_a_milestone_past_its_deadline_is_behind():
    ind = facts("milestone", "=", None, points=JUNE_NODE)
    verdict = indicator_verdict(ind, date(2019, 7, 31))
    assert verdict.status == Status.SERIOUSLY_BEHIND and "计划6月30日前完成方案设计，已逾期31天未完成" in verdict.reason


def test_1999_of_2000_is_never_shown_as_100_percent():
    verdict = indicator_verdict(facts("quantity", ">=", "2000", "1999", "家"), YEAR_END)
    assert verdict.status == Status.BEHIND and "核定完成99.9%" in verdict.reason and "核定完成100" not in verdict.reason
    assert share_text(D("99.95")) == "99.9" and share_text(D("50.05")) == "50.1" and share_text(D("100")) == "100"
    assert share_round(D("99.999"), 2) == D("99.99") and round_under(D("4.9996"), D(5), 3) == D("4.999")


def test_a_report_waiting_for_verification_is_awaiting_not_behind():
    waiting = facts("quantity", ">=", "1200", "100", "家", awaiting=True, reported_value=D("650"))
    verdict = indicator_verdict(waiting, MIDDLE)
    assert verdict.status == Status.AWAITING
    assert verdict.reason.startswith("填报650家（未核定），待核定；核定前：计划至6月完成50%")
    on_track = facts("quantity", ">=", "1200", "600", "家", awaiting=True, reported_value=D("700"))
    assert indicator_verdict(on_track, MIDDLE).status == Status.ON_TRACK  # nothing to wait for


def test_a_schedule_starting_mid_year_measures_from_its_start():
    assert expected_share((), D(100), date(2019, 9, 30), start=date(2019, 7, 1)) == D("50.0")  # 3 of 6 months
    assert expected_share((), D(100), date(2019, 6, 30), start=date(2019, 7, 1)) == D(0)
    quarters = (Point(date(2019, 12, 31), share=D(100)),)
    # linear by days from 1 July: 92 of 183 days by 1 October
    assert expected_share(quarters, D(100), date(2019, 10, 1), start=date(2019, 7, 1)).quantize(D("0.1")) == D("50.3")
    ind = facts("quantity", ">=", "600", "150", "家", start=date(2019, 7, 1))
    assert indicator_verdict(ind, date(2019, 9, 30)).status == Status.SERIOUSLY_BEHIND  # 25 % against 50 %
    assert indicator_verdict(ind, date(2019, 8, 31)).status == Status.BEHIND  # 25 % against 33.3 %
    assert indicator_verdict(ind, date(2019, 6, 30)).status == Status.AHEAD  # before its start nothing is due


def test_the_months_increment_is_shown_beside_the_cumulative_value():
    ind = facts("quantity", ">=", "1200", "650", "家", previous_value=D("530"))
    assert "（累计650家，本月新增120家）" in indicator_verdict(ind, MIDDLE).reason


def test_a_stretch_target_met_is_reported_as_such():
    stretch = facts("quantity", ">=", "25", "28", "家", stretch=D("28"))
    assert "已完成全年目标，完成力争目标28家" in indicator_verdict(stretch, MIDDLE).reason
    assert "完成力争目标" not in indicator_verdict(replace(stretch, verified_value=D(27)), MIDDLE).reason
    growth = facts("growth", ">=", "5.5", "6.2", "%", stretch=D("6"))
    assert indicator_verdict(growth, YEAR_END).reason.endswith("完成力争目标6%")
