"""Writes on schedules, reports, evidence, contributions and coordination requests. Each is one transaction
that checks permission (``progress.permissions``), changes state and appends an audit event."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dukao.accounts.models import User
from dukao.audit.digest import changed_digests
from dukao.audit.services import event_record, events_at_end
from dukao.lib.numbers import number_text
from dukao.lib.periods import period_label
from dukao.lib.permissions import deny_unless
from dukao.plans.models import Indicator, Task
from dukao.plans.signals import task_facts_changed_on_commit
from dukao.progress import permissions
from dukao.progress.evidence import check_evidence
from dukao.progress.models import (
    Checkpoint,
    Contribution,
    CoordinationRequest,
    Evidence,
    ProgressReport,
    ReportCorrection,
    ReportState,
    ReportValue,
    ReportVersion,
    RequestAction,
    RequestState,
    RequestStep,
    ScheduleRevision,
    ScheduleState,
)
from dukao.progress.schedule_rules import PlannedPoint, indicator_points


class StaleDraft(Exception):
    """The draft changed since the form was loaded (someone else saved it): nothing was overwritten."""

    def __init__(self, report: ProgressReport) -> None:
        self.report = report
        self.refused = ""
        who = str(report.draft_saved_by) if report.draft_saved_by else ""
        super().__init__(
            f"草稿已被{who or '他人'}于{timezone.localtime(report.draft_saved_at):%H:%M:%S}更新，请在最新内容上修改。"
        )


class WorkflowError(Exception):
    """A step that the report's state does not allow (e.g. submitting a verified report)."""


# ----- schedules -------------------------------------------------------------------------------------------


def _points_for(indicator: Indicator, task: Task) -> list[PlannedPoint]:
    return indicator_points(
        indicator.kind,
        indicator.target,
        task.plan.year,
        text=indicator.text,
        verb=indicator.verb,
        subject=indicator.subject,
        requirement=task.requirement,
        deadline=task.deadline,
    )


@transaction.atomic
def schedule_generate_default(*, task: Task, actor: User | None = None) -> ScheduleRevision | None:
    """Give a task with no schedule its default (``schedule_rules``) as revision 1, proposed. Returns it, or
    None when the task already has a schedule."""
    if task.schedule_revisions.exists():
        return None
    revision = ScheduleRevision.objects.create(task=task, number=1, reason="系统按指标生成的默认进度计划")
    Checkpoint.objects.bulk_create(
        Checkpoint(
            revision=revision,
            indicator=indicator,
            due=p.due,
            expected_share=p.share,
            expected_value=p.value,
            node=p.node[:200],
        )
        for indicator in task.indicators.all()
        for p in _points_for(indicator, task)
    )
    event_record(actor=actor, action="schedule.generate", obj=revision, summary=f"{task}：生成默认进度计划")
    return revision


@dataclass(frozen=True)
class PointInput:
    """A checkpoint as the lead unit proposes it."""

    indicator_id: int
    due: date
    share: Decimal | None = None
    value: Decimal | None = None
    node: str = ""


@transaction.atomic
def schedule_propose(
    *, task: Task, user: User, points: list[PointInput], reason: str, starts_on: date | None = None
) -> ScheduleRevision:
    """The lead unit proposes a new revision of the task's schedule (``starts_on``: the day a schedule that starts
    mid-year starts, from which 序时进度 is measured; None for 1 January). Raises ``PermissionDenied`` unless the
    user's unit leads the task, ``ValueError`` when a point names an indicator of another task or none given, or
    the start is outside the plan's year."""
    deny_unless(permissions.can_report_on(user, task), _("只有牵头单位可以调整进度计划。"))
    indicator_ids = set(task.indicators.values_list("pk", flat=True))
    if not points or any(p.indicator_id not in indicator_ids for p in points):
        raise ValueError(_("进度节点必须属于本任务的指标，且至少有一个。"))
    if starts_on is not None and starts_on.year != task.plan.year:
        raise ValueError(_("计划起始日须在%(year)s年内。") % {"year": task.plan.year})
    last = task.schedule_revisions.order_by("-number").first()
    revision = ScheduleRevision.objects.create(
        task=task, number=(last.number if last else 0) + 1, reason=reason, proposed_by=user, starts_on=starts_on
    )
    Checkpoint.objects.bulk_create(
        Checkpoint(
            revision=revision,
            indicator_id=p.indicator_id,
            due=p.due,
            expected_share=p.share,
            expected_value=p.value,
            node=p.node[:200],
        )
        for p in points
    )
    event_record(
        actor=user, action="schedule.propose", obj=revision, summary=f"{task}：提出第{revision.number}版进度计划"
    )
    return revision


