"""Routing an indicator to the unit that verifies it. Pure Python: rules in, a unit name out.

Source: the seed notice — "区发改经信局负责对建设工程的进度情况进行评估和确认；区统计局负责对各部门完成的经济类数据
进行真实性审核", everything else supervised by 区政府办公室. The rules themselves are data (``VerifierRule``).
"""

import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

_SEPARATORS = re.compile(r"[、,，;；\s]+")


@dataclass(frozen=True)
class Rule:
    """A routing rule: ``keywords`` (empty = matches everything) route to the unit named ``verifier``.
    With ``match_name`` the task name is searched as well as the indicator's text (an economic figure is
    often named only in the task name: "地区生产总值" / "增长5.5%"); without it only the indicator's text
    counts (a construction node is in the requirement; "实验区建设" in a name is no construction work)."""

    verifier: str
    keywords: tuple[str, ...]
    match_name: bool = True


def keywords_of(text: str) -> tuple[str, ...]:
    """ "地区生产总值、增加值\\n零售总额" → ("地区生产总值", "增加值", "零售总额")."""
    return tuple(k for k in _SEPARATORS.split(text) if k)


def route(rules: list[Rule], name: str, text: str) -> str | None:
    """The verifier of the first rule (in order) one of whose keywords occurs in the indicator's ``text``
    (or the task ``name``, for rules that match names), or whose keyword list is empty; None when no rule
    applies."""
    for rule in rules:
        haystack = f"{name}\n{text}" if rule.match_name else text
        if not rule.keywords or any(k in haystack for k in rule.keywords):
            return rule.verifier
    return None


def verifying_unit[U: Hashable](verifier: U, reporting: U, alternatives: Mapping[U, U], default: U) -> U | None:
    """Nobody verifies their own figures: the unit that verifies an indicator routed to ``verifier`` on a report
    of the unit ``reporting`` — the verifier, unless it is the reporting unit; then the reporting unit's
    alternative (``alternatives``, else ``default``); None when that too is the reporting unit (no unit may)."""
    if verifier != reporting:
        return verifier
    alternative = alternatives.get(reporting, default)
    return None if alternative == reporting else alternative
