"""Gathering the facts the status engine needs from the database, a few queries for a whole period — or for the
few tasks an event touched, by id (the same queries with the ids in place of a subquery)."""

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db.models import Case, F, Min, QuerySet, When, Window
from django.db.models.functions import RowNumber

from dukao.lib.periods import end_of_day, month_end, months_before, reporting_deadline
from dukao.plans.models import Indicator, Task, TaskUnit, UnitRole
from dukao.plans.parsing.deadlines import indicator_deadline
from dukao.progress.models import Checkpoint, ProgressReport, ReportState, ReportValue, ScheduleState
from dukao.progress.schedule_rules import indicator_points
from dukao.reviews.models import Decision, Review
from dukao.supervision.parts import Part, indicator_aggregate, task_aggregate
from dukao.supervision.rules import IndicatorFacts, NodeReached, Point, TaskFacts

#: The tasks the facts are read for: a queryset (a whole period: used as a subquery, as a list of 15,000 ids would
#: cost more to send than the rows to read), or tasks or task ids (the few an event touched).
Tasks = QuerySet[Task] | list[Task] | list[int]


#: Read per lead unit (``by_unit``): the facts of each unit's own reports, keyed ``(unit id, indicator id)`` instead
#: of ``indicator id`` — every lead unit of every task in the same few queries as the whole.
REPORT_UNIT = "version__report__unit_id"


def _key(by_unit: bool, unit_id: int, indicator_id: int) -> int | tuple[int, int]:
    return (unit_id, indicator_id) if by_unit else indicator_id


def lead_units(tasks: Tasks) -> dict[int, dict[int, str]]:
    """``{task id: {unit id: unit name}}`` of the tasks of ``tasks`` with several lead units, a group (各街道办事处)
    expanded to its members: each reports its own part (``supervision.parts``). One query."""
    links = TaskUnit.objects.filter(task__in=tasks, role=UnitRole.LEAD).order_by()
    rows = links.values_list("task_id", "unit_id", "unit__name", "group__members__id", "group__members__name")
    units: dict[int, dict[int, str]] = defaultdict(dict)
    for task_id, unit_id, name, member_id, member_name in rows:
        if unit_id or member_id:
            units[task_id][unit_id or member_id] = name or member_name
    return {task_id: found for task_id, found in units.items() if len(found) > 1}


class Baseline(NamedTuple):
    """The checkpoints of each task's baseline by indicator id, and the day each task's baseline starts."""

    points: dict[int, list[Point]]
    starts: dict[int, date]


def _baseline_points(tasks: Tasks) -> Baseline:
    """Checkpoints of each task's baseline (its highest approved revision), by indicator id, and the baseline's
    start (when it has one). One query of tuples, unordered: at province scale (15,000 tasks, 45,000 checkpoints)
    model instances or a sort would cost most of a recompute."""
    approved = Checkpoint.objects.filter(revision__task__in=tasks, revision__state=ScheduleState.APPROVED)
    fields = ("revision__task_id", "revision__number", "indicator_id", "due", "expected_share", "expected_value")
    rows = list(approved.order_by().values_list(*fields, "node", "revision__starts_on"))
    latest: dict[int, int] = {}
    for task_id, number, *_rest in rows:
        latest[task_id] = max(number, latest.get(task_id, number))
    baseline = Baseline(defaultdict(list), {})
    for task_id, number, indicator_id, due, share, value, node, starts_on in rows:
        if latest[task_id] == number:
            baseline.points[indicator_id].append(Point(due, share, value, node))
            if starts_on:
                baseline.starts[task_id] = starts_on
    return baseline


def _deadline_points(kind: str, target: Decimal | None, year: int, **words) -> tuple[Point, ...]:
    """An indicator without a baseline, judged on its default schedule when the document gave it a deadline
    (in its requirement or the 完成时限 column) — from the day of import, not only once a schedule is approved;
    without one, the engine's own default applies (序时进度, or one node at the year end)."""
    if indicator_deadline(words["text"], words["requirement"], words["deadline"], year) is None:
        return ()
    return tuple(Point(p.due, p.share, p.value, p.node) for p in indicator_points(kind, target, year, **words))


