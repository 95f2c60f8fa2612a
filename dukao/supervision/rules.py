"""The status engine: from a task's approved schedule and its verified values, its status for a period.
Pure Python: facts in, a verdict out.

Statuses follow how real bulletins count progress (REFERENCE.md): 已完成, 超进度, 达进度, 欠进度, 严重滞后, a rest
class 需年终评定 for targets that can only be judged at year end (a growth rate before any figure is verified),
未报送 when the period's report was not in by the reporting day, and 未开始.

Thresholds (``Thresholds``, settings ``DUKAO_STATUS_THRESHOLDS``; defaults as DESIGN.md proposes): the gap is
actual minus expected share of the target, in percentage points —
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
    Status.YEAR_END: "#6b7280",
    Status.NOT_REPORTED: "#7c3aed",
    Status.NOT_STARTED: "#9ca3af",
}
#: Worst first: a task takes the status of its worst indicator.
SEVERITY = [Status.SERIOUSLY_BEHIND, Status.BEHIND, Status.NOT_STARTED, Status.ON_TRACK, Status.AHEAD, Status.COMPLETED]
LAGGING = {Status.BEHIND, Status.SERIOUSLY_BEHIND}
RECOVERED_TO = {Status.ON_TRACK, Status.AHEAD, Status.COMPLETED}
COUNTABLE = {"quantity", "money", "checklist"}
RATES = {"growth", "decline", "ratio"}


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
    """What the engine knows of one indicator: its target, schedule and latest verified result."""

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


@dataclass(frozen=True)
class TaskFacts:
    indicators: tuple[IndicatorFacts, ...]
    reported: bool = True
    report_due_passed: bool = False


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
    text = f"{value.quantize(Decimal('0.1')):f}"
    return text[:-2] if text.endswith(".0") else text


def expected_share(points: tuple[Point, ...], target: Decimal | None, period_end: date) -> Decimal:
    """The share of the target (%) the schedule expects by ``period_end``: linear between checkpoints (from
    0 on 1 January), the last checkpoint's share after it; m/12 (序时进度) without checkpoints."""
    shares = [(p.due, p.share if p.share is not None else _share(p.value, target)) for p in points]
    shares = sorted((d, s) for d, s in shares if s is not None)
    if not shares:
        return (Decimal(period_end.month) / 12 * HUNDRED).quantize(Decimal("0.1"))
    previous_day, previous_share = date(period_end.year, 1, 1), Decimal(0)
    for due, share in shares:
        if period_end <= due:
            span = (due - previous_day).days or 1
            elapsed = (period_end - previous_day).days
            return previous_share + (share - previous_share) * Decimal(elapsed) / Decimal(span)
        previous_day, previous_share = due, share
    return previous_share


def _share(value: Decimal | None, target: Decimal | None) -> Decimal | None:
    if value is None or not target:
        return None
    return value / target * HUNDRED


def _by_gap(gap: Decimal, t: Thresholds) -> Status:
    if gap >= t.ahead:
        return Status.AHEAD
    if gap >= t.on_track:
        return Status.ON_TRACK
    return Status.SERIOUSLY_BEHIND if gap < t.serious else Status.BEHIND


def _countable(ind: IndicatorFacts, period_end: date, t: Thresholds) -> Verdict:
    target = ind.target if ind.target else Decimal(ind.items or 0)
    expected = expected_share(ind.points, target, period_end)
    actual = _share(ind.verified_value or Decimal(0), target) or Decimal(0)
    gap = actual - expected
    month = f"{period_end.month}月"
    reason = f"计划至{month}完成{_fmt(expected)}%，核定完成{_fmt(actual)}%"
    reason += f"，落后{_fmt(-gap)}个百分点" if gap < 0 else f"，超出{_fmt(gap)}个百分点" if gap > 0 else ""
    if actual >= HUNDRED:
        return Verdict(Status.COMPLETED, f"核定完成{_fmt(actual)}%，已完成全年目标", expected, actual, gap)
    if ind.verified_value is None and expected <= 0:
        return Verdict(Status.NOT_STARTED, "尚未开始", expected, actual, gap)
    return Verdict(_by_gap(gap, t), reason, expected, actual, gap)


def _rate(ind: IndicatorFacts, period_end: date, t: Thresholds) -> Verdict:
    word = {"growth": "增长", "decline": "下降"}.get(ind.kind, "达到")
    target = ind.target or Decimal(0)
    if ind.verified_value is None:
        return Verdict(Status.YEAR_END, f"目标{word}{_fmt(target)}{ind.unit}，尚无核定数据，待数据发布后评定")
    value = ind.verified_value
    share = _share(value, target) if target else (HUNDRED if value >= 0 else Decimal(0))
    gap = (share or Decimal(0)) - HUNDRED
    if ind.comparator == "<=":
        gap = -gap
    reason = f"目标{word}{_fmt(target)}{ind.unit}，核定{word}{_fmt(value)}{ind.unit}"
    status = _by_gap(gap, t)
    if period_end.month == 12 and status in (Status.ON_TRACK, Status.AHEAD) and gap >= 0:
        status = Status.COMPLETED
    return Verdict(status, reason, HUNDRED, share, gap)


