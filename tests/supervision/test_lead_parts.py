"""A task with two lead units on the real seed: each reports its own part, the task's status comes from the
aggregate of the parts (docs/supervision.md, "Tasks with several lead units"). The seed's 固定资产投资 (annex 1
row 4, 130亿元) is imported with its 牵头部门 written as two units, as district documents often write it."""

from datetime import date
from decimal import Decimal

import pytest

from dukao.plans.models import Plan, PlanKind, Task, TaskUnit, UnitRole
from dukao.plans.services import plan_import
from dukao.reviews.services import review_decide
from dukao.supervision import services
from dukao.supervision.models import TaskStatus
from dukao.supervision.rules import Status
from tests.conftest import make_user
from tests.paths import SEED
from tests.progress.factories import JUNE, submitted

ROW_4 = "| 区发改经信局 | 区住房和城建局、区统计局、"
TWO_LEADS = "| 区发改经信局、区住房和城建局 | 区统计局、"


@pytest.fixture
def investment(db) -> Task:
    """The seed imported with annex 1 row 4 led by 区发改经信局 and 区住房和城建局; June computed once the reporting
    day had passed and before anyone reported."""
    text = SEED.read_text(encoding="utf-8")
    assert text.count(ROW_4) == 1
    plan_import(content=text.replace(ROW_4, TWO_LEADS).encode(), file_name=SEED.name)
    task = Plan.objects.get(kind=PlanKind.WORK_REPORT).tasks.get(seq="4")
    leads = TaskUnit.objects.filter(task=task, role=UnitRole.LEAD).order_by("position")
    assert [link.unit.name for link in leads] == ["区发改经信局", "区住房和城建局"]
    services.status_recompute(period=JUNE, today=date(2019, 6, 30))
    return task


@pytest.fixture
def housing_reporter(db):
    return make_user("zjj", "reporter", "区住房和城建局")


@pytest.fixture
def housing_head(db):
    return make_user("zjj_head", "unit_head", "区住房和城建局")


def verify(task, version, reviewer, value: str) -> None:
    review_decide(
        version=version, indicator=task.indicators.get(), user=reviewer, approve=True, verified_value=Decimal(value)
    )


def june(task) -> TaskStatus:
    return TaskStatus.objects.get(task=task, period=JUNE)


def test_a_lead_unit_that_has_not_reported_makes_the_task_not_reported_and_is_named(
    investment, lead_reporter, lead_head, stats_reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        verify(investment, submitted(investment, lead_reporter, lead_head, p0="80"), stats_reviewer, "80")
    status = june(investment)
    assert status.status == Status.NOT_REPORTED
    assert status.reason == "6月进展未按时报送（区住房和城建局未报送）"
    assert not status.reported_on_time


@pytest.mark.parametrize("first", ["区发改经信局", "区住房和城建局"])
def test_both_parts_verified_add_up_whichever_review_comes_first(
    first,
    investment,
    lead_reporter,
    lead_head,
    housing_reporter,
    housing_head,
    stats_reviewer,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        reviews = {
            "区发改经信局": (submitted(investment, lead_reporter, lead_head, p0="80"), "80"),
            "区住房和城建局": (submitted(investment, housing_reporter, housing_head, p0="30"), "30"),
        }
    assert june(investment).status == Status.AWAITING  # both signed off, nothing verified yet
    with django_capture_on_commit_callbacks(execute=True):
        for unit in sorted(reviews, key=lambda name: name != first):
            version, value = reviews[unit]
            verify(investment, version, stats_reviewer, value)
    status = june(investment)
    # 80 + 30 = 110亿元 of 130: 84.6 % against June's 序时进度 of 50 %
    assert (status.status, status.actual, status.expected) == (Status.AHEAD, Decimal("84.62"), Decimal("50.00"))
    assert status.reason.startswith("计划至6月完成50%，核定完成84.6%")
    refreshed = (status.status, status.reason, status.actual)
    services.status_recompute(period=JUNE)
    assert (june(investment).status, june(investment).reason, june(investment).actual) == refreshed