@transaction.atomic
def schedule_decide(*, revision: ScheduleRevision, user: User, approve: bool, note: str = "") -> ScheduleRevision:
    """区政府办公室 approves (the revision becomes the baseline; earlier ones are kept) or rejects a proposed
    revision. Raises ``PermissionDenied`` or ``WorkflowError`` (not proposed)."""
    deny_unless(permissions.can_decide_schedules(user), _("只有区政府办公室可以审批进度计划。"))
    revision = ScheduleRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.state != ScheduleState.PROPOSED:
        raise WorkflowError(_("该进度计划版本已经审批过。"))
    revision.state = ScheduleState.APPROVED if approve else ScheduleState.REJECTED
    revision.decided_by, revision.decided_at, revision.decision_note = user, timezone.now(), note
    revision.save()
    event_record(
        actor=user,
        action="schedule.approve" if approve else "schedule.reject",
        obj=revision,
        summary=f"{revision.task}：第{revision.number}版进度计划{revision.get_state_display()}",
        after={"state": revision.state, "note": note},
    )
    if approve:
        task_facts_changed_on_commit(action="schedule.approve", task_ids=[revision.task_id], since=None, actor=user)
    return revision


# ----- reports ---------------------------------------------------------------------------------------------


@transaction.atomic
def report_open(*, task: Task, period: date, user: User) -> ProgressReport:
    """The user's unit's report on the task for the period, created as an empty draft on first use.
    Raises ``PermissionDenied`` unless the user's unit leads the task, ``ValueError`` on a task 已撤销."""
    if task.is_withdrawn:
        raise ValueError(_("任务“%(task)s”已从新版分解表中撤销，不再接受新的填报。") % {"task": task})
    deny_unless(permissions.can_report_on(user, task), _("只有牵头单位可以填报该任务。"))
    if period.year != task.plan.year:
        raise ValueError(
            _("报告期%(period)s不在分解表年度%(year)s年内。") % {"period": period_label(period), "year": task.plan.year}
        )
    report, created = ProgressReport.objects.get_or_create(task=task, period=period, unit=user.unit)
    if created:
        event_record(actor=user, action="report.open", obj=report, summary=str(report))
    return report


def _lock(report: ProgressReport) -> ProgressReport:
    """The report re-read under a row lock, keeping the task object already loaded with it (its own fields; the
    workflow reads the task's indicators again under the lock, ``_indicators``)."""
    locked = ProgressReport.objects.select_for_update(of=("self",)).select_related("draft_saved_by").get(pk=report.pk)
    if ProgressReport.task.is_cached(report):
        locked.task = report.task
    return locked


def _indicators(report: ProgressReport) -> QuerySet[Indicator]:
    """The task's indicators as they are now (not as prefetched when the page was loaded: a correction or a
    re-import may have replaced one since)."""
    return Indicator.objects.filter(task_id=report.task_id)


