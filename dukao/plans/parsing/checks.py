"""Decomposition checks: rows that share a task name whose name states totals must add up. Pure Python.

Seed: annex 1 rows 79–81 share "实现征迁1100户,清零项目11个,安置900套" and split it over three street
offices (1100户 / 9+2个 / 135+765套); annex 2 rows 8–9 share "完成公厕提升改造10座" (7 named + 3 named).
A mismatch is a warning of the import report, never an error: the document is what was issued.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from dukao.lib.numbers import number_text
from dukao.plans.parsing.indicators import IndicatorKind, ParsedIndicator, parse_indicators

_COUNTED = {IndicatorKind.QUANTITY, IndicatorKind.MONEY, IndicatorKind.CHECKLIST}


@dataclass(frozen=True)
class Row:
    """One row of a plan as the check needs it: 序号, task name, and the row's parsed indicators."""

    seq: str
    name: str
    indicators: list[ParsedIndicator]


def _parts(indicators: list[ParsedIndicator], unit: str) -> Decimal | None:
    """What one row contributes to a total in ``unit`` (a normalised unit): its quantities in that unit,
    or, failing those, the number of items of an unlabelled checklist."""
    values = [
        i.normalized_target
        for i in indicators
        if i.kind in _COUNTED and i.normalized_unit == unit and i.normalized_target is not None
    ]
    if values:
        return sum(values, Decimal(0))
    checklists = [i for i in indicators if i.kind == IndicatorKind.CHECKLIST and not i.unit and i.items]
    return Decimal(sum(len(i.items) for i in checklists)) if checklists else None


def _format(value: Decimal, unit: str) -> str:
    return number_text(value, unit)


def check_decomposition(plan_title: str, rows: list[Row]) -> list[str]:
    """Warnings (Chinese sentences) for every task group whose name states a total that its rows' parts
    do not add up to. A group is two or more rows with the same name; totals are the name's quantities."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[row.name].append(row)
    warnings = []
    for name, members in groups.items():
        if len(members) < 2:
            continue
        seqs = "、".join(r.seq for r in members)
        for total in parse_indicators(name):
            if total.kind not in _COUNTED or total.normalized_target is None or not total.normalized_unit:
                continue
            parts = [p for p in (_parts(r.indicators, total.normalized_unit) for r in members) if p is not None]
            found = sum(parts, Decimal(0))
            if found != total.normalized_target:
                warnings.append(
                    f"“{plan_title}”序号{seqs}同为“{name}”：任务名称写明"
                    f"{_format(total.normalized_target, total.normalized_unit)}，各行合计"
                    f"{_format(found, total.normalized_unit)}。"
                )
    return warnings


#: A requirement shorter than this ("完成", "全面完成") says too little to identify a piece of work.
SAME_WORK_MIN_LENGTH = 8


def same_work(plans: list[list[tuple[str, str, list[str]]]]) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """Pairs of rows of different plans that describe the same work: the same requirement (ignoring
    whitespace) of at least ``SAME_WORK_MIN_LENGTH`` characters and a lead unit in common.

    ``plans`` holds, per plan, its rows as ``(seq, requirement, lead unit names)``; the result pairs
    ``(plan index, seq)``. Seed: annex 2 row 1 and annex 1 row 97 (紫阳街道“污水零直排区”), annex 2 row 8
    and annex 1 row 101 (seven public toilets).
    """
    seen: dict[str, list[tuple[int, str, set[str]]]] = defaultdict(list)
    pairs = []
    for index, rows in enumerate(plans):
        for seq, requirement, leads in rows:
            key = "".join(requirement.split())
            if len(key) < SAME_WORK_MIN_LENGTH:
                continue
            for other_index, other_seq, other_leads in seen[key]:
                if other_index != index and other_leads & set(leads):
                    pairs.append(((other_index, other_seq), (index, seq)))
            seen[key].append((index, seq, set(leads)))
    return pairs
