"""Performance records of leading cadres (领导干部实绩记录, seed notice: results entered into the 领导干部实绩记录研判
系统): what the units a cadre answers for delivered in a year — their tasks with the status of every month, the
supervision cases, the year-end scores — and the comparisons of the 研判 page.

A cadre answers for their own unit (主要负责人) and the units they oversee (分管领导), and for the tasks that name
them as 责任领导. Their score is the mean of those units' assessment scores. Every record is computed for many
cadres at once in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from dukao.assessment import facts
from dukao.assessment.models import Assessment, AssessmentState, PerformanceRecord, TaskScore, UnitScore
from dukao.lib.ranking import competition_ranks
from dukao.plans.models import Plan, Task, UnitRole
from dukao.supervision.models import SupervisionCase
from dukao.supervision.rules import LAGGING, STATUS_LABELS, Status
from dukao.supervision.selectors import statuses_as_of
from dukao.units.models import Cadre, CadreRole, Unit


@dataclass(frozen=True)
class Context:
    """What every record of a year reads, loaded once: tasks, who leads what, statuses, cases, scores."""

    year: int
    assessment: Assessment | None
    tasks: dict[int, Task]
    unit_tasks: dict[int, set[int]]
    named: dict[int, set[int]]
    months: dict[int, dict[int, str]]
    cases: dict[int, list[SupervisionCase]]
    unit_scores: dict[int, UnitScore]
    task_scores: dict[int, TaskScore]


def year_assessment(year: int) -> Assessment | None:
    """The assessment a year's records are read from: the latest final one, else the latest draft."""
    assessments = Assessment.objects.filter(year=year).order_by("-finalised_at", "-created_at")
    return assessments.filter(state=AssessmentState.FINAL).first() or assessments.first()


def context(year: int, assessment: Assessment | None = None) -> Context:
    """Load a year's facts (assessment: given, or ``year_assessment``)."""
    assessment = assessment or year_assessment(year)
    tasks = facts.year_tasks(year)
    led = {unit: roles[UnitRole.LEAD] for unit, roles in facts.unit_tasks(tasks).items()}
    named: dict[int, set[int]] = defaultdict(set)
    for cadre_id, task_id in Task.responsible_cadres.through.objects.filter(task__plan__year=year).values_list(
        "cadre_id", "task_id"
    ):
        named[cadre_id].add(task_id)
    months: dict[int, dict[int, str]] = defaultdict(dict)
    counted = statuses_as_of(assessment.finalised_at if assessment else None)  # a final one's, as finalised
    for task_id, period, status in counted.filter(task__plan__year=year).values_list("task_id", "period", "status"):
        months[task_id][period.month] = status
    cases: dict[int, list[SupervisionCase]] = defaultdict(list)
    for case in SupervisionCase.objects.filter(tasks__plan__year=year).select_related("unit").distinct():
        cases[case.unit_id].append(case)
    unit_scores = {s.unit_id: s for s in assessment.unit_scores.all()} if assessment else {}
    task_scores = {s.task_id: s for s in assessment.task_scores.all()} if assessment else {}
    return Context(year, assessment, {t.pk: t for t in tasks}, led, named, months, cases, unit_scores, task_scores)


def responsible_units(cadres: list[Cadre]) -> dict[int, list[int]]:
    """``{cadre id: [unit ids]}``: a principal's own unit first, then the units in charge."""
    units: dict[int, list[int]] = {c.pk: [c.unit_id] if c.role == CadreRole.PRINCIPAL else [] for c in cadres}
    for cadre_id, unit_id in Cadre.units_in_charge.through.objects.filter(cadre__in=cadres).values_list(
        "cadre_id", "unit_id"
    ):
        if unit_id not in units[cadre_id]:
            units[cadre_id].append(unit_id)
    return units


def _label(status: str) -> str:
    return STATUS_LABELS[Status(status)] if status else ""


def _task_row(ctx: Context, task: Task) -> dict:
    months = ctx.months.get(task.pk, {})
    latest = months[max(months)] if months else ""
    score = ctx.task_scores.get(task.pk)
    return {
        "id": task.pk,
        "plan": task.plan.get_kind_display(),
        "seq": task.seq,
        "name": task.name,
        "target_type": task.target_type,
        "months": [[months.get(m, ""), _label(months.get(m, ""))] for m in range(1, 13)],
        "latest": latest,
        "latest_label": _label(latest),
        "completion": f"{score.completion * 100:.2f}" if score else "",  # % of the target
        "explanation": score.explanation if score else [],
    }


def _mean(values: list[Decimal]) -> Decimal | None:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")) if values else None


