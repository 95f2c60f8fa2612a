"""The status engine: from a task's approved schedule and its verified values, its status for a period.
Pure Python: facts in, a verdict out.

Statuses follow how real bulletins count progress: 已完成, 超进度, 达进度, 欠进度, 严重滞后, a rest class 需年终评定
for targets that can only be judged once a figure is published (a growth rate before any figure is verified),
待核定 while a submitted report waits for verification, 未报送 when the period's report was not in by the reporting
day, and 未开始.

Every target is judged by its rule in ``plans.judgment`` — the one the year-end scoring uses — so a status and a
score never disagree on met / not met: a met target is 已完成 (an upper bound met before the year end is 达进度,
since it can still be broken), and at the year end a target not met is behind (欠进度 or 严重滞后), whatever its
gap. Before the period's reporting day the period is not yet due: the schedule is judged as of the period before
(``TaskFacts.judged_on``).

Thresholds (``Thresholds``, settings ``DUKAO_STATUS_THRESHOLDS``): the gap is actual minus expected share of the
target, in percentage points —
- 超进度 at +10 points or more: clearly ahead, not rounding noise;
- 达进度 down to −5 points: within a week or two of the 序时进度 yardstick (one month is 8.3 points);
- 欠进度 below −5, 严重滞后 below −20 points (more than two months behind), or a milestone node more than 30 days
  overdue — the point at which supervision cases start.

A milestone is judged node by node (``_milestone``): each dated node of its schedule is reached when a verified
report names it (or a later node), on the last day of that report's period; the earliest node past its date and not
reached decides the verdict by how late it is. Reaching every node, or a verified completion, is 已完成.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from dukao.lib.numbers import number_text
from dukao.plans.judgment import Rule, Target, met, share_text, stretch_met

HUNDRED = Decimal(100)


def gettext_noop(text: str) -> str:
    """Marks a string for makemessages (which looks for this name) without importing Django."""
    return text


class Status(StrEnum):
    COMPLETED = "completed"
    AHEAD = "ahead"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    SERIOUSLY_BEHIND = "seriously_behind"
    AWAITING = "awaiting"
    YEAR_END = "year_end"
    NOT_REPORTED = "not_reported"
    NOT_STARTED = "not_started"


#: Chinese labels in the order bulletins list them. Documents and snapshots keep them in Chinese; pages show
#: ``gettext(STATUS_LABELS[s])`` (marked with gettext_noop so that makemessages collects them).
STATUS_LABELS = {
    Status.COMPLETED: gettext_noop("已完成"),
    Status.AHEAD: gettext_noop("超进度"),
    Status.ON_TRACK: gettext_noop("达进度"),
    Status.BEHIND: gettext_noop("欠进度"),
    Status.SERIOUSLY_BEHIND: gettext_noop("严重滞后"),
    Status.AWAITING: gettext_noop("待核定"),
    Status.YEAR_END: gettext_noop("需年终评定"),
    Status.NOT_REPORTED: gettext_noop("未报送"),
    Status.NOT_STARTED: gettext_noop("未开始"),
}
#: Each status's one colour, wherever a status is drawn: the pages' ``.status`` classes (dukao.css, kept equal by
#: tests/supervision/test_status_colours.py), the dashboard's charts (sent with their data) and the documents.
STATUS_COLOURS = {
    Status.COMPLETED: "#047857",
    Status.AHEAD: "#0d9488",
    Status.ON_TRACK: "#1d4ed8",
    Status.BEHIND: "#b45309",
    Status.SERIOUSLY_BEHIND: "#b91c1c",
    Status.AWAITING: "#db2777",
    Status.YEAR_END: "#6b7280",
    Status.NOT_REPORTED: "#7c3aed",
    Status.NOT_STARTED: "#9ca3af",
}
#: Worst first: a task takes the status of its worst indicator.
SEVERITY = [
    Status.SERIOUSLY_BEHIND,
    Status.BEHIND,
    Status.AWAITING,
    Status.NOT_STARTED,
    Status.ON_TRACK,
    Status.AHEAD,
    Status.COMPLETED,
]
LAGGING = {Status.BEHIND, Status.SERIOUSLY_BEHIND}
RECOVERED_TO = {Status.ON_TRACK, Status.AHEAD, Status.COMPLETED}


@dataclass(frozen=True)
class Thresholds:
    """Gap thresholds in percentage points, and days a milestone may be overdue before it is serious."""

    ahead: Decimal = Decimal(10)
    on_track: Decimal = Decimal(-5)
    serious: Decimal = Decimal(-20)
    node_days: int = 30


@dataclass(frozen=True)
class Point:
    """A checkpoint of the approved schedule: by ``due``, ``share`` % or ``value``, or the ``node``."""

    due: date
    share: Decimal | None = None
    value: Decimal | None = None
    node: str = ""


@dataclass(frozen=True)
class NodeReached:
    """A milestone node named by a verified report, and the last day of the earliest such report's period."""

    node: str
    on: date


