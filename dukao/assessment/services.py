"""Writes on assessments: run, recompute, open appeals, appeal, decide, adjust, finalise. Each is one
transaction that checks the rule in ``assessment.permissions``, changes state and appends an audit event."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dukao.accounts.models import Role, User
from dukao.assessment import facts, permissions, records, scoring, year_report
from dukao.assessment.models import (
    Adjustment,
    AdjustmentKind,
    Appeal,
    AppealState,
    Assessment,
    AssessmentState,
    PerformanceRecord,
    TaskScore,
    UnitScore,
    YearReport,
)
from dukao.audit.services import event_record
from dukao.lib.numbers import number_text
from dukao.lib.periods import months_through, period_of
from dukao.lib.permissions import deny_unless
from dukao.lib.ranking import competition_ranks
from dukao.plans.models import Plan, Task, TaskUnit, UnitRole
from dukao.progress.evidence import check_evidence
from dukao.supervision import issuing
from dukao.supervision.models import TemplatePurpose
from dukao.supervision.rules import STATUS_LABELS, Status
from dukao.supervision.selectors import bulletin_template, statuses_as_of, type_label
from dukao.supervision.snapshot import template_fields
from dukao.units.models import Cadre, Unit


class AssessmentError(Exception):
    """A step the assessment's state does not allow, or an input it cannot take (message in Chinese)."""


def rules_current() -> scoring.Rules:
    """The defaults of ``scoring.Rules`` overridden by the ``DUKAO_ASSESSMENT_RULES`` setting (a dict)."""
    return scoring.Rules.from_dict(settings.DUKAO_ASSESSMENT_RULES)