class Verified(NamedTuple):
    """An indicator's latest verified result: the value (in its unit) and, for a milestone, whether done."""

    verified_value: Decimal | None
    verified_done: bool


def _latest_verified(tasks: Tasks, period: date, **groups) -> QuerySet:
    """``(indicator id, verified value, verified done, *groups)`` of the latest verified review of each indicator
    (and of each of ``groups``, annotations) for a report of ``period`` or earlier (the latest period, then the
    latest review). The database picks one row per indicator (a window function), so a province's 19,000
    indicators cost 19,000 rows, not every review of the year."""
    latest_first = Window(
        RowNumber(),
        partition_by=[F("indicator_id"), *(F(name) for name in groups)],
        order_by=[F("version__report__period").desc(), F("created_at").desc(), F("pk").desc()],
    )
    reviews = Review.objects.filter(
        decision=Decision.VERIFIED, indicator__task__in=tasks, version__report__period__lte=period
    ).annotate(**groups)
    fields = ("indicator_id", "verified_value", "verified_done", *groups)
    return reviews.annotate(rank=latest_first).filter(rank=1).order_by().values_list(*fields)


def verified_reviews(tasks: Tasks, period: date) -> dict[int, Verified]:
    """The latest verified review of each indicator for a report of ``period`` or earlier."""
    return {indicator_id: Verified(value, done) for indicator_id, value, done in _latest_verified(tasks, period)}


def verified_reviews_and_before(tasks: Tasks, period: date, by_unit: bool = False) -> tuple[dict, dict]:
    """``verified_reviews`` for ``period`` and for the month before, in one query: the latest review of the
    months before and the latest of ``period`` itself, which wins when there is one (of each lead unit's own
    reports, keyed ``(unit id, indicator id)``, when ``by_unit``)."""
    earlier = Case(When(version__report__period__lte=months_before(period, 1), then=True), default=False)
    groups = {"report_unit": F(REPORT_UNIT)} if by_unit else {}
    now: dict = {}
    before: dict = {}
    for indicator_id, value, done, *unit, is_earlier in _latest_verified(tasks, period, **groups, earlier=earlier):
        key = _key(by_unit, unit[0] if unit else 0, indicator_id)
        (before if is_earlier else now)[key] = Verified(value, done)
    return {**before, **now}, before


def nodes_reached(tasks: Tasks, period: date, by_unit: bool = False) -> dict:
    """``{milestone indicator id: the nodes its verified reports of period or earlier named}``, each with the last
    day of the report's period (a value counts once its indicator's review of that version verified it; of each
    lead unit's own reports, keyed ``(unit id, indicator id)``, when ``by_unit``)."""
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
        .values_list("indicator_id", "node", "version__report__period", REPORT_UNIT)
        .distinct()
    )
    reached: dict = defaultdict(list)
    for indicator_id, node, report_period, unit_id in values:
        reached[_key(by_unit, unit_id, indicator_id)].append(NodeReached(node, month_end(report_period)))
    return {pk: tuple(found) for pk, found in reached.items()}


def _unit_sign_offs(tasks: Tasks, period: date) -> dict[int, dict[int, datetime]]:
    """``{task id: {unit id: when the unit's report for period was first signed off}}``."""
    reports = ProgressReport.objects.filter(task__in=tasks, period=period, versions__submitted_at__isnull=False)
    firsts = reports.order_by().values_list("task_id", "unit_id").annotate(first=Min("versions__submitted_at"))
    found: dict[int, dict[int, datetime]] = defaultdict(dict)
    for task_id, unit_id, first in firsts:
        found[task_id][unit_id] = first
    return found


def sign_offs(tasks: Tasks, period: date) -> dict[int, datetime]:
    """``{task id: when its report for period was first signed off}``, for the tasks whose report was. A task
    with several lead units (``lead_units``) is signed off when each has signed off its part, at the time the last
    of them did."""
    leads = lead_units(tasks)
    found = {}
    for task_id, by_unit in _unit_sign_offs(tasks, period).items():
        units = leads.get(task_id)
        if units is None:
            found[task_id] = min(by_unit.values())
        elif units.keys() <= by_unit.keys():
            found[task_id] = max(by_unit[unit_id] for unit_id in units)
    return found


