"""What the public may read (no login): plans whose notice says they may be published ("此件可公开发布"),
their tasks and lead units, each task's status per period (name and reason only), and the public summary of
bulletins 区政府办公室 published, each task's latest verified values (never a reported value not yet verified), and
the 进展情况 of verified reports their units did not mark internal. Nothing internal —
narratives marked internal, problems and next steps, evidence, reviews, cases, scores — is ever selected here."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Max, Q, QuerySet

from dukao.plans.models import Indicator, IndicatorKind, Plan, Task, TaskUnit, UnitRole
from dukao.progress.models import ReportCorrection, ReportState, ReportVersion
from dukao.supervision.facts import verified_reviews
from dukao.supervision.models import Bulletin, BulletinState, TaskStatus


def public_plans() -> QuerySet[Plan]:
    """Plans marked publishable by their notice."""
    return Plan.objects.filter(disclosure__contains="公开发布").exclude(disclosure__contains="不")


def public_tasks(plan: Plan, text: str = "", unit: str = "") -> QuerySet[Task]:
    """The plan's tasks with their units, filtered by free text and by a unit's name."""
    tasks = (
        Task.objects.filter(plan=plan).select_related("plan").prefetch_related("unit_links__unit", "unit_links__group")
    )
    if text:
        tasks = tasks.filter(Q(name__icontains=text) | Q(requirement__icontains=text))
    if unit:
        named = TaskUnit.objects.filter(role=UnitRole.LEAD).filter(
            Q(unit__name__icontains=unit) | Q(group__members__name__icontains=unit)
        )
        tasks = tasks.filter(pk__in=named.values("task_id"))
    return tasks.order_by("position")


def public_periods(plan: Plan) -> list[date]:
    """Periods for which statuses of the plan's tasks exist, newest first."""
    return list(
        TaskStatus.objects.filter(task__plan=plan).values_list("period", flat=True).distinct().order_by("-period")
    )


def public_statuses(plan: Plan, period: date | None) -> dict[int, TaskStatus]:
    """``{task id: status}`` of the plan's tasks in ``period`` (default the latest with statuses)."""
    if period is None:
        period = TaskStatus.objects.filter(task__plan=plan).aggregate(latest=Max("period"))["latest"]
    rows = TaskStatus.objects.filter(task__plan=plan, period=period).only("task_id", "status", "reason", "period")
    return {row.task_id: row for row in rows}


@dataclass(frozen=True)
class PublicValue:
    """An indicator's latest verified result as the portal shows it: the indicator's words, the verified value in
    its unit (None for a milestone), and for a milestone whether it was verified done."""

    text: str
    value: Decimal | None
    unit: str
    done: bool


def public_verified(plan: Plan, period: date | None) -> dict[int, list[PublicValue]]:
    """``{task id: [PublicValue]}``: each indicator's latest verified value for a report of ``period`` or earlier
    (default: the plan's year), from 核定 decisions only — a value reported but not (yet) verified, or returned, is
    never read. Indicators without a verified value are left out."""
    tasks = Task.objects.filter(plan=plan)
    verified = verified_reviews(tasks, period or date(plan.year, 12, 1))
    shown: dict[int, list[PublicValue]] = {}
    indicators = Indicator.objects.filter(pk__in=verified).order_by("task_id", "position")
    for pk, task_id, kind, text, subject, unit in indicators.values_list(
        "pk", "task_id", "kind", "text", "subject", "unit"
    ):
        found = verified[pk]
        if kind == IndicatorKind.MILESTONE and not found.verified_done:
            continue
        value = None if kind == IndicatorKind.MILESTONE else found.verified_value
        if value is not None or found.verified_done:
            shown.setdefault(task_id, []).append(PublicValue(text or subject, value, unit, found.verified_done))
    return shown


def public_narratives(plan: Plan, period: date | None) -> dict[int, str]:
    """``{task id: 进展情况}`` of the period's verified reports, from their latest verified version (a report being
    corrected, 更正, shows the version it corrects until the new one is verified), unless the unit marked that
    version's narrative internal."""
    if period is None:
        return {}
    corrected = ReportCorrection.objects.filter(verified_at__isnull=True).values("corrects_id")
    verified = Q(report__state=ReportState.VERIFIED) | Q(pk__in=corrected)
    versions = (
        ReportVersion.objects.filter(verified, report__task__plan=plan, report__period=period)
        .order_by("report__task_id", "report_id", "number")
        .values_list("report__task_id", "narrative", "narrative_internal")
    )
    latest = {task_id: (text, internal) for task_id, text, internal in versions}  # later versions win
    return {task_id: text for task_id, (text, internal) in latest.items() if not internal}


def public_bulletins() -> QuerySet[Bulletin]:
    """Issued bulletins that 区政府办公室 published on the portal, newest first."""
    return (
        Bulletin.objects.filter(state=BulletinState.ISSUED, published_at__isnull=False)
        .defer("docx_file", "pdf_file")
        .order_by("-period", "-issued_at")
    )