def _bound(ind: IndicatorFacts, t: Thresholds) -> Verdict:
    """An upper bound (最多90天, 以内, 零事件): met while the verified value stays within it."""
    target = ind.target or Decimal(0)
    if ind.verified_value is None:
        return Verdict(Status.YEAR_END, f"控制在{_fmt(target)}{ind.unit}以内，尚无核定数据")
    value = ind.verified_value
    if value <= target:
        return Verdict(Status.ON_TRACK, f"核定{_fmt(value)}{ind.unit}，控制在{_fmt(target)}{ind.unit}以内")
    over = (value - target) / target * HUNDRED if target else HUNDRED
    status = Status.SERIOUSLY_BEHIND if over > -t.serious else Status.BEHIND
    return Verdict(status, f"核定{_fmt(value)}{ind.unit}，超过上限{_fmt(target)}{ind.unit}")


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _reached_on(nodes: list[Point], reached: tuple[NodeReached, ...]) -> list[date | None]:
    """For each node (in schedule order), the day it was reached: the earliest day on which it or a later node
    was named by a verified report (reaching 竣工 implies 开工), None while not reached."""
    first_named: dict[str, date] = {}
    for r in reached:
        name = r.node.strip()
        if name and (name not in first_named or r.on < first_named[name]):
            first_named[name] = r.on
    days: list[date | None] = []
    later: date | None = None
    for node in reversed(nodes):
        named = first_named.get(node.node.strip())
        if named is not None and (later is None or named < later):
            later = named
        days.append(later)
    return days[::-1]


def _milestone(ind: IndicatorFacts, period_end: date, t: Thresholds) -> Verdict:
    """Node by node: the earliest node past its date and not reached by ``period_end`` decides, by how late it is;
    nodes reached late are named in the details."""
    nodes = sorted((p for p in ind.points if p.due), key=lambda p: (p.due, p.node)) or [
        Point(date(period_end.year, 12, 31), node="完成")
    ]
    reached_on = [d if d is not None and d <= period_end else None for d in _reached_on(nodes, ind.nodes_reached)]
    count = Decimal(len(nodes))
    due = sum(1 for n in nodes if n.due < period_end)
    done = sum(1 for d in reached_on if d is not None)
    expected, actual = Decimal(due) / count * HUNDRED, Decimal(done) / count * HUNDRED
    details = [
        f"节点“{n.node or '完成'}”计划{_md(n.due)}，{_md(d)}达成，晚{(d - n.due).days}天"
        for n, d in zip(nodes, reached_on, strict=True)
        if d is not None and d > n.due
    ]
    late_nodes = "".join(f"；{d}" for d in details)
    if ind.verified_done or done == len(nodes):
        return Verdict(Status.COMPLETED, "经核定已完成" + late_nodes, expected, HUNDRED, HUNDRED - expected, details)
    missed = [(n, (period_end - n.due).days) for n, d in zip(nodes, reached_on, strict=True) if d is None]
    overdue = [(n, late) for n, late in missed if late > 0]
    progress = f"（已达成{done}/{len(nodes)}个节点）" if len(nodes) > 1 else ""
    if not overdue:
        node = missed[0][0]
        reason = f"计划{_md(node.due)}前{node.node or '完成'}，尚未到期{progress}{late_nodes}"
        return Verdict(Status.ON_TRACK, reason, expected, actual, actual - expected, details)
    node, late = overdue[0]
    status = Status.SERIOUSLY_BEHIND if late > t.node_days else Status.BEHIND
    reason = f"计划{_md(node.due)}前{node.node or '完成'}，已逾期{late}天未完成{progress}{late_nodes}"
    return Verdict(status, reason, expected, actual, actual - expected, details)


def indicator_verdict(ind: IndicatorFacts, period_end: date, t: Thresholds = Thresholds()) -> Verdict:
    """The verdict of one indicator at the end of a period."""
    if ind.kind in COUNTABLE:
        return _countable(ind, period_end, t)
    if ind.kind in RATES and ind.comparator != "<=":
        return _rate(ind, period_end, t)
    if ind.kind in ("duration", "zero_event") or ind.comparator == "<=":
        return _bound(ind, t)
    return _milestone(ind, period_end, t)


def task_verdict(task: TaskFacts, period_end: date, t: Thresholds = Thresholds()) -> Verdict:
    """The task's verdict: 未报送 when its report was due and is missing; otherwise its worst indicator's
    (已完成 only when every indicator is; 需年终评定 when every indicator waits for the year end)."""
    if task.report_due_passed and not task.reported:
        return Verdict(Status.NOT_REPORTED, f"{period_end.month}月进展未按时报送")
    verdicts = [indicator_verdict(i, period_end, t) for i in task.indicators]
    judged = [v for v in verdicts if v.status != Status.YEAR_END]
    if not judged:
        return Verdict(Status.YEAR_END, verdicts[0].reason if verdicts else "无可评定指标")
    worst = min(judged, key=lambda v: SEVERITY.index(v.status))
    if all(v.status == Status.COMPLETED for v in judged) and len(judged) < len(verdicts):
        worst = next(v for v in verdicts if v.status == Status.YEAR_END)
    details = [v.reason for v in verdicts]
    return Verdict(worst.status, worst.reason, worst.expected, worst.actual, worst.gap, details)


def recovered(previous: Status | None, current: Status) -> bool:
    """已追赶: behind or seriously behind last period, on track (or better) now. The earlier period's
    status stays as it was (REFERENCE.md: the red month stays red in the record)."""
    return previous in LAGGING and current in RECOVERED_TO