@dataclass(frozen=True)
class IndicatorFacts:
    """What the engine knows of one indicator: its target, schedule (and the day it starts, None for 1 January)
    and latest verified result; the verified value at the end of the period before (for the month's increment);
    and the value a submitted report of the period gives that is not verified yet (``reported_value``,
    ``awaiting`` when such a report waits for verification)."""

    kind: str
    comparator: str
    target: Decimal | None
    unit: str = ""
    text: str = ""
    items: int = 0
    points: tuple[Point, ...] = ()
    verified_value: Decimal | None = None
    verified_done: bool = False
    nodes_reached: tuple[NodeReached, ...] = ()
    stretch: Decimal | None = None
    start: date | None = None
    previous_value: Decimal | None = None
    awaiting: bool = False
    reported_value: Decimal | None = None

    @property
    def target_of(self) -> Target:
        return Target(self.kind, self.comparator, self.target, self.items)


@dataclass(frozen=True)
class TaskFacts:
    """One task's indicators and its report for the period. ``judged_on`` is the day the schedule is due to
    (None: the period's last day); before the period's reporting day it is the last day of the period before,
    so that a month whose reports are not yet due is not yet judged. A task with several lead units
    (``supervision.parts``) is reported when each has reported its part; ``missing`` names those that have not."""

    indicators: tuple[IndicatorFacts, ...]
    reported: bool = True
    report_due_passed: bool = False
    judged_on: date | None = None
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """A status with the numbers behind it (shares in %, gap in points) and the reason in words."""

    status: Status
    reason: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    gap: Decimal | None = None
    details: list[str] = field(default_factory=list, compare=False)


def _fmt(value: Decimal) -> str:
    """A share or gap as bulletins write it, one decimal at most; a share under 100 % never reads 100 %."""
    return share_text(value)


def _num(value: Decimal | None) -> str:
    return number_text(value)


def _year_start(day: date) -> date:
    return date(day.year, 1, 1)


def _is_year_end(day: date) -> bool:
    return (day.month, day.day) == (12, 31)


def _months(start: date, day: date) -> int:
    """Whole months from ``start``'s month to ``day`` (a month counts once ``day`` is its last day)."""
    ends_month = (date.fromordinal(day.toordinal() + 1)).day == 1
    return max(0, (day.year - start.year) * 12 + day.month - start.month + (1 if ends_month else 0))


def expected_share(
    points: tuple[Point, ...], target: Decimal | None, period_end: date, start: date | None = None
) -> Decimal:
    """The share of the target (%) the schedule expects by ``period_end``: linear between checkpoints (from 0 on
    the schedule's ``start``, 1 January by default), the last checkpoint's share after it; without checkpoints
    the time-proportional 序时进度, counted in months from the start to the year end (m/12 from January)."""
    start = start if start and start.year == period_end.year else _year_start(period_end)
    if period_end < start:
        return Decimal(0)
    shares = [(p.due, p.share if p.share is not None else _share(p.value, target)) for p in points]
    shares = sorted((d, s) for d, s in shares if s is not None)
    if not shares:
        span = _months(start, date(period_end.year, 12, 31))
        return (Decimal(_months(start, period_end)) / Decimal(span or 1) * HUNDRED).quantize(Decimal("0.1"))
    previous_day, previous_share = start, Decimal(0)
    for due, share in shares:
        if period_end <= due:
            span = (due - previous_day).days or 1
            elapsed = max((period_end - previous_day).days, 0)
            return previous_share + (share - previous_share) * Decimal(elapsed) / Decimal(span)
        previous_day, previous_share = due, share
    return previous_share


