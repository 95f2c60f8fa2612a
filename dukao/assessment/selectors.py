"""Reads on assessments, filtered by who may see what (``assessment.permissions``)."""

from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from dukao.accounts.models import User
from dukao.assessment import permissions
from dukao.assessment.models import Appeal, Assessment, AssessmentState, TaskScore, UnitScore, YearReport
from dukao.assessment.records import in_office_during
from dukao.lib.numbers import number_text
from dukao.plans.models import Plan, Task, UnitRole
from dukao.plans.selectors import unit_task_ids
from dukao.supervision.selectors import LaterCorrection, corrections_after
from dukao.units.models import Cadre


def assessment_list(user: User) -> QuerySet[Assessment]:
    """Every assessment for those who read all scores; published ones (appeals open or final) for the others."""
    assessments = Assessment.objects.select_related("created_by", "finalised_by")
    return assessments if permissions.can_read_all(user) else assessments.exclude(state=AssessmentState.DRAFT)


def assessment_get(user: User, assessment_id: int) -> Assessment:
    """The assessment if ``user`` may see it; raises ``Http404`` otherwise (no hint that it exists)."""
    try:
        return assessment_list(user).get(pk=assessment_id)
    except Assessment.DoesNotExist as exc:
        raise Http404 from exc


def unit_scores(user: User, assessment: Assessment) -> QuerySet[UnitScore]:
    """The unit scores ``user`` may read, best first: all of them, or the user's own unit's."""
    scores = assessment.unit_scores.select_related("unit")
    if permissions.can_read_all(user):
        return scores
    return scores.filter(unit_id=user.unit_id) if user.unit_id else scores.none()


def ranked(scores: QuerySet[UnitScore], apart: bool = False) -> QuerySet[UnitScore]:
    """The ranked scores (units that lead a task), best first; with ``apart``, those of the units that lead
    none, listed apart and unranked."""
    return scores.filter(rank__isnull=apart)


def unit_score_get(user: User, assessment: Assessment, unit_id: int) -> UnitScore:
    """One unit's score; ``Http404`` when the user may not read it or the unit was not assessed."""
    if not permissions.can_read_unit(user, assessment, unit_id):
        raise Http404
    try:
        return assessment.unit_scores.select_related("unit").get(unit_id=unit_id)
    except UnitScore.DoesNotExist as exc:
        raise Http404 from exc


def unit_task_scores(assessment: Assessment, unit_id: int) -> list[tuple[str, TaskScore]]:
    """``[(role, task score)]`` of the tasks the unit leads, then those it cooperates on, in document order."""
    scores = assessment.task_scores.select_related("task__plan").order_by("task__plan_id", "task__position")
    led = {row["task_id"] for row in unit_task_ids(unit_id, UnitRole.LEAD)}
    cooperating = scores.filter(Q(task_id__in=unit_task_ids(unit_id, UnitRole.COOPERATING)) & ~Q(task_id__in=led))
    return [(UnitRole.LEAD, s) for s in scores.filter(task_id__in=led)] + [
        (UnitRole.COOPERATING, s) for s in cooperating
    ]


def appeals(user: User, assessment: Assessment) -> QuerySet[Appeal]:
    """The appeals ``user`` may read: all of them, or the user's own unit's."""
    rows = assessment.appeals.select_related("unit", "task", "submitted_by", "decided_by")
    if permissions.can_read_all(user):
        return rows
    return rows.filter(unit_id=user.unit_id) if user.unit_id else rows.none()


def year_report(assessment: Assessment) -> YearReport | None:
    """The year-end report issued from ``assessment``, if any."""
    return YearReport.objects.filter(assessment=assessment).first()


def plan_years() -> list[int]:
    """Years that have plans, newest first."""
    return list(Plan.objects.values_list("year", flat=True).distinct().order_by("-year"))


def latest_plan_year() -> int:
    """The newest plan year; ``Http404`` when nothing is imported."""
    years = plan_years()
    if not years:
        raise Http404
    return years[0]


def cadres_of_year(year: int) -> list[Cadre]:
    """Cadres in office during ``year``: district leaders (分管领导) first, then principals by unit kind and name."""
    cadres = Cadre.objects.filter(in_office_during(year)).select_related("unit")
    return list(cadres.order_by("role", "unit__kind", "unit__name", "name"))


#: The rules' fields as the 计分规则 panel names them, in the order of the document.
RULE_LABELS = {
    "base": _("A类任务基础分（每项）"),
    "zero_below": _("完成率低于此值不得基础分"),
    "bonus": _("B类/C类目标完成加分"),
    "stretch_bonus": _("完成力争目标加分"),
    "case_deduction": _("每次督办扣分"),
    "late_deduction": _("每次迟报扣分"),
    "missing_deduction": _("每次未报扣分"),
    "task_deduction_cap": _("单项任务扣分上限"),
    "objective_floor": _("认定客观原因后按完成计的最低完成率"),
    "cooperating_share": _("配合任务计入比例"),
}


def rules_table(assessment: Assessment) -> list[tuple[str, str]]:
    """``[(label, value)]`` of the rules stored with the assessment, ratios shown as %."""
    rows = []
    for key, label in RULE_LABELS.items():
        value = assessment.rules.get(key, "")
        if key == "bonus":
            text = "，".join(f"{kind}类 {points}分" for kind, points in value)
        elif key in ("zero_below", "objective_floor", "cooperating_share"):
            text = f"{Decimal(value) * 100:.0f}%"
        else:
            text = number_text(value)
        rows.append((str(label), text))
    return rows


def later_corrections(assessment: Assessment) -> list[LaterCorrection]:
    """The corrections (更正) of the assessed tasks' months verified after the assessment was finalised: the
    assessment keeps the statuses it counted, its page notes these beside them (none while not final)."""
    tasks = Task.objects.filter(scores__assessment=assessment)
    return corrections_after(assessment.finalised_at, assessment.period, tasks)
