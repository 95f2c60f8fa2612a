"""Reads of the leader's dashboard (领导驾驶舱): a period's task statuses counted by status, by target type, by
plan and by lead unit, the year's trend, and the worst ten tasks.

Every breakdown is one aggregate query (``values(key, "status").annotate(Count)``; the lead units two), so the
number of queries does not grow with the number of tasks, plans or units. A breakdown is a list of ``Row``:
``key`` is the value the status list filters on (``supervision.selectors.StatusFilter``), ``counts`` the number
of tasks per status in bulletin order (``STATUSES``)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, QuerySet, Value, When
from django.utils.translation import gettext as _

from dukao.lib.periods import months_through
from dukao.plans.models import Plan, TaskUnit, UnitRole
from dukao.supervision.models import TaskStatus
from dukao.supervision.rules import LAGGING, STATUS_LABELS, Status
from dukao.supervision.selectors import UNTYPED, type_label

#: The statuses in the order bulletins list them: the columns of every breakdown.
STATUSES = list(STATUS_LABELS)


@dataclass(frozen=True)
class Row:
    """One bar of a breakdown: ``key`` (a target-type code or ``"none"``, a plan or unit id, a period; ``None``
    for the rest of a long breakdown), its ``label``, and ``counts`` of tasks per status in ``STATUSES`` order."""

    key: str | int | date | None
    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def behind_share(self) -> float:
        """The share of the row's tasks that are 欠进度 or 严重滞后 (0 for an empty row)."""
        behind = sum(n for status, n in zip(STATUSES, self.counts, strict=True) if status in LAGGING)
        return behind / self.total if self.total else 0.0


def _crosstab(triples: Iterable[tuple]) -> dict:
    """``[(key, status, n)]`` → ``{key: [n per status in STATUSES order]}`` (keys in first-seen order)."""
    table: dict = defaultdict(lambda: [0] * len(STATUSES))
    for key, status, n in triples:
        table[key][STATUSES.index(Status(status))] += n
    return table


def _counts(statuses: QuerySet[TaskStatus], key: str) -> dict:
    """The crosstab of ``statuses`` by the field path ``key`` and status, counted in the database. ``key`` must
    not multiply rows (a task's own field or its plan's): each status is counted once without DISTINCT."""
    return _crosstab(statuses.values_list(key, "status").annotate(n=Count("*")).order_by())


def status_totals(period: date) -> Row:
    """The period's tasks per status: ``Row(key="", label="合计", counts=(已完成, 超进度, …))``."""
    counts = _counts(TaskStatus.objects.filter(period=period), "period").get(period, [0] * len(STATUSES))
    return Row("", _("合计"), tuple(counts))


def counts_by_type(period: date) -> list[Row]:
    """Per target type, A, B, C … then the tasks without one (key ``"none"``, label 未分类)."""
    table = _counts(TaskStatus.objects.filter(period=period), "task__target_type")
    codes = sorted(code for code in table if code) + [code for code in table if not code]
    return [Row(code or UNTYPED, type_label(code), tuple(table[code])) for code in codes]


def counts_by_plan(period: date) -> list[Row]:
    """Per plan (key: its id, label: its title), in the plans' order (annex 1, annex 2 …)."""
    table = _counts(TaskStatus.objects.filter(period=period), "task__plan")
    plans = Plan.objects.filter(pk__in=list(table)).order_by("annex_no", "title", "pk").values_list("pk", "title")
    return [Row(plan_id, title, tuple(table[plan_id])) for plan_id, title in plans]


def counts_by_unit(period: date) -> list[Row]:
    """Per lead unit (key: its id), a task counted for every unit that leads it directly or as a member of a
    lead group (各街道办事处), once per unit; units with the largest share 欠进度 or 严重滞后 first, then by the
    number of tasks, then by name."""
    direct, member = "task__unit_links__unit", "task__unit_links__group__members"
    named_directly = TaskUnit.objects.filter(task=OuterRef("task"), role=UnitRole.LEAD, unit=OuterRef(member))
    # One filter() call each, so that the role and the unit are read from the same link (one join).
    lead = {"period": period, "task__unit_links__role": UnitRole.LEAD}
    triples = [
        *_unit_triples(TaskStatus.objects.filter(**lead, **{f"{direct}__isnull": False}), direct),
        *_unit_triples(
            TaskStatus.objects.filter(~Exists(named_directly), **lead, **{f"{member}__isnull": False}), member
        ),
    ]
    names = {unit_id: name for unit_id, name, _status, _n in triples}
    table = _crosstab((unit_id, status, n) for unit_id, _name, status, n in triples)
    rows = [Row(unit_id, names[unit_id], tuple(counts)) for unit_id, counts in table.items()]
    return sorted(rows, key=lambda r: (-r.behind_share, -r.total, r.label))


def _unit_triples(statuses: QuerySet[TaskStatus], unit: str) -> list[tuple]:
    counted = statuses.values_list(unit, f"{unit}__name", "status").annotate(n=Count("pk", distinct=True))
    return list(counted.order_by())


def trend(period: date) -> list[Row]:
    """The months of ``period``'s year up to ``period`` (key: the period, label: 1月 …), zeros for a month without
    statuses; no month after ``period`` is drawn (it has not happened yet)."""
    table = _counts(TaskStatus.objects.filter(period__year=period.year, period__lte=period), "period")
    empty = [0] * len(STATUSES)
    return [Row(m, _("%(month)d月") % {"month": m.month}, tuple(table.get(m, empty))) for m in months_through(period)]


def worst_tasks(period: date, limit: int = 10) -> list[TaskStatus]:
    """The period's tasks 严重滞后 or 欠进度, worst first: 严重滞后 before 欠进度, then the largest negative gap
    (a milestone overdue has none: after those with a gap), then by plan and position. Tasks with their plan
    and lead units."""
    links = TaskUnit.objects.filter(role=UnitRole.LEAD).select_related("unit", "group").order_by("position")
    lagging = TaskStatus.objects.filter(period=period, status__in=LAGGING)
    serious_first = Case(When(status=Status.SERIOUSLY_BEHIND, then=Value(0)), default=Value(1))
    ordered = lagging.order_by(serious_first, F("gap").asc(nulls_last=True), "task__plan__kind", "task__position")
    prefetched = ordered.select_related("task__plan").prefetch_related(Prefetch("task__unit_links", queryset=links))
    return list(prefetched[:limit])
