"""Schedules: a default from each indicator, proposals by the lead unit, approval by 区政府办公室, and a
baseline that never silently moves."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from dukao.progress import services
from dukao.progress.models import ScheduleState
from dukao.progress.schedule_rules import default_points
from dukao.progress.selectors import baseline


def test_counts_are_planned_by_quarter_at_the_time_proportional_share():
    points = default_points("quantity", Decimal(1900), 2019, None, "")
    assert [(p.due, p.share) for p in points] == [
        (date(2019, 3, 31), 25),
        (date(2019, 6, 30), 50),
        (date(2019, 9, 30), 75),
        (date(2019, 12, 31), 100),
    ]


def test_a_rate_holds_all_year_and_a_milestone_has_one_node():
    assert default_points("growth", Decimal("5.5"), 2019, None, "") == [
        services.PlannedPoint(date(2019, 12, 31), value=Decimal("5.5"))
    ]
    (node,) = default_points("milestone", None, 2019, date(2019, 6, 30), "完成方案设计")
    assert (node.due, node.node) == (date(2019, 6, 30), "完成方案设计")


@pytest.fixture
def row_9(work_report):
    """新增上云企业1900家, 累计6400家 — led by 区发改经信局."""
    return work_report.tasks.get(seq="9")


def test_default_then_approval_makes_the_baseline(row_9, supervisor):
    revision = services.schedule_generate_default(task=row_9)
    assert revision.state == ScheduleState.PROPOSED and revision.checkpoints.count() == 8
    assert baseline(row_9) is None
    services.schedule_decide(revision=revision, user=supervisor, approve=True)
    assert baseline(row_9) == revision
    assert services.schedule_generate_default(task=row_9) is None


def test_a_later_change_is_a_visible_revision_and_the_old_baseline_is_kept(row_9, supervisor, lead_reporter):
    first = services.schedule_generate_default(task=row_9)
    services.schedule_decide(revision=first, user=supervisor, approve=True)
    indicator = row_9.indicators.first()
    points = [
        services.PointInput(indicator.pk, date(2019, 6, 30), share=Decimal(40)),
        services.PointInput(indicator.pk, date(2019, 12, 31), share=Decimal(100)),
    ]
    second = services.schedule_propose(task=row_9, user=lead_reporter, points=points, reason="上半年受疫情影响")
    assert baseline(row_9) == first  # not moved until approved
    services.schedule_decide(revision=second, user=supervisor, approve=True, note="同意")
    assert baseline(row_9) == second
    first.refresh_from_db()
    assert first.state == ScheduleState.APPROVED and first.checkpoints.count() == 8


def test_only_the_lead_unit_proposes_and_only_the_office_decides(row_9, unrelated_head, lead_reporter):
    indicator = row_9.indicators.first()
    with pytest.raises(PermissionDenied):
        services.schedule_propose(
            task=row_9, user=unrelated_head, points=[services.PointInput(indicator.pk, date(2019, 12, 31))], reason="x"
        )
    revision = services.schedule_generate_default(task=row_9)
    with pytest.raises(PermissionDenied):
        services.schedule_decide(revision=revision, user=lead_reporter, approve=True)


def test_a_point_of_another_task_is_refused(row_9, work_report, lead_reporter):
    foreign = work_report.tasks.get(seq="1").indicators.get()
    with pytest.raises(ValueError, match="必须属于本任务的指标"):
        services.schedule_propose(
            task=row_9, user=lead_reporter, points=[services.PointInput(foreign.pk, date(2019, 12, 31))], reason="x"
        )


def test_a_count_with_a_deadline_before_the_year_end_is_due_in_full_on_it():
    points = default_points("quantity", Decimal(20), 2019, date(2019, 6, 30), "")
    assert [(p.due, p.share) for p in points] == [(date(2019, 3, 31), 50), (date(2019, 6, 30), 100)]
