"""One judgment of a target: whether a verified value meets it, and by how much. Pure Python (no Django).

The status engine (``supervision.rules``) and the year-end scoring (``assessment.scoring``) both judge targets
here, so a unit's status light and its score never disagree on met / not met. Each indicator follows one rule,
chosen by ``rule_of``:

- ``BOUND`` — an upper bound (以内, 不超过, 低于, 控制在, 最多, 零事件, and every duration): met while the verified
  value is at or under the bound, at every period and at year end; over it, the completion is bound ÷ value
  (0 for a bound of 0).
- ``RATE`` — a growth rate, decline rate or share to reach (增长5.5%, 下降3%以上, 达到95%): met when the verified
  value is at least the target; completion value ÷ target (for a target of 0 or less: 1 when met, else 0).
- ``COUNT`` — a count, an amount or a checklist with a positive target (新增25家, 130亿元, 完成7项): cumulative
  verified value ÷ target (a checklist's target is its number of items), met at 1.
- ``MILESTONE`` — a milestone, or a count the document gave no number for: met when verified done (or every node
  of its schedule reached, which the caller folds into ``done``).

A target never verified is not met (completion 0). Percentages shown to people go through ``share_text``,
which never rounds a share below 100 % up to 100 % (1,999 of 2,000 is 99.9 %, as real bulletins write it).
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum

ZERO, ONE, HUNDRED = Decimal(0), Decimal(1), Decimal(100)
BOUND_KINDS = frozenset({"duration", "zero_event"})
RATE_KINDS = frozenset({"growth", "decline", "ratio"})
COUNT_KINDS = frozenset({"quantity", "money", "checklist"})


class Rule(StrEnum):
    BOUND = "bound"
    RATE = "rate"
    COUNT = "count"
    MILESTONE = "milestone"


@dataclass(frozen=True)
class Target:
    """What an indicator asks for: its kind, comparator, target value, and (checklists) number of items."""

    kind: str
    comparator: str
    target: Decimal | None
    items: int = 0

    @property
    def amount(self) -> Decimal | None:
        """The value to reach: the target, or for a checklist without one its number of items."""
        if self.target:
            return self.target
        return Decimal(self.items) if self.kind in COUNT_KINDS and self.items else self.target

    @property
    def rule(self) -> Rule:
        if self.kind in BOUND_KINDS or self.comparator == "<=":
            return Rule.BOUND
        if self.kind in RATE_KINDS:
            return Rule.RATE
        if self.kind in COUNT_KINDS and self.amount is not None and self.amount > 0:
            return Rule.COUNT
        return Rule.MILESTONE


def completion(target: Target, value: Decimal | None, done: bool = False) -> Decimal:
    """The verified value against the target as a ratio, 1 = met (may exceed 1; see the module docstring)."""
    rule, amount = target.rule, target.amount
    if rule == Rule.MILESTONE:
        return ONE if done else ZERO
    if value is None:
        return ZERO
    if rule == Rule.BOUND:
        bound = amount if amount is not None else ZERO
        if value <= bound:
            return ONE
        return bound / value if bound > 0 else ZERO
    if amount is None or amount <= 0:
        return ONE if value >= (amount or ZERO) else ZERO
    return max(value / amount, ZERO)


def met(target: Target, value: Decimal | None, done: bool = False) -> bool:
    """Whether the verified ``value`` (or, for a milestone, ``done``) meets the target."""
    return completion(target, value, done) >= ONE


def stretch_met(stretch: Decimal | None, value: Decimal | None) -> bool:
    """A 力争 (stretch) value reached by the verified value."""
    return stretch is not None and value is not None and value >= stretch


def round_under(value: Decimal, whole: Decimal, places: int) -> Decimal:
    """``value`` to ``places`` decimals, half up — except that a value under ``whole`` is rounded down where
    rounding would reach ``whole``: a part is never shown as the whole."""
    step = Decimal(1).scaleb(-places)
    rounded = value.quantize(step, ROUND_HALF_UP)
    if value < whole <= rounded:
        return value.quantize(step, ROUND_DOWN)
    return rounded


def share_round(share: Decimal, places: int = 1) -> Decimal:
    """``share`` (%) to ``places`` decimals (``round_under`` 100): ``99.95`` → ``99.9``, never ``100``."""
    return round_under(share, HUNDRED, places)


def share_text(share: Decimal, places: int = 1) -> str:
    """``share`` as people write it (``share_round``, trailing zeros trimmed): ``Decimal("50.0")`` → ``"50"``."""
    text = f"{share_round(share, places):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
