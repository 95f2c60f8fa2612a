"""Year-end scoring (年底考核), pure Python: verified results in, scores with their explanation out.

Every number is a field of ``Rules`` (one rules object per plan-year, stored with the assessment), with these
documented defaults (docs/assessment.md, "Scoring rules"):
- A类 (责任目标) carries the base marks (``base`` = 100 per task): full marks when the target is met; below it,
  proportional to the completion ratio (capped at 100 % for marks, shown uncapped); below ``zero_below`` (50 %)
  no marks — half a target is not a partial success of a responsibility target;
- B类 (激励目标) and C类 (争先创优目标) add ``bonus`` marks (2 and 3) when met, nothing otherwise;
- a 力争 stretch target met adds ``stretch_bonus`` (1);
- deductions: each supervision case ``case_deduction`` (2), each late report ``late_deduction`` (0.5), each
  missing report ``missing_deduction`` (1); on one task at most ``task_deduction_cap`` (5) — a task's
  deductions stop at its weight in the bonus range (扣完为止), so one neglected task cannot sink a unit alone;
- 催办次数扣分: each 催办 a unit received in the year ``urge_deduction`` (0: off by default; an office that counts
  them sets it, e.g. 0.5), from the unit's score;
- an objective cause (客观原因: e.g. a coordination request the district answered late) accepted by a reviewer
  scores the task as met when its completion reached ``objective_floor`` (80 %) and waives its deductions;
- a unit's score: the marks it earned on the tasks it leads (weight 1) and cooperates on (weight
  ``cooperating_share``, 0.2), as a percentage of the marks possible on those tasks — so units with many or few
  tasks compare fairly — plus its bonuses, minus its deductions, plus the office's adjustment (加减分); never below
  ``floor`` (0): the score reads on the scale people know, base out of 100 plus bonus minus deductions, and a unit
  whose deductions exceed what it earned stands at the floor (扣完为止) instead of at −70;
- a task with several lead units (each reports its own part, ``supervision.parts``) is credited to the lead units
  whose part was reported and verified; a lead unit that never had its part verified earns no marks on it
  (``uncredited``), the marks possible stay;
- a unit that leads no task (it only cooperates) is scored but not ranked (``UnitScore.ranked``): its score
  measures other units' work, so it is listed apart;
- a unit whose weights add up to zero (no task carries base marks for it: it leads only B类/C类 tasks, or only
  cooperates with a cooperating share of 0) is not scored (``UnitScore.score`` None) and not ranked, with the
  reason in its explanation — never 0.00 with a rank.

A task's completion (``task_completion``) comes from its indicators' verified values, each judged by the one
judgment of a target that the status engine uses too (``plans.judgment``): a count, amount or checklist
(数量/金额/清单) or a rate (增长率/下降率/比率) is verified ÷ target; an upper bound (以内, 不超过, 控制在, 零事件) is 1
while at or under it, else bound ÷ value; a milestone is 1 when done, else 0; an indicator never verified is 0.
With one indicator the task's completion is that indicator's, uncapped (shown as 105 %); with several, the mean
of each capped at 1 — one over-fulfilled indicator does not make up for another left undone.
"""

from dataclasses import asdict, dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dukao.lib.numbers import number_text
from dukao.plans import judgment

ZERO, ONE, HUNDRED = Decimal(0), Decimal(1), Decimal(100)


@dataclass(frozen=True)
class Rules:
    base: Decimal = Decimal(100)
    zero_below: Decimal = Decimal("0.5")
    bonus: tuple[tuple[str, Decimal], ...] = (("B", Decimal(2)), ("C", Decimal(3)))
    stretch_bonus: Decimal = Decimal(1)
    case_deduction: Decimal = Decimal(2)
    late_deduction: Decimal = Decimal("0.5")
    missing_deduction: Decimal = Decimal(1)
    task_deduction_cap: Decimal = Decimal(5)
    urge_deduction: Decimal = ZERO
    objective_floor: Decimal = Decimal("0.8")
    cooperating_share: Decimal = Decimal("0.2")
    floor: Decimal = ZERO

    def as_dict(self) -> dict[str, Any]:
        """JSON-able form (decimals as strings) stored with an assessment."""
        data = asdict(self)
        return {k: [[t, str(v)] for t, v in val] if k == "bonus" else str(val) for k, val in data.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Rules":
        """The inverse of ``as_dict``; missing keys take the defaults. Raises ``ValueError`` on an unknown key
        or a value that is not a number."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"未知的考核规则项：{'、'.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        try:
            for key, value in data.items():
                if key == "bonus":
                    values[key] = tuple((str(t), Decimal(str(v))) for t, v in value)
                else:
                    values[key] = Decimal(str(value))
        except (ArithmeticError, TypeError, ValueError) as exc:
            raise ValueError(f"考核规则项的值不是数字：{exc}") from exc
        return cls(**values)


@dataclass(frozen=True)
class Measured:
    """One indicator's verified year-end value against its target (both in the indicator's unit)."""

    kind: str
    comparator: str
    target: Decimal | None
    verified_value: Decimal | None = None
    verified_done: bool = False
    stretch: Decimal | None = None
    items: int = 0


def indicator_completion(m: Measured) -> Decimal:
    """Verified ÷ target for one indicator (``plans.judgment.completion``); 0 when never verified."""
    return judgment.completion(
        judgment.Target(m.kind, m.comparator, m.target, m.items), m.verified_value, m.verified_done
    )


def task_completion(indicators: list[Measured]) -> Decimal:
    """A task's completion ratio (1 = met) from its indicators; 0 for a task without indicators."""
    ratios = [indicator_completion(m) for m in indicators]
    if not ratios:
        return ZERO
    if len(ratios) == 1:
        return ratios[0]
    return sum((min(r, ONE) for r in ratios), ZERO) / len(ratios)