def signed_off_by(signed: dict[int, datetime], day: date) -> set[int]:
    """Of ``signed`` (``sign_offs``), the tasks whose report had been signed off by the end of ``day``."""
    end = end_of_day(day)
    return {task_id for task_id, first in signed.items() if first <= end}


def on_time(signed: dict[int, datetime], period: date) -> set[int]:
    """Of ``signed`` (``sign_offs``), the tasks whose report for ``period`` was signed off by the reporting day
    (for the on-time ranking)."""
    return signed_off_by(signed, reporting_deadline(period, settings.DUKAO_REPORTING_DAY))


def awaiting_values(tasks: Tasks, period: date, by_unit: bool = False) -> dict:
    """``{indicator id: reported value}`` of the period's submitted reports that wait for verification (the latest
    version's value, unverified; None for a milestone or an empty value; of each lead unit's own reports, keyed
    ``(unit id, indicator id)``, when ``by_unit``)."""
    values = (
        ReportValue.objects.filter(
            indicator__task__in=tasks,
            version__report__period=period,
            version__report__state=ReportState.SUBMITTED,
        )
        .exclude(version__reviews__indicator=F("indicator"))  # reviewed: verified or returned, not waiting
        .order_by("version__number", "pk")
        .values_list("indicator_id", "value", REPORT_UNIT)
    )
    return {_key(by_unit, unit_id, pk): value for pk, value, unit_id in values}  # later versions win


def judged_on(period: date, today: date) -> date | None:
    """The day the period's schedule is judged to: None (the period's last day) once its reporting day has
    passed; before it, the last day of the period before (1 January for January): a month whose reports are not
    yet due is not yet judged."""
    if today > reporting_deadline(period, settings.DUKAO_REPORTING_DAY):
        return None
    return max(month_end(months_before(period, 1)), date(period.year, 1, 1))


def indicator_facts(tasks: Tasks, period: date) -> dict[int, dict[int, IndicatorFacts]]:
    """``{task id: {indicator id: IndicatorFacts}}`` (in position order) of every indicator of ``tasks`` with what
    is verified up to ``period``: schedule, verified value and the one before, nodes reached — of a task with
    several lead units, the aggregate of their parts (``supervision.parts``). The year-end assessment reads the
    same facts (``assessment.facts``), so status and score judge the same things."""
    found = _indicator_facts(tasks, period)
    for task_id, parts in task_parts(tasks, period, month_end(period)).items():
        columns = zip(*(p.facts.indicators for p in parts), strict=True)
        found[task_id] = dict(zip(found[task_id], map(indicator_aggregate, columns), strict=True))
    return found


def _indicator_facts(tasks: Tasks, period: date, leads: dict[int, dict[int, str]] | None = None) -> dict:
    """``indicator_facts`` as every unit's reports give them, the latest verified review winning — or, given
    ``leads`` (``lead_units``), as each lead unit's own reports give them, keyed ``(task id, unit id)``. The
    indicators are read first: tasks without any skip the other queries, tasks without a milestone the nodes."""
    fields = ("task_id", "pk", "kind", "comparator", "target", "stretch", "unit", "text", "items", "verb", "subject")
    task_fields = ("task__requirement", "task__deadline", "task__plan__year")
    rows = Indicator.objects.filter(task__in=tasks).order_by("task_id", "position").values_list(*fields, *task_fields)
    indicators = list(rows)
    if not indicators:
        return {}
    by_unit = leads is not None
    baseline, (verified, before) = _baseline_points(tasks), verified_reviews_and_before(tasks, period, by_unit)
    milestones = any(kind == "milestone" for _task, _pk, kind, *_rest in indicators)
    reached = nodes_reached(tasks, period, by_unit) if milestones else {}
    found: dict = defaultdict(dict)
    for row in indicators:
        for unit_id in leads[row[0]] if by_unit else (0,):
            key = (row[0], unit_id) if by_unit else row[0]
            found[key][row[1]] = _facts(row, _key(by_unit, unit_id, row[1]), baseline, verified, before, reached)
    return found