def _clean_values(report: ProgressReport, values: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Keep only the task's indicators and well-formed numbers: {indicator id: {"value", "done", "node",
    "items_done"}} with the value as a string ("" when not given)."""
    known = {str(pk) for pk in _indicators(report).values_list("pk", flat=True)}
    clean = {}
    for key, entry in values.items():
        if key not in known:
            continue
        raw = str(entry.get("value", "") or "").strip().replace(",", "")
        value = number_text(_decimal(raw)) if raw else ""
        clean[key] = {
            "value": value,
            "done": bool(entry.get("done")),
            "node": str(entry.get("node", ""))[:200],
            "items_done": [str(i) for i in entry.get("items_done", [])],
        }
    return clean


#: Values a report or schedule may hold: what the columns store (24 digits, 4 decimal places).
VALUE_LIMIT = Decimal(10) ** 20


def _decimal(raw: str) -> Decimal:
    """A finite number within ``VALUE_LIMIT``, rounded to 4 decimal places. Raises ``ValueError`` (Chinese)."""
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise ValueError(_("“%(raw)s”不是有效的数值。") % {"raw": raw}) from exc
    if not value.is_finite() or abs(value) >= VALUE_LIMIT:
        raise ValueError(_("数值“%(raw)s”超出允许范围。") % {"raw": raw})
    return value.quantize(Decimal("0.0001"))


@transaction.atomic
def report_save_draft(
    *,
    report: ProgressReport,
    user: User,
    base_revision: int,
    values: dict[str, dict[str, Any]],
    narrative: str,
    problems: str,
    next_steps: str,
    narrative_internal: bool = False,
) -> ProgressReport:
    """Save the working copy (also the autosave); ``narrative_internal`` keeps the 进展情况 off the public portal.
    ``base_revision`` is the draft revision the form was loaded with: if the draft moved on since,
    ``StaleDraft`` is raised and nothing is overwritten. Each save is a ``report.save`` audit event naming the
    fields that changed with their SM3 digests before and after (``audit.digest``), not their text.
    Raises ``PermissionDenied`` unless the user may edit the draft, ``ValueError`` for a malformed number."""
    report = _lock(report)
    deny_unless(permissions.can_edit_draft(user, report), _("无权修改该报告，或报告已提交。"))
    if base_revision != report.draft_revision:
        raise StaleDraft(report)
    before = _draft_fields(report)
    report.draft_values = _clean_values(report, values)
    report.draft_narrative, report.draft_problems, report.draft_next_steps = narrative, problems, next_steps
    report.draft_narrative_internal = narrative_internal
    report.draft_revision += 1
    report.draft_saved_by, report.draft_saved_at = user, timezone.now()
    report.save()
    old, new = changed_digests(before, _draft_fields(report))
    event_record(
        actor=user,
        action="report.save",
        obj=report,
        summary=f"{report}：保存草稿第{report.draft_revision}版，改动{len(new)}项",
        before={"draft_revision": base_revision, "changed": old},
        after={"draft_revision": report.draft_revision, "changed": new},
    )
    return report


def _draft_fields(report: ProgressReport) -> dict[str, Any]:
    """The draft's fields by name, each indicator's entry as ``values.<indicator id>`` (what a save's audit event
    digests, ``audit.digest``)."""
    fields = {
        "narrative": report.draft_narrative,
        "problems": report.draft_problems,
        "next_steps": report.draft_next_steps,
        "narrative_internal": report.draft_narrative_internal,
    }
    return fields | {f"values.{key}": entry for key, entry in report.draft_values.items()}


@transaction.atomic
def report_submit(
    *,
    report: ProgressReport,
    user: User,
    idempotency_key: str,
    base_revision: int,
    submitted_at: datetime | None = None,
) -> ReportVersion:
    """The unit head signs the draft off: a new immutable version with the draft's values, texts and current
    evidence. A repeated submit with the same ``idempotency_key`` returns the version it made (one version).
    ``submitted_at`` defaults to now; only a migration of historical reports (or the demo) passes another time.
    Raises ``PermissionDenied``, ``StaleDraft`` (the draft changed since the page was loaded) or
    ``WorkflowError`` (nothing to submit)."""
    existing = ReportVersion.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.report_id != report.pk:
            raise WorkflowError(_("提交标识无效，请刷新页面后重新提交。"))
        return existing
    report = _lock(report)
    deny_unless(permissions.can_submit(user, report), _("只有本单位负责人可以签发提交，且报告须为草稿或已退回。"))
    if base_revision != report.draft_revision:
        raise StaleDraft(report)
    if not report.draft_narrative.strip():
        raise WorkflowError(_("提交前请填写进展情况。"))
    last = report.versions.order_by("-number").first()
    version = ReportVersion.objects.create(
        report=report,
        number=(last.number if last else 0) + 1,
        narrative=report.draft_narrative,
        problems=report.draft_problems,
        next_steps=report.draft_next_steps,
        narrative_internal=report.draft_narrative_internal,
        submitted_by=user,
        idempotency_key=idempotency_key,
        submitted_at=submitted_at or timezone.now(),
    )
    indicators = {str(i.pk): i for i in _indicators(report)}
    ReportValue.objects.bulk_create(
        ReportValue(
            version=version,
            indicator=indicators[key],
            value=Decimal(entry["value"]) if entry.get("value") else None,
            done=entry.get("done", False),
            node=entry.get("node", ""),
            items_done=entry.get("items_done", []),
        )
        for key, entry in report.draft_values.items()
        if key in indicators
    )
    version.evidence.set(report.evidence.filter(withdrawn=False))
    before = report.state
    report.state, report.return_reason = ReportState.SUBMITTED, ""
    report.save(update_fields=["state", "return_reason", "updated_at"])
    event_record(
        actor=user,
        action="report.submit",
        obj=report,
        summary=f"{report}：提交第{version.number}版",
        before={"state": before},
        after={"state": report.state, "version": version.number},
    )
    task_facts_changed_on_commit(action="report.submit", task_ids=[report.task_id], since=report.period, actor=user)
    return version


@transaction.atomic
def report_correct(*, report: ProgressReport, user: User, reason: str) -> ReportCorrection:
    """The reporting unit's head reopens a verified report for a correction (更正), with a reason: the report is a
    draft again (holding the verified version's content), the unit submits a new version and it is verified again.
    The verified version stays and counts until the correction is verified (``correction_close``); the
    later months' statuses follow then. Raises ``ValueError`` without a reason, ``WorkflowError`` when the report
    is not verified, ``PermissionDenied`` for anyone but the reporting unit's head."""
    if not reason.strip():
        raise ValueError(_("请填写更正理由。"))
    report = _lock(report)
    if report.state != ReportState.VERIFIED:
        raise WorkflowError(
            _("只有已核定的报告可以更正；该报告当前为“%(state)s”。") % {"state": report.get_state_display()}
        )
    deny_unless(permissions.can_correct(user, report), _("只有填报单位负责人可以更正本单位已核定的报告。"))
    verified = report.versions.order_by("-number").first()
    correction = ReportCorrection.objects.create(
        report=report, corrects=verified, reason=reason.strip(), requested_by=user
    )
    report.state = ReportState.DRAFT
    report.save(update_fields=["state", "updated_at"])
    event_record(
        actor=user,
        action="report.correct",
        obj=report,
        summary=f"{report}：更正第{verified.number}版，理由：{reason.strip()[:150]}",
        before={"state": ReportState.VERIFIED, "version": verified.number},
        after={"state": report.state, "reason": reason.strip()},
    )
    return correction


def correction_close(report: ProgressReport, version: ReportVersion) -> ReportCorrection | None:
    """Close the report's open correction now that ``version`` is verified (in the caller's transaction, the
    verification's). Returns it, or None when the report had no open correction."""
    correction = report.corrections.filter(verified_at__isnull=True).first()
    if correction is not None:
        correction.verified_version, correction.verified_at = version, timezone.now()
        correction.save(update_fields=["verified_version", "verified_at", "updated_at"])
    return correction


@dataclass(frozen=True)
class Saved:
    """What ``report_save`` did: the report as saved, the version it signed off (None when it only saved the
    draft), and whether a sign-off was asked of a user who may not sign off (the draft is saved all the same)."""

    report: ProgressReport
    version: ReportVersion | None = None
    sign_off_refused: bool = False


def report_save(
    *,
    report: ProgressReport,
    user: User,
    base_revision: int,
    values: dict[str, dict[str, Any]],
    texts: dict[str, Any],
    sign_off: bool = False,
    idempotency_key: str = "",
) -> Saved:
    """The report page's save: open the draft if ``report`` is not stored yet, save the draft (``texts``: the
    keyword arguments of ``report_save_draft`` for the narrative, problems, next steps and ``narrative_internal``)
    and, with ``sign_off``, sign it off — all in one transaction, whose audit events are chained at its end (the
    busiest write of the month-end rush, ``audit.services.events_at_end``). A sign-off already made with
    ``idempotency_key`` (the same click again) changes nothing. A draft opened in this transaction cannot be stale:
    whatever form the user sent was not loaded from it. Raises as ``report_save_draft`` and ``report_submit``."""
    if sign_off and idempotency_key and report.pk:
        done = report.versions.filter(idempotency_key=idempotency_key).first()
        if done is not None:
            return Saved(done.report, done)
    with transaction.atomic(), events_at_end():
        if report.pk is None:
            report = report_open(task=report.task, period=report.period, user=user)
            if report.draft_saved_at is None:
                base_revision = report.draft_revision
        report = report_save_draft(report=report, user=user, base_revision=base_revision, values=values, **texts)
        if sign_off and not permissions.can_submit(user, report):
            return Saved(report, sign_off_refused=True)
        if not sign_off:
            return Saved(report)
        key = idempotency_key or uuid.uuid4().hex
        version = report_submit(report=report, user=user, idempotency_key=key, base_revision=report.draft_revision)
    return Saved(version.report, version)  # the report as the sign-off left it (submitted)


@transaction.atomic
def evidence_add(*, report: ProgressReport, user: User, content: bytes, file_name: str) -> Evidence:
    """Attach a file to the report's draft. Raises ``PermissionDenied`` or ``EvidenceRejected``."""
    deny_unless(permissions.can_edit_draft(user, report), _("无权为该报告上传佐证材料。"))
    checked = check_evidence(content, file_name, settings.DUKAO_EVIDENCE_MAX_BYTES, settings.DUKAO_ARCHIVE_MAX_BYTES)
    evidence = Evidence(
        report=report,
        original_name=file_name[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=user,
    )
    evidence.file.save(file_name, ContentFile(content), save=False)
    evidence.save()
    event_record(actor=user, action="evidence.add", obj=evidence, summary=f"{report}：{file_name}（{checked.sha256}）")
    return evidence


@transaction.atomic
def evidence_withdraw(*, evidence: Evidence, user: User) -> None:
    """Take a file off the draft. It is kept (versions that carry it still show it); nothing is deleted."""
    deny_unless(permissions.can_edit_draft(user, evidence.report), _("无权移除该佐证材料。"))
    evidence.withdrawn = True
    evidence.save(update_fields=["withdrawn"])
    event_record(actor=user, action="evidence.withdraw", obj=evidence, summary=evidence.original_name)


@transaction.atomic
def contribution_add(*, task: Task, period: date, user: User, text: str) -> Contribution:
    """A cooperating unit notes its contribution to the task in the period."""
    deny_unless(permissions.can_contribute(user, task), _("只有配合单位可以填写配合情况。"))
    if not text.strip():
        raise ValueError(_("请填写配合工作情况。"))
    contribution = Contribution.objects.create(task=task, period=period, unit=user.unit, text=text, created_by=user)
    event_record(actor=user, action="contribution.add", obj=contribution, summary=f"{task}：{user.unit}")
    return contribution


# ----- coordination requests -------------------------------------------------------------------------------


@transaction.atomic
def request_raise(
    *, task: Task, user: User, subject: str, needed: str, needed_from: str = "", due: date | None = None
) -> CoordinationRequest:
    """A lead unit raises a matter that needs coordination or a decision by the district government."""
    deny_unless(permissions.can_report_on(user, task), _("只有牵头单位可以提出协调事项。"))
    request = CoordinationRequest.objects.create(
        task=task,
        raised_by_unit=user.unit,
        raised_by=user,
        subject=subject,
        needed=needed,
        needed_from=needed_from,
        due=due,
    )
    RequestStep.objects.create(
        request=request, action=RequestAction.RAISE, note=needed, actor=user, actor_unit=user.unit
    )
    event_record(actor=user, action="request.raise", obj=request, summary=subject)
    return request


def _request_step(
    request: CoordinationRequest, user: User, allowed_from: set[str], action: str, note: str = "", **changes: Any
) -> CoordinationRequest:
    """Move the request on (``changes``) and add the step to its history, in the caller's transaction."""
    request = CoordinationRequest.objects.select_for_update().get(pk=request.pk)
    if request.state not in allowed_from:
        raise WorkflowError(_("该协调事项当前为“%(state)s”，不能执行此操作。") % {"state": request.get_state_display()})
    before = {"state": request.state}
    for name, value in changes.items():
        setattr(request, name, value)
    request.save()
    RequestStep.objects.create(
        request=request,
        action=action,
        note=note,
        unit=changes.get("assigned_to"),
        actor=user,
        actor_unit=user.unit,
    )
    event_record(
        actor=user,
        action=f"request.{action}",
        obj=request,
        summary=f"{request.subject}：{note[:150]}" if note else request.subject,
        before=before,
        after={"state": request.state, **({"assigned_to": str(request.assigned_to)} if request.assigned_to else {})},
    )
    return request


@transaction.atomic
def request_assign(
    *, request: CoordinationRequest, user: User, unit: Any, instruction: str = ""
) -> CoordinationRequest:
    """区政府办公室 assigns the request to a unit that will handle it, with its instruction (交办意见), which the
    history keeps. Assigning again (to another unit) is a new step; the earlier one stays."""
    deny_unless(permissions.can_handle_requests(user), _("只有区政府办公室可以交办协调事项。"))
    return _request_step(
        request,
        user,
        {RequestState.OPEN, RequestState.ASSIGNED},
        RequestAction.ASSIGN,
        instruction.strip(),
        state=RequestState.ASSIGNED,
        assigned_to=unit,
    )


@transaction.atomic
def request_answer(*, request: CoordinationRequest, user: User, answer: str) -> CoordinationRequest:
    """The answer: by 区政府办公室, or by the unit it was assigned to (its reporter or head)."""
    deny_unless(permissions.can_answer_request(user, request), _("只有区政府办公室或承办单位可以答复该协调事项。"))
    if not answer.strip():
        raise ValueError(_("请填写答复内容。"))
    return _request_step(
        request,
        user,
        {RequestState.OPEN, RequestState.ASSIGNED},
        RequestAction.ANSWER,
        answer.strip(),
        state=RequestState.ANSWERED,
        answer=answer.strip(),
        answered_at=timezone.now(),
    )


@transaction.atomic
def request_close(*, request: CoordinationRequest, user: User) -> CoordinationRequest:
    """区政府办公室 closes an answered request (办结)."""
    deny_unless(permissions.can_handle_requests(user), _("只有区政府办公室可以办结协调事项。"))
    return _request_step(
        request, user, {RequestState.ANSWERED}, RequestAction.CLOSE, state=RequestState.CLOSED, closed_at=timezone.now()
    )