def _share(value: Decimal | None, target: Decimal | None) -> Decimal | None:
    if value is None or not target:
        return None
    return value / target * HUNDRED


def _by_gap(gap: Decimal, t: Thresholds, year_end: bool = False) -> Status:
    """The status of a gap in points; at the year end a target not met is behind whatever its gap."""
    if gap >= t.ahead and not year_end:
        return Status.AHEAD
    if gap >= t.on_track and not year_end:
        return Status.ON_TRACK
    return Status.SERIOUSLY_BEHIND if gap < t.serious else Status.BEHIND


def _stretch(ind: IndicatorFacts) -> str:
    return f"，完成力争目标{_num(ind.stretch)}{ind.unit}" if stretch_met(ind.stretch, ind.verified_value) else ""


def _increment(ind: IndicatorFacts) -> str:
    """The month's increment beside a cumulative value: "（本月新增120家）"."""
    if ind.verified_value is None:
        return ""
    change = ind.verified_value - (ind.previous_value or Decimal(0))
    return f"（累计{_num(ind.verified_value)}{ind.unit}，本月新增{_num(change)}{ind.unit}）"


def _countable(ind: IndicatorFacts, period_end: date, t: Thresholds) -> Verdict:
    target = ind.target_of.amount or Decimal(0)
    year_end = _is_year_end(period_end)
    expected = HUNDRED if year_end else expected_share(ind.points, target, period_end, ind.start)
    actual = _share(ind.verified_value or Decimal(0), target) or Decimal(0)
    gap = actual - expected
    month = f"{period_end.month}月"
    reason = f"计划至{month}完成{_fmt(expected)}%，核定完成{_fmt(actual)}%"
    reason += f"，落后{_fmt(-gap)}个百分点" if gap < 0 else f"，超出{_fmt(gap)}个百分点" if gap > 0 else ""
    reason += _increment(ind)
    if met(ind.target_of, ind.verified_value):
        done = f"核定完成{_fmt(actual)}%{_increment(ind)}，已完成全年目标{_stretch(ind)}"
        return Verdict(Status.COMPLETED, done, expected, actual, gap)
    if ind.verified_value is None and expected <= 0:
        return Verdict(Status.NOT_STARTED, "尚未开始", expected, actual, gap)
    return Verdict(_by_gap(gap, t, year_end), reason, expected, actual, gap)


def _rate(ind: IndicatorFacts, period_end: date, t: Thresholds) -> Verdict:
    word = {"growth": "增长", "decline": "下降"}.get(ind.kind, "达到")
    target = ind.target or Decimal(0)
    if ind.verified_value is None:
        return Verdict(Status.YEAR_END, f"目标{word}{_fmt(target)}{ind.unit}，尚无核定数据，待数据发布后评定")
    value = ind.verified_value
    reached = met(ind.target_of, value)
    share = _share(value, target) if target > 0 else (HUNDRED if reached else Decimal(0))
    gap = share - HUNDRED
    reason = f"目标{word}{_num(target)}{ind.unit}，核定{word}{_num(value)}{ind.unit}"
    if reached:
        status = Status.COMPLETED if _is_year_end(period_end) else _by_gap(max(gap, Decimal(0)), t)
        return Verdict(status, reason + _stretch(ind), HUNDRED, share, gap)
    return Verdict(_by_gap(gap, t, _is_year_end(period_end)), reason, HUNDRED, share, gap)


