"""The facts an assessment scores, gathered from the year's data in a fixed number of queries (not one per task):
verified values, reports late or missing, supervision cases, and coordination requests the district answered
late (proposed as objective causes)."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Min
from django.utils import timezone

from dukao.assessment.scoring import Measured
from dukao.lib.periods import end_of_day, month_end, reporting_deadline
from dukao.plans.models import Task, TaskUnit, UnitRole
from dukao.progress.models import CoordinationRequest, ReportVersion
from dukao.reviews.models import Decision, Review
from dukao.supervision.facts import indicator_facts, lead_units
from dukao.supervision.models import SupervisionCase, Urge
from dukao.supervision.rules import IndicatorFacts, milestone_done
from dukao.units.models import UnitGroup


def year_tasks(year: int) -> list[Task]:
    """Every task of the year's plans (not those 已撤销), in plan and document order, with plan and indicators
    loaded."""
    return list(Task.objects.in_force().filter(plan__year=year).select_related("plan").prefetch_related("indicators"))


def measured_of(facts: IndicatorFacts, period_end: date) -> Measured:
    """What the scoring measures of one indicator: the facts the status engine judges, a milestone done when
    verified done or every node of its schedule reached (``supervision.rules.milestone_done``)."""
    return Measured(
        kind=facts.kind,
        comparator=facts.comparator,
        target=facts.target,
        verified_value=facts.verified_value,
        verified_done=milestone_done(facts, period_end),
        stretch=facts.stretch,
        items=facts.items,
    )


def measured(tasks: list[Task], period: date) -> dict[int, list[Measured]]:
    """``{task id: [Measured per indicator]}``: each indicator's latest verified value up to ``period``."""
    found, end = indicator_facts(tasks, period), month_end(period)
    return {task.pk: [measured_of(f, end) for f in found.get(task.pk, {}).values()] for task in tasks}


def report_punctuality(
    tasks: list[Task], months: list[date], reporting_day: int, today: date
) -> dict[int, tuple[int, int]]:
    """``{task id: (late, missing)}`` over ``months`` whose reporting day has passed by ``today``. A month counts
    for a task until the month of its deadline (a task due in June is not reported on after June). A report is
    late when its first sign-off came after the reporting day, missing when none came by ``today``."""
    first = (
        ReportVersion.objects.filter(report__task__in=tasks, report__period__in=months)
        .values("report__task_id", "report__period")
        .annotate(first=Min("submitted_at"))
    )
    signed = {(row["report__task_id"], row["report__period"]): row["first"] for row in first}
    counts = {}
    for task in tasks:
        late = missing = 0
        for month in months:
            deadline = reporting_deadline(month, reporting_day)
            if deadline >= today or (task.deadline and month > task.deadline):
                continue
            at = signed.get((task.pk, month))
            if at is None or at > end_of_day(today):
                missing += 1
            elif at > end_of_day(deadline):
                late += 1
        counts[task.pk] = (late, missing)
    return counts


def case_counts(tasks: list[Task]) -> dict[int, int]:
    """``{task id: number of supervision cases opened on it}``: the tasks are one plan year's, so a case opened in
    January on December's lag counts for the year it belongs to (as in the performance records)."""
    through = SupervisionCase.tasks.through.objects.filter(task__in=tasks)
    counts: dict[int, int] = defaultdict(int)
    for task_id in through.values_list("task_id", flat=True):
        counts[task_id] += 1
    return counts


def urges_received(year: int) -> dict[int, int]:
    """``{unit id: number of 催办 it received for the year}`` (``supervision.Urge``; one query)."""
    urges = Urge.objects.filter(year=year).order_by().values_list("unit_id").annotate(n=Count("*"))
    return dict(urges)


def late_answers(tasks: list[Task], answer_days: int, today: date) -> dict[int, str]:
    """``{task id: note}`` for tasks with a coordination request the district answered more than
    ``answer_days`` days after it was raised, or had not answered by ``today`` although that long has passed
    (seed notice: 区政府 handles the matters units raise; a late answer is an objective cause a reviewer may
    accept). The note names each request and its delay."""
    notes: dict[int, list[str]] = defaultdict(list)
    for r in CoordinationRequest.objects.filter(task__in=tasks).order_by("created_at"):
        raised = timezone.localtime(r.created_at).date()
        answered = timezone.localtime(r.answered_at).date() if r.answered_at else None
        waited = ((answered or today) - raised).days
        if waited <= answer_days:
            continue
        when = f"{answered:%Y-%m-%d}答复" if answered else "至今未答复"
        notes[r.task_id].append(f"协调事项《{r.subject}》{raised:%Y-%m-%d}提出，{when}，历时{waited}天")
    return {task_id: "；".join(lines)[:500] for task_id, lines in notes.items()}


def parts_unverified(tasks: list[Task], period: date) -> dict[int, set[int]]:
    """``{task id: ids of its lead units without a verified part}`` of the tasks with several lead units: units
    none of whose reports on the task, up to ``period``, had a figure verified (two queries)."""
    leads = lead_units(tasks)
    if not leads:
        return {}
    reviews = Review.objects.filter(
        decision=Decision.VERIFIED, indicator__task_id__in=list(leads), version__report__period__lte=period
    )
    verified = set(reviews.order_by().values_list("indicator__task_id", "version__report__unit_id").distinct())
    return {task_id: {u for u in units if (task_id, u) not in verified} for task_id, units in leads.items()}


def unit_tasks(tasks: list[Task]) -> dict[int, dict[str, set[int]]]:
    """``{unit id: {"lead": {task ids}, "cooperating": {task ids}}}``, groups (各街道办事处) expanded to their
    members; a unit that both leads and cooperates on a task counts it as led."""
    members: dict[int, list[int]] = defaultdict(list)
    for group_id, unit_id in UnitGroup.members.through.objects.values_list("unitgroup_id", "unit_id"):
        members[group_id].append(unit_id)
    roles: dict[int, dict[str, set[int]]] = defaultdict(lambda: {UnitRole.LEAD: set(), UnitRole.COOPERATING: set()})
    for task_id, role, unit_id, group_id in TaskUnit.objects.filter(task__in=tasks).values_list(
        "task_id", "role", "unit_id", "group_id"
    ):
        for uid in [unit_id] if unit_id else members.get(group_id, []):
            roles[uid][role].add(task_id)
    for sets in roles.values():
        sets[UnitRole.COOPERATING] -= sets[UnitRole.LEAD]
    return dict(roles)
