"""A final assessment keeps the statuses it counted: a month corrected (更正) afterwards changes the current
statuses, not the assessment, its year-end report or the records; its page notes the correction beside the task."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from dukao.assessment import services
from dukao.plans.models import PlanKind, Task
from dukao.progress import services as progress
from dukao.progress.models import ProgressReport
from dukao.reviews.services import review_decide
from dukao.supervision import services as supervision
from dukao.supervision.models import TaskStatus
from dukao.supervision.rules import LAGGING, STATUS_LABELS, Status
from dukao.supervision.selectors import statuses_as_of

MAY = date(2019, 5, 1)


def correct(report: ProgressReport, demo: dict, value: str) -> None:
    """The unit head reopens the report, the reporter enters ``value``, the head signs off, 区统计局 verifies."""
    progress.report_correct(report=report, user=demo["unithead"], reason="统计快报修正")
    report = ProgressReport.objects.get(pk=report.pk)
    indicator = report.task.indicators.get()
    report = progress.report_save_draft(
        report=report,
        user=demo["reporter"],
        base_revision=report.draft_revision,
        values={str(indicator.pk): {"value": value}},
        narrative="更正：按统计快报修正。",
        problems="",
        next_steps="",
    )
    version = progress.report_submit(
        report=report, user=demo["unithead"], idempotency_key=uuid.uuid4().hex, base_revision=report.draft_revision
    )
    review_decide(version=version, indicator=indicator, user=demo["stats"], approve=True, verified_value=Decimal(value))


@pytest.fixture
def final_may(demo):
    """The 2019 assessment as of May, finalised on the demo data with May's statuses computed."""
    supervision.status_recompute(period=MAY)
    assessment = services.assessment_run(year=2019, user=demo["supervisor"], period=MAY)
    return services.assessment_finalise(assessment=assessment, user=demo["supervisor"])


def test_a_final_assessment_keeps_the_statuses_it_counted_and_notes_a_later_correction(client, demo, final_may):
    gdp = Task.objects.get(plan__kind=PlanKind.WORK_REPORT, seq="1")
    counted = TaskStatus.objects.get(task=gdp, period=MAY)
    snapshot = final_may.snapshot_sha256
    correct(ProgressReport.objects.get(task=gdp, period=MAY), demo, "9" if counted.status in LAGGING else "0")
    supervision.status_recompute(period=MAY)

    now = TaskStatus.objects.get(task=gdp, period=MAY)
    assert now.status != counted.status and now.version == 2
    final_may.refresh_from_db()
    assert final_may.snapshot_sha256 == snapshot
    assert statuses_as_of(final_may.finalised_at).get(task=gdp, period=MAY) == counted

    report = services.year_report_issue(assessment=final_may, user=demo["supervisor"])
    by_status = {row["status"]: row["count"] for row in report.snapshot["by_status"]}
    scored = statuses_as_of(final_may.finalised_at).filter(period=MAY, task__scores__assessment=final_may)
    labels = [STATUS_LABELS[Status(s)] for s in scored.values_list("status", flat=True)]
    assert {label: labels.count(label) for label in labels}.items() <= by_status.items()

    client.force_login(demo["supervisor"])
    page = client.get(reverse("assessment:assessment_detail", args=[final_may.pk])).content.decode()
    assert "此后更正" in page and f"{gdp.seq}. {gdp.name}" in page and "2019年5月报告于" in page
    assert now.get_status_display() in page


def test_a_draft_assessment_notes_nothing(client, demo, draft):
    client.force_login(demo["supervisor"])
    page = client.get(reverse("assessment:assessment_detail", args=[draft.pk])).content.decode()
    assert "此后更正" not in page
