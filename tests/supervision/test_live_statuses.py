"""Statuses always current: every event that changes a task's facts recomputes that task's statuses once its
transaction commits; the reporting day passing is the worker's daily computation; 区政府办公室 recomputes by hand.
Each computation is recorded and named on the pages that show statuses."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from dukao.audit.models import Event
from dukao.plans.services import indicators_correct
from dukao.progress import services as progress
from dukao.progress.services import PointInput
from dukao.reviews.services import review_decide
from dukao.supervision import services
from dukao.supervision.models import ComputationTrigger, StatusComputation, TaskStatus
from dukao.supervision.rules import Status
from tests.progress.factories import JUNE, submitted

MAY = date(2019, 5, 1)


@pytest.fixture
def gdp(work_report):
    """Annex 1 row 1 (地区生产总值 增长5.5%), led by 区发改经信局, verified by 区统计局."""
    return work_report.tasks.get(seq="1")


@pytest.fixture
def june(seed):
    """June computed once the reporting day had passed and before anyone reported: every task 未报送."""
    services.status_recompute(period=JUNE, today=date(2019, 6, 30))
    return TaskStatus.objects.filter(period=JUNE)


def counts_on_the_page(client, user) -> dict[str, int]:
    client.force_login(user)
    page = client.get(reverse("supervision:status_overview"), {"period": "2019-06"})
    return {code: n for code, _label, n in page.context["counts"]}


def test_a_sign_off_and_a_verification_make_the_status_list_current_without_a_manual_step(
    client, june, gdp, lead_reporter, lead_head, stats_reviewer, supervisor, django_capture_on_commit_callbacks
):
    assert counts_on_the_page(client, supervisor)["not_reported"] == 163
    with django_capture_on_commit_callbacks(execute=True):
        version = submitted(gdp, lead_reporter, lead_head, p0="5.9")
    assert counts_on_the_page(client, supervisor)["not_reported"] == 162
    waiting = june.get(task=gdp)  # a growth rate with no verified figure yet, its report waiting for verification
    assert waiting.status == Status.AWAITING and waiting.reason.startswith("填报5.9%（未核定），待核定")
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(
            version=version,
            indicator=gdp.indicators.get(),
            user=stats_reviewer,
            approve=True,
            verified_value=Decimal("5.9"),
        )
    status = june.get(task=gdp)
    assert status.status == Status.ON_TRACK and "5.9%" in status.reason
    assert counts_on_the_page(client, supervisor)["on_track"] >= 1
    latest = StatusComputation.objects.order_by("-computed_at", "-pk").first()
    assert (latest.trigger, latest.actor, latest.tasks, latest.period) == ("review.verify", stats_reviewer, 1, JUNE)
    page = client.get(reverse("supervision:status_overview"), {"period": "2019-06"}).content.decode()
    assert "状态计算于" in page and "最近更新于" in page and "核定" in page and str(stats_reviewer) in page


def test_a_return_updates_the_task_and_a_rolled_back_sign_off_changes_nothing(
    june, gdp, lead_reporter, lead_head, stats_reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = submitted(gdp, lead_reporter, lead_head, p0="5.9")
        review_decide(
            version=version, indicator=gdp.indicators.get(), user=stats_reviewer, approve=False, reason="口径不符"
        )
    triggers = list(StatusComputation.objects.order_by("pk").values_list("trigger", flat=True))
    assert triggers == ["command", "report.submit", "review.return"]
    assert june.get(task=gdp).status == Status.YEAR_END  # signed off (not 未报送), nothing verified


def test_only_the_touched_task_and_the_computed_periods_from_the_events_period_on_are_rewritten(
    june, gdp, lead_reporter, lead_head, django_capture_on_commit_callbacks
):
    services.status_recompute(period=MAY, today=date(2019, 5, 30))
    untouched = dict(TaskStatus.objects.exclude(task=gdp).values_list("pk", "computed_at"))
    with django_capture_on_commit_callbacks(execute=True):
        submitted(gdp, lead_reporter, lead_head, period=JUNE, p0="5.9")
    assert dict(TaskStatus.objects.exclude(task=gdp).values_list("pk", "computed_at")) == untouched
    refreshed = StatusComputation.objects.filter(trigger=ComputationTrigger.SIGN_OFF)
    assert list(refreshed.values_list("period", flat=True)) == [JUNE]  # May is before the June report
    assert services.status_refresh(task_ids=[gdp.pk], since=date(2019, 7, 1), trigger="report.submit") == []


def test_an_approved_schedule_and_corrected_indicators_update_every_computed_period_of_the_task(
    june, work_report, lead_reporter, supervisor, django_capture_on_commit_callbacks
):
    services.status_recompute(period=MAY, today=date(2019, 5, 30))
    cloud = work_report.tasks.get(seq="9")  # a countable target (上云企业 1900家)
    indicators = list(cloud.indicators.all())
    indicator = indicators[0]
    revision = progress.schedule_propose(
        task=cloud,
        user=lead_reporter,
        points=[PointInput(indicator.pk, date(2019, 5, 31), share=Decimal(40))],
        reason="按季度推进",
    )
    with django_capture_on_commit_callbacks(execute=True):
        progress.schedule_decide(revision=revision, user=supervisor, approve=True)
        indicators_correct(task=cloud, user=supervisor, indicators=indicators)
    triggers = StatusComputation.objects.exclude(trigger=ComputationTrigger.COMMAND)
    assert sorted(triggers.values_list("trigger", "period")) == [
        ("indicator.correct", MAY),
        ("indicator.correct", JUNE),
        ("schedule.approve", MAY),
        ("schedule.approve", JUNE),
    ]


def test_the_reporting_day_passing_is_the_workers_daily_computation(seed, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    assert Status.NOT_REPORTED not in services.status_recompute_day(today=date(2019, 6, 25))[JUNE]  # not late yet
    out = StringIO()
    call_command("status_recompute", "--queue", "--date", "2019-06-26", stdout=out)
    assert "已排队" in out.getvalue()
    assert TaskStatus.objects.filter(period=JUNE, status=Status.NOT_REPORTED).count() == 163
    assert StatusComputation.objects.filter(trigger=ComputationTrigger.SCHEDULE, period=JUNE).count() == 2
    assert list(services.status_recompute_day(today=date(2019, 7, 1))) == [JUNE, date(2019, 7, 1)]


def test_the_command_queues_on_the_database_worker_or_computes_in_process(seed):
    out = StringIO()
    call_command("status_recompute", "--queue", "--date", "2019-06-26", stdout=out)  # the database backend
    assert "已排队" in out.getvalue() and not TaskStatus.objects.exists()
    call_command("status_recompute", "--period", "2019-06", stdout=out)
    assert "2019年6月：" in out.getvalue()
    assert StatusComputation.objects.get().trigger == ComputationTrigger.COMMAND


def test_the_office_recomputes_by_hand_from_the_status_list_and_it_is_audited(
    client, june, supervisor, lead_head, unrelated_head
):
    url = reverse("supervision:status_recompute")
    client.force_login(lead_head)
    assert client.post(url, {"period": "2019-06"}).status_code == 403
    client.force_login(supervisor)
    page = client.get(reverse("supervision:status_overview"), {"period": "2019-06"}).content.decode()
    assert "重新计算本期状态" in page
    back = reverse("supervision:status_overview") + "?period=2019-06&status=not_reported"
    response = client.post(url, {"period": "2019-06", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    manual = StatusComputation.objects.get(trigger=ComputationTrigger.MANUAL)
    assert (manual.actor, manual.tasks, manual.period) == (supervisor, 163, JUNE)
    assert Event.objects.filter(action="status.recompute", actor=supervisor).exists()
    assert client.post(url, {"period": "2019-06", "next": "https://example.com/"})["Location"].endswith(
        "?period=2019-06"
    )
    client.force_login(unrelated_head)
    page = client.get(reverse("supervision:status_overview"), {"period": "2019-06"}).content.decode()
    assert "状态计算于" in page and "手工重算" in page and "重新计算本期状态" not in page
