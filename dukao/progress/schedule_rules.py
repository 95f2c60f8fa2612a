"""The default schedule of an indicator (进度计划), before the lead unit proposes its own. Pure Python.

Defaults (documented in docs/schedules.md):
- a countable target (quantity, money, checklist) is planned cumulatively by quarter at the time-proportional
  share, 25 / 50 / 75 / 100 % at the quarter ends (the 序时进度 yardstick of REFERENCE.md, sampled quarterly);
- a rate or bound (growth, decline, ratio, duration, zero events) applies all year: one year-end checkpoint
  holding the target value, compared period by period with the rate reached so far;
- a milestone has one dated node: the task's deadline if the document gave one, else the year end.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

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
        return [PlannedPoint(date(year, m, d), share=Decimal(25 * (q + 1))) for q, (m, d) in enumerate(QUARTER_ENDS)]
    if kind == "milestone" or target is None and kind in COUNTABLE:
        due = deadline if deadline and deadline.year == year else date(year, 12, 31)
        return [PlannedPoint(due, node=node or "完成")]
    return [PlannedPoint(date(year, 12, 31), value=target)]