def _bound(ind: IndicatorFacts, period_end: date, t: Thresholds) -> Verdict:
    """An upper bound (最多90天, 以内, 控制在, 低于, 零事件): met while the verified value is at or under it, at
    every period (达进度) and at the year end (已完成); over it, behind by how far."""
    bound = ind.target or Decimal(0)
    if ind.verified_value is None:
        return Verdict(Status.YEAR_END, f"控制在{_num(bound)}{ind.unit}以内，尚无核定数据")
    value = ind.verified_value
    if met(ind.target_of, value):
        status = Status.COMPLETED if _is_year_end(period_end) else Status.ON_TRACK
        return Verdict(status, f"核定{_num(value)}{ind.unit}，控制在{_num(bound)}{ind.unit}以内")
    over = (value - bound) / bound * HUNDRED if bound > 0 else HUNDRED
    status = Status.SERIOUSLY_BEHIND if over > -t.serious else Status.BEHIND
    return Verdict(status, f"核定{_num(value)}{ind.unit}，超过上限{_num(bound)}{ind.unit}")


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def reached_on(names: list[str], reached: tuple[NodeReached, ...]) -> list[date | None]:
    """For each node (its name, in schedule order), the day it was reached: the earliest day on which it or a later node
    was named by a verified report (reaching 竣工 implies 开工), None while not reached."""
    first_named: dict[str, date] = {}
    for r in reached:
        name = r.node.strip()
        if name and (name not in first_named or r.on < first_named[name]):
            first_named[name] = r.on
    days: list[date | None] = []
    later: date | None = None
    for name in reversed(names):
        named = first_named.get(name.strip())
        if named is not None and (later is None or named < later):
            later = named
        days.append(later)
    return days[::-1]


def milestone_done(ind: IndicatorFacts, period_end: date) -> bool:
    """A milestone is done when verified done, or when every node of its schedule was reached by ``period_end``
    (the scoring reads the same: ``assessment.facts``)."""
    if ind.verified_done:
        return True
    names = [n.node for n in _nodes(ind, period_end)]
    return all(d is not None and d <= period_end for d in reached_on(names, ind.nodes_reached))


def _nodes(ind: IndicatorFacts, period_end: date) -> list[Point]:
    nodes = sorted((p for p in ind.points if p.due), key=lambda p: (p.due, p.node))
    return nodes or [Point(date(period_end.year, 12, 31), node=DEFAULT_NODE)]


#: The one node of a milestone without a schedule, due on 31 December.
DEFAULT_NODE = "完成"


def node_names(ind: IndicatorFacts) -> list[str]:
    """The names of a milestone's nodes in schedule order (``DEFAULT_NODE`` without a schedule)."""
    return [n.node for n in _nodes(ind, date(2000, 1, 1))]


def milestone_nodes(ind: IndicatorFacts, day: date) -> list[tuple[Point, bool]]:
    """Each node of a milestone's schedule (one 完成 by 31 December without one) and whether it was reached by
    ``day`` (the early warning reads them, ``warning_rules``)."""
    nodes = _nodes(ind, day)
    reached = reached_on([n.node for n in nodes], ind.nodes_reached)
    return [(n, d is not None and d <= day) for n, d in zip(nodes, reached, strict=True)]


def _milestone(ind: IndicatorFacts, period_end: date, t: Thresholds) -> Verdict:
    """Node by node: the earliest node past its date and not reached by ``period_end`` decides, by how late it is
    (at the year end a node due that day and not reached is late too); nodes reached late are named in the
    details."""
    nodes = _nodes(ind, period_end)
    reached = reached_on([n.node for n in nodes], ind.nodes_reached)
    reached_days = [d if d is not None and d <= period_end else None for d in reached]
    count = Decimal(len(nodes))
    due = sum(1 for n in nodes if n.due < period_end)
    done = sum(1 for d in reached_days if d is not None)
    expected, actual = Decimal(due) / count * HUNDRED, Decimal(done) / count * HUNDRED
    details = [
        f"节点“{n.node or '完成'}”计划{_md(n.due)}，{_md(d)}达成，晚{(d - n.due).days}天"
        for n, d in zip(nodes, reached_days, strict=True)
        if d is not None and d > n.due
    ]
    late_nodes = "".join(f"；{d}" for d in details)
    if milestone_done(ind, period_end):
        return Verdict(Status.COMPLETED, "经核定已完成" + late_nodes, expected, HUNDRED, HUNDRED - expected, details)
    missed = [(n, (period_end - n.due).days) for n, d in zip(nodes, reached_days, strict=True) if d is None]
    year_end = _is_year_end(period_end)
    overdue = [(n, late) for n, late in missed if late > 0 or (year_end and late == 0)]
    progress = f"（已达成{done}/{len(nodes)}个节点）" if len(nodes) > 1 else ""
    if not overdue:
        node = missed[0][0]
        reason = f"计划{_md(node.due)}前{node.node or '完成'}，尚未到期{progress}{late_nodes}"
        return Verdict(Status.ON_TRACK, reason, expected, actual, actual - expected, details)
    node, late = overdue[0]
    status = Status.SERIOUSLY_BEHIND if late > t.node_days else Status.BEHIND
    when = f"已逾期{late}天未完成" if late else "到期未完成"
    reason = f"计划{_md(node.due)}前{node.node or '完成'}，{when}{progress}{late_nodes}"
    return Verdict(status, reason, expected, actual, actual - expected, details)


