"""A task with several lead units: each reports its own part, the task is judged on the aggregate of the parts.
Pure Python: parts in, one ``TaskFacts`` out, which the status engine (``supervision.rules``) judges as any other.

How parts add up, by the target's rule (``plans.judgment``):

- a count or an amount (数量, 金额) split by units: the verified values add up (a part with no verified value adds
  nothing; none at all is no value);
- a checklist (清单) and a milestone (里程碑) are each unit's to finish: a checklist counts the items of the part
  that has done fewest (a part without a value has done none), a milestone is done when each part is, and a node
  is reached when each part not yet done has reached it — on the day the last of them did;
- a rate or share (增长, 下降, 达到…%) and an upper bound (以内, 不超过, 零事件): the worst part governs — the lowest
  completion against the target (``plans.judgment.completion``). A part that has no verified figure leaves the
  aggregate without one (需年终评定 / 待核定), unless a part that has one already misses the target: then that
  part is the aggregate's. A rate of one unit cannot be added to another's, and the task meets its target only if
  every part does.

The task's report is in when each part is: a lead unit that has not reported makes the task 未报送 once the
reporting day has passed, and the reason names it (``TaskFacts.missing``). A value waiting for verification in any
part makes the indicator wait (待核定). The parts are taken in the order of their units' names, so the order in
which they (or their reviews) arrive never changes the result; a task with one lead unit is judged on its one
part, unchanged.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from dukao.lib.numbers import number_text
from dukao.plans.judgment import Rule, completion, met
from dukao.supervision.rules import IndicatorFacts, NodeReached, TaskFacts, node_names, reached_on


@dataclass(frozen=True)
class Part:
    """One lead unit's part of a task: the unit's name and the facts of its own reports (its verified values,
    its milestone nodes, whether it reported)."""

    unit: str
    facts: TaskFacts


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


def _fewest(values: Sequence[Decimal | None]) -> Decimal | None:
    """A checklist: the part that has done fewest items (a part without a value has done none)."""
    if all(v is None for v in values):
        return None
    return min(v if v is not None else Decimal(0) for v in values)


def _worst_of(ind: IndicatorFacts):
    """The worst of the parts' values of a rate or bound: the lowest completion, the larger value of a bound and
    the smaller of a rate among equals. None when a part has no value and every part that has one meets the
    target."""
    target, bound = ind.target_of, ind.target_of.rule == Rule.BOUND

    def worst(values: Sequence[Decimal | None]) -> Decimal | None:
        known = [v for v in values if v is not None]
        if not known:
            return None
        value = min(known, key=lambda v: (completion(target, v), -v if bound else v))
        return None if len(known) < len(values) and met(target, value) else value

    return worst


def _combine(ind: IndicatorFacts):
    """How the values of ``ind``'s parts combine (see the module docstring)."""
    if ind.target_of.rule == Rule.COUNT:
        return _fewest if ind.kind == "checklist" else _sum
    return _worst_of(ind)


def _as_reported(ind: IndicatorFacts) -> Decimal | None:
    """A part's value as reported: the unverified value waiting for verification, else the verified one."""
    return ind.reported_value if ind.awaiting and ind.reported_value is not None else ind.verified_value


def _nodes(parts: Sequence[IndicatorFacts]) -> tuple[NodeReached, ...]:
    """A node of the milestone is reached when every part not yet done has reached it, on the latest of their
    days (a part verified as done has reached every node)."""
    open_parts = [p for p in parts if not p.verified_done]
    names = node_names(parts[0])
    days = [reached_on(names, p.nodes_reached) for p in open_parts]
    reached = []
    for i, name in enumerate(names):
        each = [d[i] for d in days]
        if each and all(d is not None for d in each):
            reached.append(NodeReached(name, max(each)))
    return tuple(reached)


def indicator_aggregate(parts: Sequence[IndicatorFacts]) -> IndicatorFacts:
    """One indicator's facts from its parts (the same indicator, target and schedule, each unit's verified and
    reported values). One part is returned as it is; the order of the parts never matters."""
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    awaiting = any(p.awaiting for p in parts)
    if first.target_of.rule == Rule.MILESTONE:
        done = all(p.verified_done for p in parts)
        return replace(
            first,
            verified_value=None,
            verified_done=done,
            nodes_reached=() if done else _nodes(parts),
            previous_value=None,
            awaiting=awaiting,
            reported_value=None,
        )
    combine = _combine(first)
    return replace(
        first,
        verified_value=combine([p.verified_value for p in parts]),
        verified_done=False,
        nodes_reached=(),
        previous_value=combine([p.previous_value for p in parts]),
        awaiting=awaiting,
        reported_value=combine([_as_reported(p) for p in parts]) if awaiting else None,
    )


def task_aggregate(parts: Sequence[Part]) -> TaskFacts:
    """The task's facts from its lead units' parts: each indicator aggregated (``indicator_aggregate``), reported
    when every part is, ``missing`` naming the units that have not. One part is returned as it is."""
    if len(parts) == 1:
        return parts[0].facts
    ordered = sorted(parts, key=lambda p: p.unit)
    first = ordered[0].facts
    count = min(len(p.facts.indicators) for p in ordered)
    indicators = tuple(indicator_aggregate([p.facts.indicators[i] for p in ordered]) for i in range(count))
    missing = tuple(p.unit for p in ordered if not p.facts.reported)
    return TaskFacts(indicators, not missing, first.report_due_passed, first.judged_on, missing)


def _indicator_text(ind: IndicatorFacts) -> str:
    if ind.target_of.rule == Rule.MILESTONE:
        last = ind.nodes_reached and max(ind.nodes_reached, key=lambda r: r.on).node
        text = "经核定已完成" if ind.verified_done else f"已达节点“{last}”" if last else "尚无核定进展"
    else:
        text = f"核定{number_text(ind.verified_value)}{ind.unit}" if ind.verified_value is not None else "尚无核定数据"
    if ind.awaiting:
        reported = f"{number_text(ind.reported_value)}{ind.unit}" if ind.reported_value is not None else ""
        text += f"，填报{reported}待核定" if reported else "，已报送待核定"
    return text


def part_text(part: Part) -> str:
    """One lead unit's part in words, as the status lists show it ("区住房和城建局：未报送；核定30亿元")."""
    facts = part.facts
    state = "已报送" if facts.reported else "未报送" if facts.report_due_passed else "尚未报送"
    values = "，".join(_indicator_text(i) for i in facts.indicators)
    return f"{part.unit}：{state}" + (f"；{values}" if values else "")