def record(ctx: Context, cadre: Cadre, unit_ids: list[int], unit_names: dict[int, str]) -> dict:
    """One cadre's record for ``ctx.year`` as JSON-able data (shape in the module docstring of ``records``)."""
    task_ids = set(ctx.named.get(cadre.pk, set()))
    for unit_id in unit_ids:
        task_ids |= ctx.unit_tasks.get(unit_id, set())
    tasks = sorted((ctx.tasks[t] for t in task_ids if t in ctx.tasks), key=lambda t: (t.plan_id, t.position))
    rows = [_task_row(ctx, t) for t in tasks]
    scored = {u: s.score for u, s in ctx.unit_scores.items() if s.score is not None}  # not scored: no number
    units = [
        {
            "name": unit_names[u],
            "score": str(scored[u]) if u in scored else "",
            "rank": ctx.unit_scores[u].rank if u in ctx.unit_scores else None,
            "rank_in_kind": ctx.unit_scores[u].rank_in_kind if u in ctx.unit_scores else None,
        }
        for u in unit_ids
    ]
    cases = [c for u in unit_ids for c in ctx.cases.get(u, [])]
    score = _mean([scored[u] for u in unit_ids if u in scored])
    return {
        "cadre": cadre.name,
        "post": cadre.post,
        "unit": unit_names.get(cadre.unit_id, ""),
        "role": cadre.get_role_display(),
        "year": ctx.year,
        "assessment": ctx.assessment.title if ctx.assessment else "",
        "assessment_final": bool(ctx.assessment and ctx.assessment.is_final),
        "units": units,
        "score": str(score) if score is not None else "",
        "counts": {
            "tasks": len(rows),
            "completed": sum(r["latest"] == Status.COMPLETED for r in rows),
            "lagging": sum(r["latest"] in LAGGING for r in rows),
            "not_reported": sum(r["latest"] == Status.NOT_REPORTED for r in rows),
            "cases": len(cases),
        },
        "tasks": rows,
        "cases": [
            {
                "unit": c.unit.name,
                "trigger": c.trigger,
                "state": c.get_state_display(),
                "opened": f"{timezone.localtime(c.created_at):%Y-%m-%d}",
            }
            for c in cases
        ],
    }


def records(cadres: list[Cadre], year: int, assessment: Assessment | None = None) -> dict[int, dict]:
    """``{cadre id: record}`` for ``cadres`` in ``year``, from ``assessment`` (default ``year_assessment``)."""
    ctx = context(year, assessment)
    units = responsible_units(cadres)
    ids = {c.unit_id for c in cadres} | {u for unit_ids in units.values() for u in unit_ids}
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    return {c.pk: record(ctx, c, units[c.pk], names) for c in cadres}


def in_office_during(year: int) -> Q:
    """Cadres whose term overlaps ``year``."""
    return (Q(term_start__isnull=True) | Q(term_start__lte=date(year, 12, 31))) & (
        Q(term_end__isnull=True) | Q(term_end__gte=date(year, 1, 1))
    )


def peers(cadre: Cadre) -> Q:
    """Who a cadre is compared with in the 研判: 分管领导 with 分管领导; a 主要负责人 with the principals of units of
    the same kind (部门 with 部门, 街道 with 街道)."""
    if cadre.role == CadreRole.IN_CHARGE:
        return Q(role=CadreRole.IN_CHARGE)
    return Q(role=CadreRole.PRINCIPAL, unit__kind=cadre.unit.kind)


def year_records(cadres: list[Cadre], year: int) -> dict[int, dict]:
    """``{cadre id: record}``: the records frozen by the year's final assessment where there are, otherwise
    computed from the current data (and the latest draft assessment's scores)."""
    assessment = year_assessment(year)
    frozen: dict[int, dict] = {}
    if assessment is not None and assessment.is_final:
        rows = PerformanceRecord.objects.filter(assessment=assessment, cadre__in=cadres)
        frozen = dict(rows.values_list("cadre_id", "summary"))
    missing = [c for c in cadres if c.pk not in frozen]
    return frozen | (records(missing, year, assessment) if missing else {})


def peer_table(cadre: Cadre, year: int) -> list[dict]:
    """The cadre's peers (``peers``) in office during ``year`` with their records, best score first (no score
    last, and no rank), each with its ``rank`` among them and ``is_self``."""
    group = list(Cadre.objects.filter(peers(cadre) & in_office_during(year)).select_related("unit"))
    by_cadre = year_records(group, year)
    rows = [{"cadre": c, "record": by_cadre[c.pk], "is_self": c.pk == cadre.pk} for c in group]
    rows.sort(key=lambda r: (r["record"]["score"] == "", -Decimal(r["record"]["score"] or 0), r["cadre"].name))
    scores = [Decimal(r["record"]["score"]) if r["record"]["score"] != "" else None for r in rows]
    for row, rank in zip(rows, competition_ranks(scores), strict=True):
        row["rank"] = rank
    return rows


def earlier_years(cadre: Cadre, year: int) -> list[dict]:
    """The cadre's records of the years before ``year`` that have plans, newest first."""
    years = Plan.objects.filter(year__lt=year).values_list("year", flat=True).distinct().order_by("-year")
    return [year_records([cadre], y)[cadre.pk] for y in years]