def indicator_verdict(ind: IndicatorFacts, period_end: date, t: Thresholds = Thresholds()) -> Verdict:
    """The verdict of one indicator judged on ``period_end`` (a period's last day, or the day its schedule is
    due to), by its target's rule (``plans.judgment``). A submitted report waiting for verification turns a
    verdict that is not yet good (behind, not started, waiting for a figure) into 待核定, with the reported value
    marked unverified."""
    rule = ind.target_of.rule
    if rule == Rule.COUNT:
        verdict = _countable(ind, period_end, t)
    elif rule == Rule.RATE:
        verdict = _rate(ind, period_end, t)
    elif rule == Rule.BOUND:
        verdict = _bound(ind, period_end, t)
    else:
        verdict = _milestone(ind, period_end, t)
    if ind.awaiting and verdict.status in WAITS_FOR_VERIFICATION:
        reported = f"填报{_num(ind.reported_value)}{ind.unit}（未核定）" if ind.reported_value is not None else "已报送"
        reason = f"{reported}，待核定；核定前：{verdict.reason}"
        return Verdict(Status.AWAITING, reason, verdict.expected, verdict.actual, verdict.gap, verdict.details)
    return verdict


#: Verdicts a report waiting for verification may still change: shown as 待核定 until it is verified.
WAITS_FOR_VERIFICATION = {*LAGGING, Status.NOT_STARTED, Status.YEAR_END}


def task_verdict(task: TaskFacts, period_end: date, t: Thresholds = Thresholds()) -> Verdict:
    """The task's verdict: 未报送 when its report was due and is missing (naming the lead units whose part is
    missing); otherwise its worst indicator's, judged
    on ``task.judged_on`` (default ``period_end``; 已完成 only when every indicator is; 需年终评定 when every
    indicator waits for the year end)."""
    if task.report_due_passed and not task.reported:
        units = f"（{'、'.join(task.missing)}未报送）" if task.missing else ""
        return Verdict(Status.NOT_REPORTED, f"{period_end.month}月进展未按时报送{units}")
    day = task.judged_on or period_end
    verdicts = [indicator_verdict(i, day, t) for i in task.indicators]
    judged = [v for v in verdicts if v.status != Status.YEAR_END]
    if not judged:
        return Verdict(Status.YEAR_END, verdicts[0].reason if verdicts else "无可评定指标")
    worst = min(judged, key=lambda v: SEVERITY.index(v.status))
    if all(v.status == Status.COMPLETED for v in judged) and len(judged) < len(verdicts):
        worst = next(v for v in verdicts if v.status == Status.YEAR_END)
    details = [v.reason for v in verdicts]
    reason = worst.reason
    if day < period_end and worst.status != Status.COMPLETED:
        reason = f"本期报送日前，按{_md(day)}进度评定：{reason}"
    return Verdict(worst.status, reason, worst.expected, worst.actual, worst.gap, details)


def recovered(previous: Status | None, current: Status) -> bool:
    """已追赶: behind or seriously behind last period, on track (or better) now. The earlier period's
    status stays as it was: the red month stays red in the record (docs/supervision.md)."""
    return previous in LAGGING and current in RECOVERED_TO
