"""The default schedule of an indicator (进度计划), before the lead unit proposes its own. Pure Python.

Defaults (docs/reporting.md, "Schedules"):
- a countable target (quantity, money, checklist) is planned cumulatively by quarter at the time-proportional
  share, 25 / 50 / 75 / 100 % at the quarter ends (the 序时进度 yardstick, sampled quarterly); with a deadline
  before the year end (in the requirement, "6月底前新增20家", or in the 完成时限 column), the quarters before it
  at their share of the time to it and 100 % on the deadline;
- a rate or bound (growth, decline, ratio, duration, zero events) applies all year: one year-end checkpoint
  holding the target value, compared period by period with the rate reached so far;
- a milestone has one dated node: its deadline if the document gave one (``deadlines.indicator_deadline``), else
  the year end.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dukao.plans.parsing.deadlines import indicator_deadline

COUNTABLE = {"quantity", "money", "checklist"}
QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


@dataclass(frozen=True)
class PlannedPoint:
    """One checkpoint: by ``due``, ``share`` % of the target, or ``value`` in the indicator's unit, or
    the milestone ``node``."""

    due: date
    share: Decimal | None = None
    value: Decimal | None = None
    node: str = ""


def default_points(
    kind: str, target: Decimal | None, year: int, deadline: date | None, node: str
) -> list[PlannedPoint]:
    """The default checkpoints of an indicator of ``kind`` with ``target`` in a plan of ``year``."""
    if kind in COUNTABLE and target is not None:
        if deadline and deadline.year == year and deadline < date(year, 12, 31):
            before = [(m, d) for m, d in QUARTER_ENDS if date(year, m, d) < deadline]
            shares = [PlannedPoint(date(year, m, d), share=Decimal(100 * m) / deadline.month) for m, d in before]
            return [*shares, PlannedPoint(deadline, share=Decimal(100))]
        return [PlannedPoint(date(year, m, d), share=Decimal(25 * (q + 1))) for q, (m, d) in enumerate(QUARTER_ENDS)]
    if kind == "milestone" or target is None and kind in COUNTABLE:
        due = deadline if deadline and deadline.year == year else date(year, 12, 31)
        return [PlannedPoint(due, node=node or "完成")]
    return [PlannedPoint(date(year, 12, 31), value=target)]


def indicator_points(
    kind: str,
    target: Decimal | None,
    year: int,
    *,
    text: str,
    verb: str,
    subject: str,
    requirement: str,
    deadline: date | None,
) -> list[PlannedPoint]:
    """The default checkpoints of one indicator of a task: its node named by its verb and subject (else its
    words), its deadline found wherever the document gives it (``deadlines.indicator_deadline``; ``deadline`` is
    the task's 完成时限 column)."""
    node = f"{verb}{subject}" if verb else text[:200]
    return default_points(kind, target, year, indicator_deadline(text, requirement, deadline, year), node)
