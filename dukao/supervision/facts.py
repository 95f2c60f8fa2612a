"""Gathering the facts the status engine needs from the database, a few queries for a whole period."""

from collections import defaultdict
from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from dukao.lib.periods import reporting_deadline
from dukao.plans.models import Task
from dukao.progress.models import Checkpoint, ProgressReport, ScheduleState
from dukao.reviews.models import Decision, Review
from dukao.supervision.rules import IndicatorFacts, Point, TaskFacts


def _baseline_points(tasks: list[Task]) -> dict[int, list[Point]]:
    """Checkpoints of each task's baseline (its highest approved revision), by indicator id."""
    latest = (
        Checkpoint.objects.filter(revision__task__in=tasks, revision__state=ScheduleState.APPROVED)
        .values("revision__task")
        .annotate(number=Max("revision__number"))
    )
    wanted = {(row["revision__task"], row["number"]) for row in latest}
    points: dict[int, list[Point]] = defaultdict(list)
    checkpoints = Checkpoint.objects.filter(revision__task__in=tasks, revision__state=ScheduleState.APPROVED)
    for c in checkpoints.select_related("revision"):
        if (c.revision.task_id, c.revision.number) in wanted:
            points[c.indicator_id].append(Point(c.due, c.expected_share, c.expected_value, c.node))
    return points


def verified_reviews(tasks: list[Task], period: date) -> dict[int, Review]:
    """The latest verified review of each indicator for a report of ``period`` or earlier."""
    reviews = (
        Review.objects.filter(
            decision=Decision.VERIFIED, indicator__task__in=tasks, version__report__period__lte=period
        )
        .order_by("indicator_id", "version__report__period", "created_at")
        .only("indicator_id", "verified_value", "verified_done")
    )
    return {r.indicator_id: r for r in reviews}  # later rows win


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def reported_by(tasks: list[Task], period: date, day: date) -> set[int]:
    """Tasks whose report for ``period`` had been signed off by the end of ``day``."""
    reports = ProgressReport.objects.filter(task__in=tasks, period=period, versions__submitted_at__lte=_end_of(day))
    return set(reports.values_list("task_id", flat=True))


def on_time(tasks: list[Task], period: date) -> set[int]:
    """Tasks whose report for ``period`` was signed off by the reporting day (for the on-time ranking)."""
    return reported_by(tasks, period, reporting_deadline(period, settings.DUKAO_REPORTING_DAY))


def task_facts(tasks: list[Task], period: date, today: date) -> dict[int, TaskFacts]:
    """``{task id: TaskFacts}`` for ``period`` as known on ``today`` (tasks with indicators prefetched)."""
    points, verified = _baseline_points(tasks), verified_reviews(tasks, period)
    reported = reported_by(tasks, period, today)  # late is still reported; lateness is ranked separately
    due_passed = today > reporting_deadline(period, settings.DUKAO_REPORTING_DAY)
    facts = {}
    for task in tasks:
        indicators = []
        for i in task.indicators.all():
            review = verified.get(i.pk)
            indicators.append(
                IndicatorFacts(
                    kind=i.kind,
                    comparator=i.comparator,
                    target=i.target,
                    unit=i.unit,
                    text=i.text,
                    items=len(i.items),
                    points=tuple(points.get(i.pk, ())),
                    verified_value=review.verified_value if review else None,
                    verified_done=bool(review and review.verified_done),
                )
            )
        facts[task.pk] = TaskFacts(tuple(indicators), task.pk in reported, due_passed)
    return facts
