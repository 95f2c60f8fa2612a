"""Gathering the facts the status engine needs from the database, a few queries for a whole period."""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db.models import Max, QuerySet

from dukao.lib.periods import end_of_day, reporting_deadline
from dukao.plans.models import Indicator, Task
from dukao.progress.models import Checkpoint, ProgressReport, ScheduleState
from dukao.reviews.models import Decision, Review
from dukao.supervision.rules import IndicatorFacts, Point, TaskFacts


def _baseline_points(tasks: "QuerySet[Task] | list[Task]") -> dict[int, list[Point]]:
    """Checkpoints of each task's baseline (its highest approved revision), by indicator id. Read as tuples:
    at province scale (15,000 tasks) model instances would cost most of a recompute."""
    approved = Checkpoint.objects.filter(revision__task__in=tasks, revision__state=ScheduleState.APPROVED)
    latest = dict(
        approved.values("revision__task")
        .annotate(number=Max("revision__number"))
        .values_list("revision__task", "number")
    )
    points: dict[int, list[Point]] = defaultdict(list)
    fields = ("revision__task_id", "revision__number", "indicator_id", "due", "expected_share", "expected_value")
    for task_id, number, indicator_id, due, share, value, node in approved.values_list(*fields, "node"):
        if latest[task_id] == number:
            points[indicator_id].append(Point(due, share, value, node))
    return points


class Verified(NamedTuple):
    """An indicator's latest verified result: the value (in its unit) and, for a milestone, whether done."""

    verified_value: Decimal | None
    verified_done: bool


def verified_reviews(tasks: "QuerySet[Task] | list[Task]", period: date) -> dict[int, Verified]:
    """The latest verified review of each indicator for a report of ``period`` or earlier."""
    reviews = (
        Review.objects.filter(
            decision=Decision.VERIFIED, indicator__task__in=tasks, version__report__period__lte=period
        )
        .order_by("indicator_id", "version__report__period", "created_at")
        .values_list("indicator_id", "verified_value", "verified_done")
    )
    return {indicator_id: Verified(value, done) for indicator_id, value, done in reviews}  # later rows win


def reported_by(tasks: "QuerySet[Task] | list[Task]", period: date, day: date) -> set[int]:
    """Tasks whose report for ``period`` had been signed off by the end of ``day``."""
    reports = ProgressReport.objects.filter(task__in=tasks, period=period, versions__submitted_at__lte=end_of_day(day))
    return set(reports.values_list("task_id", flat=True))


def on_time(tasks: "QuerySet[Task] | list[Task]", period: date) -> set[int]:
    """Tasks whose report for ``period`` was signed off by the reporting day (for the on-time ranking)."""
    return reported_by(tasks, period, reporting_deadline(period, settings.DUKAO_REPORTING_DAY))


def task_facts(tasks: QuerySet[Task], period: date, today: date) -> dict[int, TaskFacts]:
    """``{task id: TaskFacts}`` for ``period`` as known on ``today``, for every task of ``tasks`` (a queryset,
    used as a subquery: a list of 15,000 ids would cost more to send than the rows to read)."""
    points, verified = _baseline_points(tasks), verified_reviews(tasks, period)
    reported = reported_by(tasks, period, today)  # late is still reported; lateness is ranked separately
    due_passed = today > reporting_deadline(period, settings.DUKAO_REPORTING_DAY)
    indicators: dict[int, list[IndicatorFacts]] = {pk: [] for pk in tasks.order_by().values_list("pk", flat=True)}
    fields = ("task_id", "pk", "kind", "comparator", "target", "unit", "text", "items")
    for task_id, pk, kind, comparator, target, unit, text, items in (
        Indicator.objects.filter(task__in=tasks).order_by("task_id", "position").values_list(*fields)
    ):
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
            )
        )
    return {pk: TaskFacts(tuple(found), pk in reported, due_passed) for pk, found in indicators.items()}
