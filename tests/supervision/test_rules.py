"""The status rules, one case per rule and boundary (table-driven)."""

from datetime import date
from decimal import Decimal as D

import pytest

from dukao.supervision.rules import (
    IndicatorFacts,
    Point,
    Status,
    TaskFacts,
    expected_share,
    indicator_verdict,
    recovered,
    task_verdict,
)

JUNE_END, SEPT_END, DEC_END = date(2019, 6, 30), date(2019, 9, 30), date(2019, 12, 31)
QUARTERS = tuple(
    Point(date(2019, m, d), share=D(s)) for m, d, s in ((3, 31, 25), (6, 30, 50), (9, 30, 75), (12, 31, 100))
)


def count(value, points=QUARTERS, target="1900"):
    return IndicatorFacts(
        "quantity", ">=", D(target), "家", points=points, verified_value=None if value is None else D(value)
    )


@pytest.mark.parametrize(
    ("facts", "period_end", "status", "reason"),
    [
        (count("950"), JUNE_END, Status.ON_TRACK, "计划至6月完成50%，核定完成50%"),  # exactly on plan
        (count("855"), JUNE_END, Status.ON_TRACK, "计划至6月完成50%，核定完成45%，落后5个百分点"),  # −5: boundary
        (count("836"), JUNE_END, Status.BEHIND, "落后6个百分点"),
        (count("570"), JUNE_END, Status.BEHIND, "落后20个百分点"),  # −20: still 欠进度
        (count("551"), JUNE_END, Status.SERIOUSLY_BEHIND, "落后21个百分点"),
        (count("1140"), JUNE_END, Status.AHEAD, "超出10个百分点"),  # +10: boundary
        (count("1900"), JUNE_END, Status.COMPLETED, "已完成全年目标"),
        (count("665", points=(), target="1900"), SEPT_END, Status.SERIOUSLY_BEHIND, "计划至9月完成75%"),  # 序时进度
        (IndicatorFacts("growth", ">=", D("5.5"), "%"), JUNE_END, Status.YEAR_END, "尚无核定数据"),
        (
            IndicatorFacts("growth", ">=", D("5.5"), "%", verified_value=D("5.6")),
            JUNE_END,
            Status.ON_TRACK,
            "核定增长5.6%",
        ),
        (
            IndicatorFacts("growth", ">=", D("5.5"), "%", verified_value=D("5.0")),
            JUNE_END,
            Status.BEHIND,
            "目标增长5.5%",
        ),
        (IndicatorFacts("growth", ">=", D("5.5"), "%", verified_value=D("5.6")), DEC_END, Status.COMPLETED, ""),
        (IndicatorFacts("duration", "<=", D("90"), "天", verified_value=D("90")), JUNE_END, Status.ON_TRACK, "以内"),
        (IndicatorFacts("duration", "<=", D("90"), "天", verified_value=D("100")), JUNE_END, Status.BEHIND, "超过上限"),
        (
            IndicatorFacts("duration", "<=", D("90"), "天", verified_value=D("120")),
            JUNE_END,
            Status.SERIOUSLY_BEHIND,
            "",
        ),
        (
            IndicatorFacts("zero_event", "<=", D("0"), verified_value=D("1")),
            JUNE_END,
            Status.SERIOUSLY_BEHIND,
            "发生"[:0],
        ),
        (
            IndicatorFacts("milestone", "=", None, points=(Point(date(2019, 9, 30), node="完成方案设计"),)),
            JUNE_END,
            Status.ON_TRACK,
            "计划9月30日前完成方案设计，尚未到期",
        ),
        (
            IndicatorFacts("milestone", "=", None, points=(Point(date(2019, 5, 31), node="开工"),)),
            JUNE_END,
            Status.BEHIND,
            "已逾期30天未完成",
        ),  # exactly 30 days: not yet serious
        (
            IndicatorFacts("milestone", "=", None, points=(Point(date(2019, 5, 30), node="开工"),)),
            JUNE_END,
            Status.SERIOUSLY_BEHIND,
            "已逾期31天",
        ),
        (IndicatorFacts("milestone", "=", None, verified_done=True), JUNE_END, Status.COMPLETED, "经核定已完成"),
        (
            IndicatorFacts("checklist", ">=", D(7), items=7, points=QUARTERS, verified_value=D(4)),
            JUNE_END,
            Status.ON_TRACK,
            "核定完成57.1%，超出7.1个百分点",
        ),
    ],
)
def test_indicator_rules(facts, period_end, status, reason):
    verdict = indicator_verdict(facts, period_end)
    assert verdict.status == status
    assert reason in verdict.reason


def test_expected_share_interpolates_between_checkpoints():
    assert expected_share(QUARTERS, D(100), date(2019, 5, 15)).quantize(D("0.1")) == D("37.4")
    assert expected_share((), D(100), date(2019, 11, 30)) == D("91.7")  # 序时进度 after 11 months


def test_a_missing_report_is_itself_a_status():
    task = TaskFacts((count("950"),), reported=False, report_due_passed=True)
    assert task_verdict(task, JUNE_END).status == Status.NOT_REPORTED
    assert task_verdict(TaskFacts((count("950"),), reported=False), JUNE_END).status == Status.ON_TRACK


def test_a_task_takes_its_worst_indicator():
    task = TaskFacts((count("1900"), count("551")))
    verdict = task_verdict(task, JUNE_END)
    assert verdict.status == Status.SERIOUSLY_BEHIND and len(verdict.details) == 2


def test_a_task_waiting_for_a_growth_figure_is_year_end_until_all_is_known():
    growth = IndicatorFacts("growth", ">=", D("5.5"), "%")
    assert task_verdict(TaskFacts((growth,)), JUNE_END).status == Status.YEAR_END
    assert task_verdict(TaskFacts((growth, count("1900"))), JUNE_END).status == Status.YEAR_END


def test_recovered_means_behind_before_and_on_track_now():
    assert recovered(Status.SERIOUSLY_BEHIND, Status.ON_TRACK)
    assert recovered(Status.BEHIND, Status.COMPLETED)
    assert not recovered(Status.ON_TRACK, Status.ON_TRACK)
    assert not recovered(Status.BEHIND, Status.BEHIND)
    assert not recovered(None, Status.ON_TRACK)