def stretch_met(indicators: list[Measured]) -> bool:
    """A 力争 value reached by a verified value (any indicator with one)."""
    return any(judgment.stretch_met(m.stretch, m.verified_value) for m in indicators)


@dataclass(frozen=True)
class TaskResult:
    """A task's verified year-end result: ``completion`` = verified ÷ target (1 = met; may exceed 1)."""

    seq: str
    target_type: str
    completion: Decimal
    stretch_met: bool = False
    cases: int = 0
    late_reports: int = 0
    missing_reports: int = 0
    objective_cause: bool = False


@dataclass(frozen=True)
class TaskScore:
    """Marks on the base (A类), bonus (B/C类, 力争), deductions, and how they were computed, in words."""

    seq: str
    base_earned: Decimal
    base_possible: Decimal
    bonus: Decimal
    deductions: Decimal
    explanation: list[str] = field(default_factory=list)


def _n(value: Decimal) -> str:
    """A number as people write it: 7, 0.5 (not 7.0, 0.50)."""
    return number_text(value)


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def score_task(result: TaskResult, rules: Rules = Rules()) -> TaskScore:
    """Score one task under ``rules``."""
    lines = [f"完成率{judgment.share_round(result.completion * HUNDRED, 2)}%"]
    completion = result.completion
    waived = result.objective_cause and completion >= rules.objective_floor
    if waived:
        lines.append(f"客观原因经认定，完成率达到{_q(rules.objective_floor * HUNDRED)}%，按完成计")
        completion = max(completion, ONE)
    met = completion >= ONE
    base_possible = rules.base if result.target_type in ("A", "") else ZERO
    base_earned = ZERO
    if base_possible:
        ratio = min(completion, ONE) if completion >= rules.zero_below else ZERO
        base_earned = judgment.round_under(base_possible * ratio, base_possible, 2)
        lines.append(
            f"基础分{base_earned}/{base_possible}"
            + ("" if ratio else f"（低于{_q(rules.zero_below * HUNDRED)}%不得分）")
        )
    bonus = dict(rules.bonus).get(result.target_type, ZERO) if met else ZERO
    if bonus:
        lines.append(f"{result.target_type}类目标完成，加{bonus}分")
    if result.stretch_met:
        bonus += rules.stretch_bonus
        lines.append(f"完成力争目标，加{rules.stretch_bonus}分")
    deductions = ZERO
    if not waived:
        deductions = (
            result.cases * rules.case_deduction
            + result.late_reports * rules.late_deduction
            + result.missing_reports * rules.missing_deduction
        )
        if deductions:
            capped, cap = min(deductions, rules.task_deduction_cap), rules.task_deduction_cap
            lines.append(
                f"督办{result.cases}次、迟报{result.late_reports}次、未报{result.missing_reports}次，扣{_n(capped)}分"
                + (f"（应扣{_n(deductions)}分，单项最多扣{_n(cap)}分）" if capped < deductions else "")
            )
            deductions = capped
    return TaskScore(result.seq, base_earned, base_possible, bonus, deductions, lines)


def uncredited(score: TaskScore) -> TaskScore:
    """The task as scored for a lead unit that did not report its part of it (a task with several lead units,
    ``supervision.parts``): no base marks and no bonus; the marks possible and the deductions stay, so the unit's
    rate falls. The units that reported their part are credited the task's score."""
    note = "本单位承担的部分未报送核定，不计得分"
    return TaskScore(score.seq, ZERO, score.base_possible, ZERO, score.deductions, [*score.explanation, note])


