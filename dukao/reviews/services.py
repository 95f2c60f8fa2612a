"""Writes on reviews: the verifier of an indicator verifies its value or returns the report."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from dukao.accounts.models import User
from dukao.accounts.selectors import unit_members
from dukao.audit.services import event_record
from dukao.lib.permissions import deny_unless
from dukao.notices.models import NoticeKind
from dukao.notices.services import notice_send
from dukao.plans.models import Indicator
from dukao.plans.signals import task_facts_changed_on_commit
from dukao.progress import permissions
from dukao.progress.models import ProgressReport, ReportState, ReportVersion
from dukao.progress.services import WorkflowError, correction_close
from dukao.progress.verifiers import verifying_unit_id
from dukao.reviews.models import Decision, Review
from dukao.units.models import Unit


def _verified_on(version: ReportVersion):
    return Review.objects.filter(version=version, decision=Decision.VERIFIED).values("indicator_id")


@transaction.atomic
def review_decide(
    *,
    version: ReportVersion,
    indicator: Indicator,
    user: User,
    approve: bool,
    verified_value: Decimal | None = None,
    verified_done: bool = False,
    reason: str = "",
) -> Review:
    """Verify (``approve``) one indicator of the latest submitted version, with the verified value (which
    may differ from the reported one), or return the report with a reason. When every indicator of the task
    is verified the report is 已核定; a return makes it 已退回 and the unit submits a new version.

    Nobody verifies their own figures: a reviewer of the reporting unit is refused whatever the route.

    Raises ``PermissionDenied`` (a reviewer of the reporting unit; not this indicator's verifier on this report),
    ``WorkflowError`` (not awaiting review, an older version, already decided) or ``ValueError`` (a return
    without a reason).
    """
    report = ProgressReport.objects.select_for_update().get(pk=version.report_id)
    deny_unless(user.unit_id != report.unit_id, _("不能核定本单位报送的数据：本单位的报告由其他单位核定。"))
    if not permissions.can_review(user, verifying_unit_id(indicator, report.unit_id)):
        raise PermissionDenied(_("该指标不由您所在单位核定。"))
    latest = report.versions.order_by("-number").first()
    if report.state != ReportState.SUBMITTED or latest is None or latest.pk != version.pk:
        raise WorkflowError(_("该报告版本不在待核定状态。"))
    if indicator.task_id != report.task_id:
        raise WorkflowError(_("指标不属于该报告的任务。"))
    if Review.objects.filter(version=version, indicator=indicator).exists():
        raise WorkflowError(_("该指标已核定过。"))
    if not approve and not reason.strip():
        raise ValueError(_("退回时请填写理由。"))
    reported = version.values.filter(indicator=indicator).values_list("value", flat=True).first()
    review = Review.objects.create(
        version=version,
        indicator=indicator,
        reported_value=reported,
        decision=Decision.VERIFIED if approve else Decision.RETURNED,
        verified_value=verified_value if approve else None,
        verified_done=verified_done if approve else False,
        reason=reason,
        reviewer=user,
        reviewer_unit=user.unit,
    )
    before = report.state
    if not approve:
        report.state, report.return_reason = ReportState.RETURNED, reason
    elif not report.task.indicators.exclude(pk__in=_verified_on(version)).exists():
        report.state = ReportState.VERIFIED
        correction_close(report, version)
    report.save(update_fields=["state", "return_reason", "updated_at"])
    action = "review.verify" if approve else "review.return"
    event_record(
        actor=user,
        action=action,
        obj=review,
        summary=f"{report}：{indicator.text[:60]} {review.get_decision_display()}",
        before={"state": before},
        after={"state": report.state, "verified_value": str(verified_value) if approve else None, "reason": reason},
    )
    task_facts_changed_on_commit(action=action, task_ids=[report.task_id], since=report.period, actor=user)
    if not approve:
        _tell_returned(report, reviewer_unit=user.unit, reason=reason)
    return review


def _tell_returned(report: ProgressReport, *, reviewer_unit: Unit | None, reason: str) -> None:
    """The reporters and head of the report's unit hear that it came back, why, and where to answer."""
    notice_send(
        recipients=unit_members(report.unit_id),
        kind=NoticeKind.RETURNED,
        title=f"【报告退回】{report.task.seq}. {report.task.name}（{report.period_label}）",
        body=f"{reviewer_unit or ''}退回理由：{reason}",
        url=reverse("progress:report_page", args=[report.task_id, report.period_key]),
    )