def _facts(row: tuple, key, baseline: Baseline, verified: dict, before: dict, reached: dict) -> IndicatorFacts:
    """One indicator's facts from its ``row`` (``_indicator_facts``'s fields) and what is verified under ``key``."""
    task_id, pk, kind, comparator, target, stretch, unit, text, items, verb, subject, requirement, deadline, year = row
    review, previous = verified.get(key), before.get(key)
    points = baseline.points.get(pk) or _deadline_points(
        kind, target, year, text=text, verb=verb, subject=subject, requirement=requirement, deadline=deadline
    )
    return IndicatorFacts(
        kind=kind,
        comparator=comparator,
        target=target,
        unit=unit,
        text=text,
        items=len(items),
        points=tuple(points),
        verified_value=review.verified_value if review else None,
        verified_done=bool(review and review.verified_done),
        nodes_reached=reached.get(key, ()),
        stretch=stretch,
        start=baseline.starts.get(task_id),
        previous_value=previous.verified_value if previous else None,
    )


def _marked(awaiting: dict, facts: dict[int, IndicatorFacts], unit_id: int | None = None) -> tuple[IndicatorFacts, ...]:
    """The indicators, each marked with the value a submitted report gives that waits for verification (of
    ``unit_id``'s reports when given: ``awaiting`` is then keyed ``(unit id, indicator id)``)."""
    keys = {pk: pk if unit_id is None else (unit_id, pk) for pk in facts}
    return tuple(
        replace(f, awaiting=True, reported_value=awaiting[keys[pk]]) if keys[pk] in awaiting else f
        for pk, f in facts.items()
    )


def task_parts(tasks: Tasks, period: date, today: date) -> dict[int, list[Part]]:
    """``{task id: [Part]}`` of the tasks of ``tasks`` with several lead units (``lead_units``): each unit's part
    for ``period`` as known on ``today`` — what its own reports verified, what waits for verification, whether it
    signed off. The same few queries for every such task and unit (one when no task has several)."""
    leads = lead_units(tasks)
    if not leads:
        return {}
    ids = list(leads)
    found, awaiting = _indicator_facts(ids, period, leads), awaiting_values(ids, period, by_unit=True)
    signed, judged = _unit_sign_offs(ids, period), judged_on(period, today)
    parts: dict[int, list[Part]] = defaultdict(list)
    for task_id, units in leads.items():
        reported = signed_off_by(signed.get(task_id, {}), today)
        for unit_id, name in units.items():
            indicators = _marked(awaiting, found.get((task_id, unit_id), {}), unit_id)
            parts[task_id].append(Part(name, TaskFacts(indicators, unit_id in reported, judged is None, judged)))
    return parts


def task_facts(tasks: Tasks, period: date, today: date, signed: dict[int, datetime]) -> dict[int, TaskFacts]:
    """``{task id: TaskFacts}`` for ``period`` as known on ``today``, for every task of ``tasks`` (``Tasks``);
    ``signed`` is ``sign_offs(tasks, period)``. A value a submitted report gives that waits for verification is
    marked. A task with several lead units is judged on the aggregate of their parts (``task_parts``,
    ``supervision.parts``)."""
    found, awaiting = _indicator_facts(tasks, period), awaiting_values(tasks, period)
    reported = signed_off_by(signed, today)  # late is still reported; lateness is ranked separately
    judged = judged_on(period, today)
    facts = {
        pk: TaskFacts(_marked(awaiting, found.get(pk, {})), pk in reported, judged is None, judged)
        for pk in task_ids(tasks)
    }
    for task_id, parts in task_parts(tasks, period, today).items():
        facts[task_id] = task_aggregate(parts)
    return facts


def task_ids(tasks: Tasks) -> list[int]:
    """The ids of ``tasks`` (``Tasks``), in id order."""
    if isinstance(tasks, QuerySet):
        return list(tasks.order_by("pk").values_list("pk", flat=True))
    return sorted(getattr(task, "pk", task) for task in tasks)
