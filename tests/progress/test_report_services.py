"""Reports: drafts, sign-off, versions that never change, concurrency and double submits."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from dukao.audit.models import Event
from dukao.lib.models import ImmutableError
from dukao.progress import services
from dukao.progress.models import ReportState, ReportVersion
from dukao.reviews.services import review_decide
from tests.progress.factories import JUNE, draft, submitted, values_for


@pytest.fixture
def gdp(work_report):
    """Annex 1 row 1: 地区生产总值 增长5.5%, led by 区发改经信局, verified by 区统计局."""
    return work_report.tasks.get(seq="1")


def test_the_lead_units_reporter_drafts_and_its_head_signs_off(gdp, lead_reporter, lead_head):
    version = submitted(gdp, lead_reporter, lead_head, p0="5.9")
    assert version.number == 1 and version.submitted_by == lead_head
    assert version.report.state == ReportState.SUBMITTED
    assert version.values.get().value == Decimal("5.9")
    assert version.narrative == "按计划推进。"


def test_a_reporter_cannot_sign_off(gdp, lead_reporter):
    report = draft(gdp, lead_reporter)
    with pytest.raises(PermissionDenied):
        services.report_submit(
            report=report, user=lead_reporter, idempotency_key="k", base_revision=report.draft_revision
        )


def test_another_unit_cannot_open_the_report(gdp, unrelated_head, cooperating_reporter):
    for user in (unrelated_head, cooperating_reporter):
        with pytest.raises(PermissionDenied):
            services.report_open(task=gdp, period=JUNE, user=user)


def test_a_stale_draft_is_refused_and_nothing_is_overwritten(gdp, lead_reporter, lead_head):
    report = draft(gdp, lead_reporter, narrative="第一稿")
    stale_revision = report.draft_revision
    services.report_save_draft(
        report=report,
        user=lead_head,
        base_revision=stale_revision,
        values={},
        narrative="负责人修改稿",
        problems="",
        next_steps="",
    )
    with pytest.raises(services.StaleDraft):
        services.report_save_draft(
            report=report,
            user=lead_reporter,
            base_revision=stale_revision,
            values={},
            narrative="填报员旧稿",
            problems="",
            next_steps="",
        )
    report.refresh_from_db()
    assert report.draft_narrative == "负责人修改稿"


def test_a_double_submit_creates_one_version(gdp, lead_reporter, lead_head):
    report = draft(gdp, lead_reporter)
    key = uuid.uuid4().hex
    first = services.report_submit(
        report=report, user=lead_head, idempotency_key=key, base_revision=report.draft_revision
    )
    second = services.report_submit(
        report=report, user=lead_head, idempotency_key=key, base_revision=report.draft_revision
    )
    assert first.pk == second.pk and ReportVersion.objects.count() == 1


def test_submit_return_resubmit_keeps_every_version(gdp, lead_reporter, lead_head, stats_reviewer):
    first = submitted(gdp, lead_reporter, lead_head, p0="5.9")
    review_decide(
        version=first,
        indicator=gdp.indicators.get(),
        user=stats_reviewer,
        approve=False,
        reason="与统计快报不符，请核实",
    )
    report = first.report
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED and report.return_reason == "与统计快报不符，请核实"
    second = services.report_submit(
        report=services.report_save_draft(
            report=report,
            user=lead_reporter,
            base_revision=report.draft_revision,
            values=values_for(gdp, p0="5.6"),
            narrative="已按统计快报更正。",
            problems="",
            next_steps="",
        ),  # fmt: skip
        user=lead_head,
        idempotency_key="second",
        base_revision=report.draft_revision + 1,
    )
    assert [v.number for v in report.versions.all()] == [2, 1]
    assert first.values.get().value == Decimal("5.9") and second.values.get().value == Decimal("5.6")


def test_a_submitted_version_cannot_be_changed_or_deleted(gdp, lead_reporter, lead_head):
    version = submitted(gdp, lead_reporter, lead_head, p0="5.9")
    version.narrative = "篡改"
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()
    with pytest.raises(ImmutableError):
        version.values.get().save()


def test_a_submitted_report_cannot_be_edited_until_returned(gdp, lead_reporter, lead_head):
    version = submitted(gdp, lead_reporter, lead_head)
    with pytest.raises(PermissionDenied):
        report = version.report
        services.report_save_draft(
            report=report,
            user=lead_reporter,
            base_revision=report.draft_revision,
            values={},
            narrative="改",
            problems="",
            next_steps="",
        )


def test_a_malformed_number_is_a_chinese_error(gdp, lead_reporter):
    report = services.report_open(task=gdp, period=JUNE, user=lead_reporter)
    with pytest.raises(ValueError, match="“五点五”不是有效的数值"):
        values = values_for(gdp, p0="五点五")
        services.report_save_draft(
            report=report, user=lead_reporter, base_revision=0, values=values, narrative="", problems="", next_steps=""
        )


def test_every_step_is_in_the_audit_trail(gdp, lead_reporter, lead_head, stats_reviewer):
    version = submitted(gdp, lead_reporter, lead_head, p0="5.9")
    review_decide(
        version=version,
        indicator=gdp.indicators.get(),
        user=stats_reviewer,
        approve=True,
        verified_value=Decimal("5.7"),
    )
    steps = Event.objects.exclude(action__startswith="plan.").exclude(action="user.privileges")
    actions = list(steps.order_by("id").values_list("action", "actor_name"))
    assert actions == [
        ("report.open", "fgj"),
        ("report.save", "fgj"),
        ("report.submit", "fgj_head"),
        ("review.verify", "tjj"),
    ]
    version.report.refresh_from_db()
    assert version.report.state == ReportState.VERIFIED


@pytest.mark.parametrize("raw", ["1e20", "1e999", "NaN", "Infinity", "-1e21"])
def test_out_of_range_values_are_refused_in_chinese(gdp, lead_reporter, raw):
    report = services.report_open(task=gdp, period=JUNE, user=lead_reporter)
    with pytest.raises(ValueError, match="超出允许范围|不是有效的数值"):
        services.report_save_draft(
            report=report,
            user=lead_reporter,
            base_revision=0,
            values=values_for(gdp, p0=raw),
            narrative="",
            problems="",
            next_steps="",
        )


def test_an_idempotency_key_of_another_report_is_refused(gdp, work_report, lead_reporter, lead_head):
    first = submitted(gdp, lead_reporter, lead_head)
    other = draft(work_report.tasks.get(seq="2"), lead_reporter)
    with pytest.raises(services.WorkflowError, match="提交标识无效"):
        services.report_submit(
            report=other, user=lead_head, idempotency_key=first.idempotency_key, base_revision=other.draft_revision
        )


def _save(gdp, user, report=None, **kw):
    from dukao.progress.models import ProgressReport

    report = report or ProgressReport(task=gdp, period=JUNE, unit=user.unit)
    texts = {"narrative": "六月进展。", "problems": "", "next_steps": "", "narrative_internal": False}
    return services.report_save(
        report=report, user=user, base_revision=0, values=values_for(gdp, p0="5.8"), texts=texts, **kw
    )


def test_the_pages_save_opens_saves_and_signs_off_once_per_click(gdp, lead_head):
    first = _save(gdp, lead_head, sign_off=True, idempotency_key="click")
    assert first.version.number == 1 and first.report.state == ReportState.SUBMITTED and not first.sign_off_refused
    again = _save(gdp, lead_head, report=first.report, sign_off=True, idempotency_key="click")
    assert again.version == first.version and ReportVersion.objects.filter(report=first.report).count() == 1
    actions = list(Event.objects.order_by("chain_seq").values_list("action", flat=True))
    assert actions[-3:] == ["report.open", "report.save", "report.submit"]  # the second click: nothing


def test_a_reporter_asking_to_sign_off_saves_the_draft_only(gdp, lead_reporter):
    saved = _save(gdp, lead_reporter, sign_off=True, idempotency_key="k")
    assert saved.sign_off_refused and saved.version is None
    assert saved.report.state == ReportState.DRAFT and saved.report.draft_narrative == "六月进展。"
