"""A task with two lead units on the real seed: each reports its own part, the task's status comes from the
aggregate of the parts (docs/supervision.md, "Tasks with several lead units"), on the seed with 固定资产投资 led by
two units (``tests.two_leads``)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from dukao.plans.models import Task
from dukao.supervision import services
from dukao.supervision.models import TaskStatus
from dukao.supervision.rules import Status
from tests.progress.factories import JUNE, submitted
from tests.two_leads import seed_with_two_leads, verify


@pytest.fixture
def investment(db) -> Task:
    """The seed with 固定资产投资 led by two units (``tests.two_leads``); June computed once the reporting day had
    passed and before anyone reported."""
    task = seed_with_two_leads()
    services.status_recompute(period=JUNE, today=date(2019, 6, 30))
    return task


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


def test_the_ledger_and_the_task_card_show_who_reported_what(
    client, investment, lead_reporter, lead_head, stats_reviewer, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        verify(investment, submitted(investment, lead_reporter, lead_head, p0="80"), stats_reviewer, "80")
    client.force_login(supervisor)
    ledger = client.get(reverse("supervision:status_overview"), {"period": "2019-06", "text": "固定资产投资"})
    card = client.get(reverse("supervision:task_print", args=[investment.pk]))
    for page in (ledger.content.decode(), card.content.decode()):
        assert "区发改经信局：已报送；核定80亿元" in page
        assert "区住房和城建局：未报送；尚无核定数据" in page
    assert "各牵头单位报送情况" in card.content.decode()
    assert (
        'href="{}"'.format(reverse("supervision:task_print", args=[investment.pk]))
        in client.get(reverse("plans:task_detail", args=[investment.pk])).content.decode()
    )


def test_dukao_ledger_writes_each_lead_units_part_under_the_reason(
    investment, lead_reporter, lead_head, stats_reviewer, django_capture_on_commit_callbacks, tmp_path
):
    with django_capture_on_commit_callbacks(execute=True):
        verify(investment, submitted(investment, lead_reporter, lead_head, p0="80"), stats_reviewer, "80")
    out = tmp_path / "台账.xlsx"
    call_command("ledger", "--period", "2019-06", "--q", "固定资产投资", "-o", str(out), stderr=io.StringIO())
    rows = list(load_workbook(out)["督查台账"].values)
    reasons = [cell for row in rows for cell in row if isinstance(cell, str) and "未按时报送" in cell]
    assert reasons == [
        "6月进展未按时报送（区住房和城建局未报送）\n区住房和城建局：未报送；尚无核定数据\n区发改经信局：已报送；核定80亿元"
    ]
