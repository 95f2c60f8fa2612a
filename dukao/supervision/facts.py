"""Gathering the facts the status engine needs from the database, a few queries for a whole period."""

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db.models import F, Min, QuerySet, Window
from django.db.models.functions import RowNumber

from dukao.lib.periods import end_of_day, month_end, reporting_deadline
from dukao.plans.models import Indicator, Task
from dukao.progress.models import Checkpoint, ProgressReport, ReportValue, ScheduleState
from dukao.reviews.models import Decision, Review
from dukao.supervision.rules import IndicatorFacts, NodeReached, Point, TaskFacts


def _baseline_points(tasks: "QuerySet[Task] | list[Task]") -> dict[int, list[Point]]:
    """Checkpoints of each task's baseline (its highest approved revision), by indicator id. One query of
    tuples, unordered: at province scale (15,000 tasks, 45,000 checkpoints) model instances or a sort would cost
    most of a recompute."""
    approved = Checkpoint.objects.filter(revision__task__in=tasks, revision__state=ScheduleState.APPROVED)
    fields = ("revision__task_id", "revision__number", "indicator_id", "due", "expected_share", "expected_value")
    rows = list(approved.order_by().values_list(*fields, "node"))
    latest: dict[int, int] = {}
    for task_id, number, *_rest in rows:
        latest[task_id] = max(number, latest.get(task_id, number))
    points: dict[int, list[Point]] = defaultdict(list)
    for task_id, number, indicator_id, due, share, value, node in rows:
        if latest[task_id] == number:
            points[indicator_id].append(Point(due, share, value, node))
    return points


class Verified(NamedTuple):
    """An indicator's latest verified result: the value (in its unit) and, for a milestone, whether done."""

    verified_value: Decimal | None
    verified_done: bool


def verified_reviews(tasks: "QuerySet[Task] | list[Task]", period: date) -> dict[int, Verified]:
    """The latest verified review of each indicator for a report of ``period`` or earlier (the latest period,
    then the latest review). The database picks one row per indicator (a window function), so a province's
    19,000 indicators cost 19,000 rows, not every review of the year."""
    latest_first = Window(
        RowNumber(),
        partition_by=F("indicator_id"),
        order_by=[F("version__report__period").desc(), F("created_at").desc(), F("pk").desc()],
    )
    reviews = (
        Review.objects.filter(
            decision=Decision.VERIFIED, indicator__task__in=tasks, version__report__period__lte=period
        )
        .annotate(rank=latest_first)
        .filter(rank=1)
        .order_by()
        .values_list("indicator_id", "verified_value", "verified_done")
    )
    return {indicator_id: Verified(value, done) for indicator_id, value, done in reviews}


def nodes_reached(tasks: "QuerySet[Task] | list[Task]", period: date) -> dict[int, tuple[NodeReached, ...]]:
    """``{milestone indicator id: the nodes its verified reports of period or earlier named}``, each with the last
    day of the report's period (a value counts once its indicator's review of that version verified it)."""
    values = (
        ReportValue.objects.filter(
            indicator__task__in=tasks,
            indicator__kind="milestone",
            version__report__period__lte=period,
            version__reviews__indicator=F("indicator"),
            version__reviews__decision=Decision.VERIFIED,
        )
        .exclude(node="")
        .order_by()
        .values_list("indicator_id", "node", "version__report__period")
        .distinct()
    )
    reached: dict[int, list[NodeReached]] = defaultdict(list)
    for indicator_id, node, report_period in values:
        reached[indicator_id].append(NodeReached(node, month_end(report_period)))
    return {pk: tuple(found) for pk, found in reached.items()}


def sign_offs(tasks: "QuerySet[Task] | list[Task]", period: date) -> dict[int, datetime]:
    """``{task id: when its report for period was first signed off}``, for the tasks whose report was."""
    reports = ProgressReport.objects.filter(task__in=tasks, period=period, versions__submitted_at__isnull=False)
    firsts = reports.order_by().values_list("task_id").annotate(first=Min("versions__submitted_at"))
    return dict(firsts)


def signed_off_by(signed: dict[int, datetime], day: date) -> set[int]:
    """Of ``signed`` (``sign_offs``), the tasks whose report had been signed off by the end of ``day``."""
    end = end_of_day(day)
    return {task_id for task_id, first in signed.items() if first <= end}


def on_time(signed: dict[int, datetime], period: date) -> set[int]:
    """Of ``signed`` (``sign_offs``), the tasks whose report for ``period`` was signed off by the reporting day
    (for the on-time ranking)."""
    return signed_off_by(signed, reporting_deadline(period, settings.DUKAO_REPORTING_DAY))


def task_facts(
    tasks: "QuerySet[Task] | list[int]", period: date, today: date, signed: dict[int, datetime]
) -> dict[int, TaskFacts]:
    """``{task id: TaskFacts}`` for ``period`` as known on ``today``, for every task of ``tasks``: a queryset for a
    whole period (used as a subquery: a list of 15,000 ids would cost more to send than the rows to read), or the
    ids of the few tasks an event touched; ``signed`` is ``sign_offs(tasks, period)``."""
    fields = ("task_id", "pk", "kind", "comparator", "target", "unit", "text", "items")
    rows = list(Indicator.objects.filter(task__in=tasks).order_by("task_id", "position").values_list(*fields))
    milestones = any(row[2] == "milestone" for row in rows)  # the few tasks of an event often have none
    points, verified = (_baseline_points(tasks), verified_reviews(tasks, period)) if rows else ({}, {})
    reached = nodes_reached(tasks, period) if milestones else {}
    reported = signed_off_by(signed, today)  # late is still reported; lateness is ranked separately
    due_passed = today > reporting_deadline(period, settings.DUKAO_REPORTING_DAY)
    ids = tasks if isinstance(tasks, list) else tasks.order_by().values_list("pk", flat=True)
    indicators: dict[int, list[IndicatorFacts]] = {pk: [] for pk in ids}
    for task_id, pk, kind, comparator, target, unit, text, items in rows:
        review = verified.get(pk)
        indicators[task_id].append(
            IndicatorFacts(
                kind=kind,
                comparator=comparator,
                target=target,
                unit=unit,
                text=text,
                items=len(items),
                points=tuple(points.get(pk, ())),
                verified_value=review.verified_value if review else None,
                verified_done=bool(review and review.verified_done),
                nodes_reached=reached.get(pk, ()),
            )
        )
    return {pk: TaskFacts(tuple(found), pk in reported, due_passed) for pk, found in indicators.items()}
