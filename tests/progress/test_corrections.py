"""Correcting a verified month (更正): the reporting unit's head reopens it with a reason, the unit submits a new
version, which is verified again; the verified version stays, the later months' statuses follow, and issued
bulletins and final assessments keep the statuses they counted, noting the correction beside them."""

import uuid
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from dukao.audit.models import Event
from dukao.portal.selectors import public_narratives
from dukao.progress import services
from dukao.progress.models import ProgressReport, ReportState
from dukao.progress.services import WorkflowError
from dukao.reviews.services import review_decide
from dukao.supervision import services as supervision
from dukao.supervision.models import TaskStatus
from dukao.supervision.selectors import statuses_as_of
from tests.conftest import make_user
from tests.progress.factories import submitted

MAY, JUNE = date(2019, 5, 1), date(2019, 6, 1)


@pytest.fixture
def gdp(work_report):
    return work_report.tasks.get(seq="1")


def verify(version, reviewer, value: str) -> None:
    indicator = version.report.task.indicators.get()
    review_decide(version=version, indicator=indicator, user=reviewer, approve=True, verified_value=Decimal(value))


@pytest.fixture
def verified_may(gdp, lead_reporter, lead_head, stats_reviewer) -> ProgressReport:
    version = submitted(gdp, lead_reporter, lead_head, period=MAY, p0="4")
    verify(version, stats_reviewer, "4")
    return ProgressReport.objects.get(pk=version.report_id)


def resubmit(report: ProgressReport, reporter, head, value: str):
    """The reopened report's draft given ``value`` and signed off again; returns the new version."""
    report = ProgressReport.objects.get(pk=report.pk)
    indicator = report.task.indicators.get()
    report = services.report_save_draft(
        report=report,
        user=reporter,
        base_revision=report.draft_revision,
        values={str(indicator.pk): {"value": value}},
        narrative="更正：按统计快报修正。",
        problems="",
        next_steps="",
    )
    return services.report_submit(
        report=report, user=head, idempotency_key=uuid.uuid4().hex, base_revision=report.draft_revision
    )


@pytest.mark.parametrize(
    ("who", "state", "reason", "refused"),
    [
        ("lead_head", "verified", "", ValueError),  # no reason
        ("lead_head", "verified", "   ", ValueError),
        ("lead_reporter", "verified", "数据有误", PermissionDenied),  # the head signs off, not the reporter
        ("unrelated_head", "verified", "数据有误", PermissionDenied),  # another unit
        ("stats_reviewer", "verified", "数据有误", PermissionDenied),  # the verifier
        ("supervisor", "verified", "数据有误", PermissionDenied),
        ("lead_head", "submitted", "数据有误", WorkflowError),  # not verified yet
        ("lead_head", "draft", "数据有误", WorkflowError),
    ],
)
def test_a_correction_is_refused_without_a_reason_by_anyone_else_or_of_an_unverified_month(
    request, gdp, lead_reporter, lead_head, stats_reviewer, who, state, reason, refused
):
    version = submitted(gdp, lead_reporter, lead_head, period=MAY, p0="4")
    if state == "verified":
        verify(version, stats_reviewer, "4")
    report = ProgressReport.objects.get(pk=version.report_id)
    if state == "draft":
        report.state = ReportState.DRAFT
        report.save()
    with pytest.raises(refused) as raised:
        services.report_correct(report=report, user=request.getfixturevalue(who), reason=reason)
    assert "更正" in str(raised.value) or "报告" in str(raised.value)
    assert ProgressReport.objects.get(pk=report.pk).state == report.state
    assert not report.corrections.exists()


def test_a_correction_is_a_new_version_verified_again_and_the_verified_one_stays(
    verified_may, lead_reporter, lead_head, stats_reviewer
):
    correction = services.report_correct(report=verified_may, user=lead_head, reason="统计快报修正")
    report = ProgressReport.objects.get(pk=verified_may.pk)
    assert report.state == ReportState.DRAFT and report.open_correction == correction
    assert (correction.corrects.number, correction.requested_by, correction.verified_at) == (1, lead_head, None)
    event = Event.objects.get(action="report.correct")
    assert (event.actor, event.after["reason"]) == (lead_head, "统计快报修正")

    second = resubmit(report, lead_reporter, lead_head, "5.8")
    assert ProgressReport.objects.get(pk=report.pk).state == ReportState.SUBMITTED
    verify(second, stats_reviewer, "5.8")

    report = ProgressReport.objects.get(pk=report.pk)
    correction.refresh_from_db()
    assert report.state == ReportState.VERIFIED and report.open_correction is None
    assert (correction.verified_version, second.number) == (second, 2)
    first = report.versions.get(number=1)
    assert [(r.decision, r.verified_value) for r in first.reviews.all()] == [("verified", Decimal(4))]
    assert [v.number for v in report.versions.all()] == [2, 1]