def _lock(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


def _require_open(assessment: Assessment) -> None:
    if assessment.state == AssessmentState.FINAL:
        raise AssessmentError(_("考核已定稿，不能再修改。"))


@transaction.atomic
def assessment_run(*, year: int, user: User, period: date | None = None, title: str = "") -> Assessment:
    """Start a draft assessment of ``year``'s plans as of ``period`` (default December) and compute it. A year has
    one assessment: a second run is refused while one is in progress (recompute that one) and after it is final
    (its snapshot and the cadres' records are never replaced); the database holds the rule too (one row per year),
    so of two runs at the same moment one wins and the other is refused in Chinese. Raises ``PermissionDenied``, or
    ``AssessmentError`` when the year has no plans or already has an assessment."""
    deny_unless(permissions.can_run(user), _("只有区政府办公室可以发起年度考核。"))
    if not Plan.objects.filter(year=year).exists():
        raise AssessmentError(_("%(year)s年没有已导入的目标任务分解表。") % {"year": year})
    period = period_of(period) if period else date(year, 12, 1)
    if period.year != year:
        raise AssessmentError(
            _("截至报告期%(period)s不在考核年度%(year)s年内。") % {"period": period.strftime("%Y年%m月"), "year": year}
        )
    existing = Assessment.objects.select_for_update().filter(year=year).order_by("-created_at").first()
    if existing is not None and existing.is_final:
        raise AssessmentError(
            _("%(year)s年度的考核已定稿（%(title)s），不能再发起；定稿结果与实绩记录不可替换。")
            % {"year": year, "title": existing.title}
        )
    if existing is not None:
        raise AssessmentError(
            _("%(year)s年度已有进行中的考核（编号%(pk)s），请在该考核上重新计算。") % {"year": year, "pk": existing.pk}
        )
    try:
        with transaction.atomic():  # a savepoint: the constraint refuses a run that raced this one
            assessment = Assessment.objects.create(
                year=year,
                period=period,
                title=title or f"{year}年度目标任务考核",
                rules=rules_current().as_dict(),
                created_by=user,
            )
    except IntegrityError as exc:
        raise AssessmentError(
            _("%(year)s年度的考核刚由他人发起，每年只有一次考核，请打开该考核继续。") % {"year": year}
        ) from exc
    _compute(assessment)
    event_record(
        actor=user, action="assessment.run", obj=assessment, summary=f"{assessment.title}（截至{period:%Y-%m}）"
    )
    return assessment


@transaction.atomic
def assessment_recompute(*, assessment: Assessment, user: User) -> Assessment:
    """Score again from the current data (reports verified since, cases opened since); adjustments are kept and
    re-applied. Raises ``PermissionDenied`` or ``AssessmentError`` (final)."""
    deny_unless(permissions.can_run(user), _("只有区政府办公室可以重新计算考核。"))
    assessment = _lock(assessment)
    _require_open(assessment)
    _compute(assessment)
    event_record(actor=user, action="assessment.recompute", obj=assessment, summary=assessment.title)
    return assessment


#: The longest appeal window the office may set: units answer within weeks, and finalising waits for it.
APPEAL_WINDOW_MAX = timedelta(days=60)


@transaction.atomic
def assessment_open_appeals(*, assessment: Assessment, user: User, deadline: date) -> Assessment:
    """Publish the draft scores to the units and open the appeal window until ``deadline`` (inclusive, at most
    ``APPEAL_WINDOW_MAX`` ahead); called again while the window is open, it moves the deadline."""
    deny_unless(permissions.can_run(user), _("只有区政府办公室可以公布考核结果。"))
    assessment = _lock(assessment)
    _require_open(assessment)
    today = timezone.localdate()
    if not today <= deadline <= today + APPEAL_WINDOW_MAX:
        raise AssessmentError(
            _("申诉截止日期须在今天到%(last_day)s之间。")
            % {"last_day": (today + APPEAL_WINDOW_MAX).strftime("%Y年%m月%d日")}
        )
    before = {"state": assessment.state, "appeal_deadline": str(assessment.appeal_deadline or "")}
    assessment.state, assessment.appeal_deadline = AssessmentState.APPEALS, deadline
    assessment.save(update_fields=["state", "appeal_deadline", "updated_at"])
    after = {"state": assessment.state, "appeal_deadline": str(deadline)}
    event_record(
        actor=user,
        action="assessment.open_appeals",
        obj=assessment,
        summary=f"申诉截止{deadline:%Y-%m-%d}",
        before=before,
        after=after,
    )
    return assessment


@transaction.atomic
def appeal_submit(
    *,
    assessment: Assessment,
    user: User,
    reason: str,
    task: Task | None = None,
    content: bytes | None = None,
    file_name: str = "",
) -> Appeal:
    """A unit head appeals the unit's draft score (on ``task`` or on the whole), with an optional evidence file.
    Raises ``PermissionDenied`` (window closed, not a unit head), ``AssessmentError`` (no reason, a task the unit
    has no score on) or ``EvidenceRejected``."""
    assessment = _lock(assessment)
    deny_unless(user.role == Role.UNIT_HEAD and user.unit_id is not None, _("申诉须由单位负责人提出。"))
    deny_unless(permissions.can_appeal(user, assessment, timezone.localdate()), _("当前不在申诉期内，不能提出申诉。"))
    if not reason.strip():
        raise AssessmentError(_("请填写申诉理由。"))
    if not UnitScore.objects.filter(assessment=assessment, unit_id=user.unit_id).exists():
        raise AssessmentError(_("本单位没有参加本次考核的任务。"))
    if task is not None and not TaskScore.objects.filter(assessment=assessment, task=task).exists():
        raise AssessmentError(_("该任务不在本次考核范围内。"))
    pending = assessment.appeals.filter(unit_id=user.unit_id, task=task, state=AppealState.PENDING)
    if pending.filter(reason=reason.strip()).exists():
        raise AssessmentError(_("同样的申诉已经提交，正在等待处理。"))
    appeal = Appeal(assessment=assessment, unit_id=user.unit_id, task=task, reason=reason.strip(), submitted_by=user)
    if content is not None:
        checked = check_evidence(
            content, file_name, settings.DUKAO_EVIDENCE_MAX_BYTES, settings.DUKAO_ARCHIVE_MAX_BYTES
        )
        appeal.original_name, appeal.content_type, appeal.sha256 = file_name[:255], checked.content_type, checked.sha256
        appeal.file.save(file_name, ContentFile(content), save=False)
    appeal.save()
    event_record(actor=user, action="appeal.submit", obj=appeal, summary=f"{appeal.unit}：{appeal.reason[:100]}")
    return appeal


@dataclass(frozen=True)
class AdjustmentInput:
    """What a reviewer changes: ``kind`` (``AdjustmentKind``), on ``task`` (objective cause, completion) or on
    the unit (points); ``value`` is the corrected completion as a ratio (0–5; the forms take %, 0–500) or the points
    (a unit's points together within ±``POINTS_LIMIT``)."""

    kind: str
    reason: str
    task: Task | None = None
    value: Decimal | None = None


#: The most a unit's score may be moved by 加减分 in one assessment, all entries together (points).
POINTS_LIMIT = Decimal(20)


def _validate(assessment: Assessment, unit: Unit, change: AdjustmentInput) -> None:
    if not change.reason.strip():
        raise AssessmentError(_("每项调整都须写明理由。"))
    if change.kind not in AdjustmentKind.values:
        raise AssessmentError(_("未知的调整方式。"))
    if change.kind == AdjustmentKind.POINTS:
        if change.task is not None:
            raise AssessmentError(_("加减分针对单位总分，请不要选择任务。"))
        values = assessment.adjustments.filter(kind=AdjustmentKind.POINTS, unit=unit).values_list("value", flat=True)
        given = sum(values, Decimal(0))
        if not change.value or abs(given + change.value) > POINTS_LIMIT:
            done = number_text(given)
            raise AssessmentError(
                _("加减分须为非零数，且同一单位累计不超过±%(limit)s分（已调整%(done)s分）。")
                % {"limit": POINTS_LIMIT, "done": done}
            )
        return
    if change.task is None or not TaskScore.objects.filter(assessment=assessment, task=change.task).exists():
        raise AssessmentError(_("请选择本次考核范围内的任务。"))
    if change.kind == AdjustmentKind.COMPLETION and (change.value is None or not 0 <= change.value <= 5):
        raise AssessmentError(_("更正后的完成率须在 0% 到 500% 之间（按百分数填写，如 95）。"))


def _adjust(
    assessment: Assessment, user: User, unit: Unit, change: AdjustmentInput, appeal: Appeal | None
) -> Adjustment:
    _validate(assessment, unit, change)
    adjustment = Adjustment.objects.create(
        assessment=assessment,
        appeal=appeal,
        kind=change.kind,
        unit=unit,
        task=change.task if change.kind != AdjustmentKind.POINTS else None,
        value=change.value if change.kind != AdjustmentKind.OBJECTIVE_CAUSE else None,
        reason=change.reason.strip(),
        made_by=user,
    )
    event_record(
        actor=user,
        action="assessment.adjust",
        obj=adjustment,
        summary=f"{unit}：{adjustment.get_kind_display()} {change.value if change.value is not None else ''}".strip(),
        after={"kind": change.kind, "task": change.task.pk if change.task else None, "value": str(change.value)},
    )
    return adjustment


@transaction.atomic
def adjustment_add(*, assessment: Assessment, user: User, unit: Unit, change: AdjustmentInput) -> Adjustment:
    """An adjustment on the office's own motion (no appeal), then the scores are recomputed."""
    deny_unless(permissions.can_run(user), _("只有区政府办公室可以调整考核得分。"))
    assessment = _lock(assessment)
    _require_open(assessment)
    adjustment = _adjust(assessment, user, unit, change, None)
    _compute(assessment)
    return adjustment


@transaction.atomic
def appeal_decide(
    *, appeal: Appeal, user: User, accept: bool, decision: str, change: AdjustmentInput | None = None
) -> Appeal:
    """Accept (with the adjustment it leads to, if any) or reject an appeal, with the reasons in ``decision``;
    the scores are recomputed and the appeal keeps the unit's total before and after and, in words, what changed
    or why nothing did (``scoring.appeal_effect``). Raises ``PermissionDenied`` or ``AssessmentError`` (decided
    already, no reason)."""
    deny_unless(permissions.can_run(user), _("只有区政府办公室可以处理申诉。"))
    assessment = _lock(appeal.assessment)
    _require_open(assessment)
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.state != AppealState.PENDING:
        raise AssessmentError(_("该申诉已处理。"))
    if not decision.strip():
        raise AssessmentError(_("请填写处理意见。"))
    if not accept and change is not None:
        raise AssessmentError(_("不予采纳的申诉不能附带调整。"))
    task_id = change.task.pk if change is not None and change.task is not None else appeal.task_id
    before = _scores_of(assessment, appeal.unit_id, task_id)
    if accept and change is not None:
        _adjust(assessment, user, appeal.unit, change, appeal)
    appeal.state = AppealState.ACCEPTED if accept else AppealState.REJECTED
    appeal.decision, appeal.decided_by, appeal.decided_at = decision.strip(), user, timezone.now()
    _compute(assessment)
    after = _scores_of(assessment, appeal.unit_id, task_id)
    decided = scoring.Decided(
        accepted=accept,
        kind=change.kind if accept and change is not None else "",
        unit_before=before[0],
        unit_after=after[0],
        task_before=before[1],
        task_after=after[1],
        completion=after[2],
    )
    appeal.score_before, appeal.score_after = before[0], after[0]
    appeal.effect = scoring.appeal_effect(decided, scoring.Rules.from_dict(assessment.rules))
    appeal.save(
        update_fields=["state", "decision", "decided_by", "decided_at", "score_before", "score_after", "effect"]
    )
    event_record(
        actor=user,
        action="appeal.decide",
        obj=appeal,
        summary=f"{appeal.get_state_display()}：{decision[:100]}",
        before={"score": str(before[0])},
        after={"score": str(after[0]), "effect": appeal.effect},
    )
    return appeal


def _scores_of(
    assessment: Assessment, unit_id: int, task_id: int | None
) -> tuple[Decimal, scoring.Marks | None, Decimal | None]:
    """The unit's total, and the task's (base earned, bonus, deductions) and completion, as computed now."""
    total = assessment.unit_scores.get(unit_id=unit_id).score
    row = assessment.task_scores.filter(task_id=task_id).first() if task_id else None
    if row is None:
        return total, None, None
    return total, (row.base_earned, row.bonus, row.deductions), row.completion


@transaction.atomic
def assessment_finalise(*, assessment: Assessment, user: User) -> Assessment:
    """Recompute one last time, freeze the scores into a snapshot with its SHA-256, mark the assessment final and
    freeze every cadre's performance record of the year; nothing of it changes afterwards. Possible as soon as
    every appeal is decided — the day the last one is, even before the appeal deadline (the window closes then,
    and the audit event says so). Raises ``AssessmentError`` while an appeal is pending."""
    deny_unless(permissions.can_run(user), _("只有区政府办公室可以定稿考核结果。"))
    assessment = _lock(assessment)
    _require_open(assessment)
    if assessment.appeals.filter(state=AppealState.PENDING).exists():
        raise AssessmentError(_("尚有未处理的申诉，不能定稿。"))
    closed_early = assessment.appeal_deadline is not None and timezone.localdate() <= assessment.appeal_deadline
    _compute(assessment)
    assessment.snapshot = snapshot(assessment)
    assessment.snapshot_sha256 = snapshot_digest(assessment.snapshot)
    assessment.state, assessment.finalised_by, assessment.finalised_at = AssessmentState.FINAL, user, timezone.now()
    assessment.save()
    _records_freeze(assessment)
    event_record(
        actor=user,
        action="assessment.finalise",
        obj=assessment,
        summary=f"快照 SHA-256 {assessment.snapshot_sha256}"
        + (f"；申诉期原定至{assessment.appeal_deadline:%Y-%m-%d}，申诉均已处理，提前结束" if closed_early else ""),
    )
    return assessment


def _records_freeze(assessment: Assessment) -> None:
    """Freeze the performance record of every cadre in office during the year (seed notice: results go into
    the 领导干部实绩记录研判系统)."""
    cadres = list(Cadre.objects.filter(records.in_office_during(assessment.year)).select_related("unit"))
    PerformanceRecord.objects.bulk_create(
        PerformanceRecord(
            cadre_id=cadre_id,
            year=assessment.year,
            assessment=assessment,
            summary=summary,
            sha256=snapshot_digest(summary),
        )
        for cadre_id, summary in records.records(cadres, assessment.year, assessment).items()
    )


def snapshot_digest(data: dict) -> str:
    """SHA-256 of the snapshot's canonical JSON (sorted keys, UTF-8)."""
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def snapshot(assessment: Assessment) -> dict:
    """The frozen content of an assessment: rules, every unit's and task's score with its explanation, every
    appeal and adjustment. Decimals as strings."""
    units = assessment.unit_scores.select_related("unit")
    tasks = assessment.task_scores.select_related("task__plan").order_by("task__plan_id", "task__position")
    return {
        "year": assessment.year,
        "title": assessment.title,
        "period": f"{assessment.period:%Y-%m}",
        "rules": assessment.rules,
        "units": [
            {
                "unit": s.unit.name,
                "kind": s.unit.kind,
                "led": s.led,
                "cooperating": s.cooperating,
                "base_percent": str(s.base_percent),
                "bonus": str(s.bonus),
                "deductions": str(s.deductions),
                "adjustment": str(s.adjustment),
                "score": "" if s.score is None else str(s.score),
                "rank": s.rank,
                "rank_in_kind": s.rank_in_kind,
                "explanation": s.explanation,
            }
            for s in units
        ],
        "tasks": [
            {
                "plan": s.task.plan.title,
                "seq": s.task.seq,
                "name": s.task.name,
                "target_type": s.task.target_type,
                "completion": str(s.completion),
                "base_earned": str(s.base_earned),
                "base_possible": str(s.base_possible),
                "bonus": str(s.bonus),
                "deductions": str(s.deductions),
                "objective_cause": s.objective_cause,
                "explanation": s.explanation,
            }
            for s in tasks
        ],
        "appeals": [
            {"unit": a.unit.name, "reason": a.reason, "state": a.state, "decision": a.decision}
            for a in assessment.appeals.select_related("unit")
        ],
        "adjustments": [
            {
                "unit": a.unit.name,
                "kind": a.kind,
                "task": a.task.seq if a.task else "",
                "value": str(a.value) if a.value is not None else "",
                "reason": a.reason,
                "by": a.made_by.get_username(),
                "at": a.made_at.isoformat(),
            }
            for a in assessment.adjustments.select_related("unit", "task", "made_by")
        ],
    }


# ----- computing ---------------------------------------------------------------------------------------------


def _task_results(assessment: Assessment, tasks: list[Task]) -> dict[int, scoring.TaskResult]:
    measured = facts.measured(tasks, assessment.period)
    punctuality = facts.report_punctuality(
        tasks, months_through(assessment.period), settings.DUKAO_REPORTING_DAY, timezone.localdate()
    )
    cases = facts.case_counts(tasks)
    adjustments = list(assessment.adjustments.exclude(kind=AdjustmentKind.POINTS).order_by("made_at", "pk"))
    accepted = {a.task_id for a in adjustments if a.kind == AdjustmentKind.OBJECTIVE_CAUSE}
    corrected = {a.task_id: a.value for a in adjustments if a.kind == AdjustmentKind.COMPLETION}  # latest wins
    results = {}
    for task in tasks:
        late, missing = punctuality[task.pk]
        results[task.pk] = scoring.TaskResult(
            seq=task.seq,
            target_type=task.target_type,
            completion=corrected.get(task.pk, scoring.task_completion(measured[task.pk])),
            stretch_met=scoring.stretch_met(measured[task.pk]),
            cases=cases.get(task.pk, 0),
            late_reports=late,
            missing_reports=missing,
            objective_cause=task.pk in accepted,
        )
    return results


def _rank(scores: list[UnitScore], ranked: set[int]) -> None:
    """Competition ranks (1, 2, 2, 4) by score, overall and within each unit kind, of the units in ``ranked``
    (those that lead a task); the others keep no rank."""

    def ranks(group: list[UnitScore]) -> list[int | None]:
        return competition_ranks([s.score if s.unit_id in ranked else None for s in group])

    for s, rank in zip(scores, ranks(scores), strict=True):
        s.rank = rank
    for kind in {s.unit.kind for s in scores}:
        peers = [s for s in scores if s.unit.kind == kind]
        for s, rank in zip(peers, ranks(peers), strict=True):
            s.rank_in_kind = rank


def _compute(assessment: Assessment) -> None:
    """Replace the assessment's task and unit scores by a fresh computation (adjustments re-applied)."""
    rules = scoring.Rules.from_dict(assessment.rules)
    tasks = facts.year_tasks(assessment.year)
    results = _task_results(assessment, tasks)
    notes = facts.late_answers(tasks, settings.DUKAO_ASSESSMENT_ANSWER_DAYS, timezone.localdate())
    scored = {task.pk: scoring.score_task(results[task.pk], rules) for task in tasks}
    for a in assessment.adjustments.exclude(kind=AdjustmentKind.POINTS).order_by("made_at", "pk"):
        scored[a.task_id].explanation.append(f"{a.get_kind_display()}（{a.value_display}）：{a.reason}")
    assessment.task_scores.all().delete()
    assessment.unit_scores.all().delete()
    TaskScore.objects.bulk_create(
        TaskScore(
            assessment=assessment,
            task=task,
            completion=results[task.pk].completion.quantize(Decimal("0.0001")),
            stretch_met=results[task.pk].stretch_met,
            cases=results[task.pk].cases,
            late_reports=results[task.pk].late_reports,
            missing_reports=results[task.pk].missing_reports,
            objective_cause_note=notes.get(task.pk, ""),
            objective_cause=results[task.pk].objective_cause,
            base_earned=scored[task.pk].base_earned,
            base_possible=scored[task.pk].base_possible,
            bonus=scored[task.pk].bonus,
            deductions=scored[task.pk].deductions,
            explanation=scored[task.pk].explanation,
        )
        for task in tasks
    )
    points: dict[int, list[Adjustment]] = {}
    for a in assessment.adjustments.filter(kind=AdjustmentKind.POINTS).order_by("made_at", "pk"):
        points.setdefault(a.unit_id, []).append(a)
    units = {u.pk: u for u in Unit.objects.all()}
    urged = facts.urges_received(assessment.year)
    rows, ranked = [], set()
    unverified, names = facts.parts_unverified(tasks, assessment.period), {t.pk: t.name for t in tasks}
    for unit_id, roles in facts.unit_tasks(tasks).items():
        uncredited = [t for t in sorted(roles[UnitRole.LEAD]) if unit_id in unverified.get(t, ())]
        led = [scoring.uncredited(scored[t]) if t in uncredited else scored[t] for t in sorted(roles[UnitRole.LEAD])]
        cooperating = [scored[t] for t in sorted(roles[UnitRole.COOPERATING])]
        own = points.get(unit_id, [])
        adjustment = sum((a.value for a in own), Decimal(0))
        unit_score = scoring.score_unit(led, cooperating, rules, adjustment, urged.get(unit_id, 0))
        if unit_score.ranked:
            ranked.add(unit_id)
        lines = unit_score.explanation + [f"“{names[t]}”本单位承担的部分未报送核定，不计得分" for t in uncredited]
        lines += [f"调整{a.value.normalize():+f}分：{a.reason}" for a in own]
        rows.append(
            UnitScore(
                assessment=assessment,
                unit=units[unit_id],
                led=len(led),
                cooperating=len(cooperating),
                base_percent=unit_score.base_percent,
                bonus=unit_score.bonus,
                deductions=unit_score.deductions,
                adjustment=unit_score.adjustment,
                score=unit_score.score,
                explanation=lines,
            )
        )
    _rank(rows, ranked)
    UnitScore.objects.bulk_create(rows)
    assessment.computed_at = timezone.now()
    assessment.save(update_fields=["computed_at", "updated_at"])


# ----- the year-end report ----------------------------------------------------------------------------------


@transaction.atomic
def year_report_issue(*, assessment: Assessment, user: User) -> YearReport:
    """区政府办公室 issues the year-end report (年度目标任务完成情况报告) of a final assessment to 区委办公室: the
    report template's 版头 and 版记, the next document number of the year, the counts by target type and by year-end
    status, the ranked units and the tasks not completed with their reasons (``year_report``). The snapshot and
    the .docx and PDF are kept as issued and never change; one report per assessment. Audited with the files'
    SHA-256. Raises ``PermissionDenied`` or ``AssessmentError`` (not final; already issued)."""
    deny_unless(permissions.can_run(user), _("只有区政府办公室可以印发年度完成情况报告。"))
    assessment = _lock(assessment)
    if not assessment.is_final:
        raise AssessmentError(_("考核定稿后才能印发年度完成情况报告。"))
    if YearReport.objects.filter(assessment=assessment).exists():
        raise AssessmentError(_("该考核的年度完成情况报告已经印发。"))
    issued_on = timezone.localdate()
    template = bulletin_template(TemplatePurpose.REPORT)
    with translation.override(settings.LANGUAGE_CODE):
        snapshot = year_report.report_snapshot(
            year=assessment.year,
            assessment=assessment.title,
            tasks=_report_tasks(assessment),
            units=[
                year_report.UnitRow(s.rank, s.unit.name, s.led, str(s.score))
                for s in assessment.unit_scores.filter(rank__isnull=False).select_related("unit")
            ],
            template=template_fields(template),
            number="",
            issued_on=issued_on,
        )
    return issuing.document_issue(
        YearReport(assessment=assessment),
        template=template,
        issued_on=issued_on,
        snapshot=snapshot,
        user=user,
        action="assessment.report_issue",
        about=assessment,
        parts=year_report.report_parts,
    )


def _report_tasks(assessment: Assessment) -> list[year_report.TaskRow]:
    """The assessed tasks in document order with their lead units and, where computed, the status and reason of
    the assessment's last period."""
    scores = (
        assessment.task_scores.select_related("task__plan")
        .prefetch_related(Prefetch("task__unit_links", TaskUnit.objects.select_related("unit", "group")))
        .order_by("task__plan_id", "task__position")
    )
    counted = statuses_as_of(assessment.finalised_at)  # the versions in force when it was finalised
    statuses = {s.task_id: s for s in counted.filter(period=assessment.period, task__scores__assessment=assessment)}
    rows = []
    for score in scores:
        status = statuses.get(score.task_id)
        rows.append(
            year_report.TaskRow(
                plan=score.task.plan.title,
                seq=score.task.seq,
                name=score.task.name,
                type_label=type_label(score.task.target_type),
                lead_units="、".join(link.name for link in score.task.lead_links),
                completion=score.completion,
                status=STATUS_LABELS[Status(status.status)] if status else "",
                reason=status.reason if status else "；".join(score.explanation),
                objective_cause=score.objective_cause,
            )
        )
    return rows


def year_report_render(report: YearReport, fmt: str) -> bytes:
    """An issued year-end report as ``docx`` or ``pdf`` (the kept files) or ``html`` (from its frozen snapshot)."""
    return issuing.document_render(report, fmt, year_report.report_parts)
