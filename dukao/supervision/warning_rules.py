"""Early warning (预警), pure Python: a task's next node or deadline and its verified progress in, a light out.

- 红灯 (已逾期): a node or deadline has passed and the progress due by it is not there — the unit's head and the
  分管领导 are told;
- 黄灯 (即将逾期): the next node or deadline falls within ``window`` days (today included) and the progress it asks
  for is not there yet — the unit is told;
- 绿灯: done, or nothing due within the window is short.

A node is met when it was reached (a milestone's node named by a verified report) or when the verified share of the
target reaches the share the schedule expects by that day. A verified completion is always green. The reason is
written out ("节点“竣工验收”计划7月5日，还剩7天，尚未达成").
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from dukao.plans.judgment import Rule, met, share_text
from dukao.supervision.rules import HUNDRED, IndicatorFacts, gettext_noop, milestone_nodes


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


#: Labels (pages translate them, notices keep the Chinese) and colours, worst first.
LIGHT_LABELS = {
    Light.RED: gettext_noop("已逾期"),
    Light.YELLOW: gettext_noop("即将逾期"),
    Light.GREEN: gettext_noop("正常"),
}
LIGHT_COLOURS = {Light.RED: "#b91c1c", Light.YELLOW: "#ca8a04", Light.GREEN: "#047857"}
WORST_FIRST = [Light.RED, Light.YELLOW, Light.GREEN]


@dataclass(frozen=True)
class Node:
    """A dated node or deadline: by ``due``, ``expected`` % of the target (None: the node itself must be
    ``reached``); ``name`` is the node's name, "" for a share due."""

    due: date
    name: str = ""
    expected: Decimal | None = None
    reached: bool = False


@dataclass(frozen=True)
class Warning:
    """A light, the reason in words, and the day of the node that decided it (None when nothing did)."""

    light: Light
    reason: str
    due: date | None = None


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _met(node: Node, actual: Decimal | None) -> bool:
    return node.reached or (node.expected is not None and actual is not None and actual >= node.expected)


def _what(node: Node, actual: Decimal | None) -> str:
    if node.expected is None:
        return f"节点“{node.name or '完成'}”计划{_md(node.due)}"
    done = share_text(actual) if actual is not None else "0"
    return f"计划{_md(node.due)}前完成{share_text(node.expected)}%，核定完成{done}%"


def light_of(today: date, nodes: tuple[Node, ...], actual: Decimal | None, done: bool, window: int) -> Warning:
    """The light of one indicator (or task) on ``today``: ``nodes`` its dated nodes, ``actual`` its verified share
    (%), ``done`` a verified completion, ``window`` the days ahead a node warns (the setting)."""
    if done:
        return Warning(Light.GREEN, "经核定已完成")
    short = sorted((n for n in nodes if not _met(n, actual)), key=lambda n: (n.due, n.name))
    missed = [n for n in short if n.due < today]
    if missed:
        node = missed[0]
        return Warning(Light.RED, f"{_what(node, actual)}，已逾期{(today - node.due).days}天未完成", node.due)
    ahead = [n for n in short if (n.due - today).days <= max(window, 0)]
    if ahead:
        node = ahead[0]
        left = (node.due - today).days
        when = "今日到期" if left == 0 else f"还剩{left}天"
        return Warning(Light.YELLOW, f"{_what(node, actual)}，{when}，尚未达成", node.due)
    if short:
        return Warning(Light.GREEN, f"下一节点{_md(short[0].due)}，{(short[0].due - today).days}天后到期", short[0].due)
    return Warning(Light.GREEN, "已到期节点均已达成")


def indicator_nodes(ind: IndicatorFacts, today: date) -> tuple[tuple[Node, ...], Decimal | None, bool]:
    """The nodes of one indicator as known on ``today``, its verified share and whether it is done: a milestone's
    schedule nodes (one 完成 by 31 December without a schedule); a count's checkpoints as shares (its deadline,
    else 31 December, at 100 %); a rate or a bound, its deadline (else 31 December) to meet it."""
    target = ind.target_of
    year_end = date(today.year, 12, 31)
    if target.rule == Rule.MILESTONE:
        nodes = tuple(Node(p.due, p.node or "完成", reached=r) for p, r in milestone_nodes(ind, today))
        return nodes, None, all(n.reached for n in nodes) or ind.verified_done
    done = met(target, ind.verified_value)
    last = max((p.due for p in ind.points), default=year_end)
    if target.rule != Rule.COUNT:
        return (Node(last, "完成", reached=done),), None, False
    amount = target.amount or Decimal(1)
    actual = ind.verified_value / amount * HUNDRED if ind.verified_value is not None else None
    shares = [(p.due, p.share if p.share is not None else _share(p.value, amount)) for p in ind.points]
    nodes = tuple(Node(due, expected=s) for due, s in shares if s is not None)
    return nodes or (Node(last, expected=HUNDRED),), actual, done


def _share(value: Decimal | None, amount: Decimal) -> Decimal | None:
    return value / amount * HUNDRED if value is not None else None


def task_warning(indicators: tuple[IndicatorFacts, ...], today: date, window: int) -> Warning:
    """The task's light: its worst indicator's (the earliest node among equals); green without indicators."""
    warnings = [light_of(today, *indicator_nodes(ind, today), window) for ind in indicators]
    if not warnings:
        return Warning(Light.GREEN, "无可预警的指标")
    return min(warnings, key=lambda w: (WORST_FIRST.index(w.light), w.due or date.max))