def test_the_later_months_statuses_follow_a_verified_correction_as_new_versions(
    gdp, lead_reporter, lead_head, stats_reviewer, django_capture_on_commit_callbacks
):
    may = submitted(gdp, lead_reporter, lead_head, period=MAY, p0="6")
    verify(may, stats_reviewer, "6")
    verify(submitted(gdp, lead_reporter, lead_head, period=JUNE, p0="6"), stats_reviewer, "6")
    for period in (MAY, JUNE):
        supervision.status_recompute(period=period)
    june = TaskStatus.objects.get(task=gdp, period=JUNE)
    assert (june.status, june.recovered) == ("on_track", False)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_correct(report=may.report, user=lead_head, reason="统计快报核减")
        corrected = resubmit(may.report, lead_reporter, lead_head, "4")
    assert TaskStatus.objects.get(task=gdp, period=JUNE) == june  # not verified yet: nothing follows
    with django_capture_on_commit_callbacks(execute=True):
        verify(corrected, stats_reviewer, "4")

    chain = TaskStatus.versions.filter(task=gdp, period=MAY).order_by("version")
    assert [(s.version, s.status, s.trigger, s.current) for s in chain] == [
        (1, "on_track", "command", False),
        (2, "seriously_behind", "review.verify", True),
    ]
    now = TaskStatus.objects.get(task=gdp, period=JUNE)
    assert (now.version, now.status, now.recovered, now.trigger) == (2, "on_track", True, "review.verify")
    assert now.actor == stats_reviewer
    kept = TaskStatus.versions.get(pk=june.pk)  # the earlier verdict is kept as it was
    assert (kept.recovered, kept.current, kept.superseded_at) == (False, False, now.computed_at)


def test_an_issued_bulletin_keeps_its_snapshot_and_notes_the_correction(
    client, gdp, verified_may, supervisor, lead_reporter, lead_head, stats_reviewer
):
    supervision.status_recompute(period=MAY)
    bulletin = supervision.bulletin_draft(period=MAY, user=supervisor)
    bulletin = supervision.bulletin_issue(bulletin=bulletin, user=supervisor)
    counted = TaskStatus.objects.get(task=gdp, period=MAY)
    snapshot, docx = dict(bulletin.snapshot), bulletin.docx_sha256

    services.report_correct(report=verified_may, user=lead_head, reason="统计快报修正")
    verify(resubmit(verified_may, lead_reporter, lead_head, "5.8"), stats_reviewer, "5.8")
    supervision.status_recompute(period=MAY)

    bulletin.refresh_from_db()
    assert (bulletin.snapshot, bulletin.docx_sha256) == (snapshot, docx)
    assert statuses_as_of(bulletin.issued_at).get(task=gdp, period=MAY) == counted
    new = TaskStatus.objects.get(task=gdp, period=MAY)
    assert new.status != counted.status
    client.force_login(supervisor)
    page = client.get(reverse("supervision:bulletin_detail", args=[bulletin.pk])).content.decode()
    assert "此后更正" in page and "2019年5月报告于" in page and new.get_status_display() in page


def test_the_report_pages_offer_the_correction_to_the_units_head_and_keep_bad_input_out(
    client, verified_may, lead_head, lead_reporter
):
    detail = reverse("progress:report_detail", args=[verified_may.pk])
    client.force_login(lead_reporter)
    assert reverse("progress:report_correct", args=[verified_may.pk]) not in client.get(detail).content.decode()
    client.force_login(lead_head)
    assert reverse("progress:report_correct", args=[verified_may.pk]) in client.get(detail).content.decode()
    url = reverse("progress:report_correct", args=[verified_may.pk])
    refused = client.post(url, {"reason": ""}, follow=True)
    assert "请填写更正理由。" in refused.content.decode()
    assert ProgressReport.objects.get(pk=verified_may.pk).state == ReportState.VERIFIED
    done = client.post(url, {"reason": "统计快报修正"}, follow=True)
    assert "更正中" in done.content.decode() and "统计快报修正" in done.content.decode()
    other = make_user("jyj_head2", lead_head.role, "区教育局")
    client.force_login(other)
    assert client.post(url, {"reason": "数据有误"}).status_code == 404


def test_the_command_line_corrects_as_the_units_head(verified_may, lead_head, lead_reporter):
    with pytest.raises(CommandError, match="请填写更正理由"):
        call_command("report_correct", verified_may.pk, "--user", lead_head.username)
    with pytest.raises(CommandError, match="只有填报单位负责人"):
        call_command("report_correct", verified_may.pk, "--reason", "有误", "--user", lead_reporter.username)
    with pytest.raises(CommandError, match="找不到编号"):
        call_command("report_correct", 999999, "--reason", "有误", "--user", lead_head.username)
    out = StringIO()
    call_command(
        "report_correct", verified_may.pk, "--reason", "统计快报修正", "--user", lead_head.username, stdout=out
    )
    assert "已重新打开更正" in out.getvalue()
    assert ProgressReport.objects.get(pk=verified_may.pk).state == ReportState.DRAFT


def test_the_public_portal_shows_the_verified_narrative_while_the_month_is_corrected(
    verified_may, lead_head, lead_reporter, stats_reviewer
):
    plan = verified_may.task.plan
    assert public_narratives(plan, MAY) == {verified_may.task_id: "按计划推进。"}
    services.report_correct(report=verified_may, user=lead_head, reason="统计快报修正")
    corrected = resubmit(verified_may, lead_reporter, lead_head, "5.8")
    assert public_narratives(plan, MAY) == {verified_may.task_id: "按计划推进。"}  # until verified again
    verify(corrected, stats_reviewer, "5.8")
    assert public_narratives(plan, MAY) == {verified_may.task_id: "更正：按统计快报修正。"}