@dataclass(frozen=True)
class UnitScore:
    """``score`` = ``base_percent`` (marks earned as % of marks possible) + ``bonus`` − ``deductions`` +
    ``adjustment``, never below ``Rules.floor``; ``ranked`` is False for a unit that leads no task; ``score`` and
    ``base_percent`` are None for a unit not scored (its weights add up to zero)."""

    base_percent: Decimal | None
    bonus: Decimal
    deductions: Decimal
    adjustment: Decimal
    score: Decimal | None
    ranked: bool
    explanation: list[str]


def score_unit(
    led: list[TaskScore],
    cooperating: list[TaskScore],
    rules: Rules = Rules(),
    adjustment: Decimal = ZERO,
    urges: int = 0,
) -> UnitScore:
    """A unit's score from the scores of the tasks it leads and cooperates on, the office's ``adjustment`` and the
    ``urges`` (催办) it received in the year (points, see the module docstring)."""
    share = rules.cooperating_share
    earned = sum((t.base_earned for t in led), ZERO) + share * sum((t.base_earned for t in cooperating), ZERO)
    possible = sum((t.base_possible for t in led), ZERO) + share * sum((t.base_possible for t in cooperating), ZERO)
    bonus = sum((t.bonus for t in led), ZERO)
    deductions = sum((t.deductions for t in led), ZERO)
    urged = urges * rules.urge_deduction
    deductions += urged
    if not possible:
        reason = (
            f"牵头{len(led)}项、配合{len(cooperating)}项，计分权重合计为0（没有计基础分的任务），不计分，不参与排名"
        )
        return UnitScore(None, bonus, deductions, adjustment, None, False, [reason])
    percent = judgment.share_round(earned / possible * HUNDRED, 2)
    lines = [
        f"牵头{len(led)}项、配合{len(cooperating)}项（配合按{_q(share * HUNDRED)}%计）",
        f"基础得分率{percent}%（{_q(earned)}/{_q(possible)}）",
        f"加分{bonus}，扣分{deductions}",
    ]
    if urged:
        lines.append(f"收到催办{urges}次，每次扣{_n(rules.urge_deduction)}分，扣{_n(urged)}分")
    total = _q(percent + bonus - deductions + adjustment)
    if total < rules.floor:
        lines.append(f"合计{_n(total)}分，低于下限{_n(rules.floor)}分，按{_n(rules.floor)}分计")
        total = _q(rules.floor)
    if not led:
        lines.append("无牵头任务，单列，不参与排名")
    return UnitScore(percent, bonus, deductions, adjustment, total, bool(led), lines)


Marks = tuple[Decimal, Decimal, Decimal]  # a task's (base earned, bonus, deductions)


@dataclass(frozen=True)
class Decided:
    """An appeal decision and the scores around it: the unit's total before and after, and — when the appeal or
    its adjustment names a task — that task's marks before and after and its completion afterwards."""

    accepted: bool
    kind: str  # the adjustment's kind ("objective_cause", "completion", "points"), "" for none
    unit_before: Decimal
    unit_after: Decimal
    task_before: Marks | None = None
    task_after: Marks | None = None
    completion: Decimal | None = None


def appeal_effect(d: Decided, rules: Rules = Rules()) -> str:
    """What an appeal decision changed in the score, in words — or why it changed nothing."""
    if d.unit_after != d.unit_before:
        text = (
            f"总分由{_n(d.unit_before)}分变为{_n(d.unit_after)}分（{(d.unit_after - d.unit_before).normalize():+f}分）"
        )
        if d.task_before is not None and d.task_after is not None and d.task_before != d.task_after:
            names = ("基础分", "加分", "扣分")
            parts = [
                f"{n}{_n(b)}→{_n(a)}" for n, b, a in zip(names, d.task_before, d.task_after, strict=True) if a != b
            ]
            text += "；任务" + "、".join(parts)
        return text
    unchanged = f"得分不变（总分{_n(d.unit_before)}分）"
    if not d.accepted:
        return f"不予采纳，{unchanged}"
    if not d.kind:
        return f"采纳，未作调整，{unchanged}"
    task_same = d.task_before is not None and d.task_before == d.task_after
    if task_same and d.kind == "objective_cause" and d.completion is not None and d.completion < rules.objective_floor:
        floor = _q(rules.objective_floor * HUNDRED)
        return f"完成率{_q(d.completion * HUNDRED)}%未达到认定客观原因所需的{floor}%，按原完成率计分，{unchanged}"
    if task_same and d.kind == "completion" and d.completion is not None and d.completion < rules.zero_below:
        below = _q(rules.zero_below * HUNDRED)
        return f"更正后的完成率{_q(d.completion * HUNDRED)}%仍低于{below}%，不得基础分，{unchanged}"
    if task_same:
        return f"调整未改变该任务的基础分、加分和扣分，{unchanged}"
    if d.unit_after == rules.floor:
        return f"调整后总分仍不高于下限{_n(rules.floor)}分，{unchanged}"
    return f"任务得分有变化，但计入本单位后总分未变，{unchanged}"
