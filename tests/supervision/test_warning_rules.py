"""The early-warning rule (``supervision.warning_rules``, pure): each light at each position of today against a
node — before the window, inside it, on the day, missed, done — and properties over open-ended facts."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dukao.supervision.rules import IndicatorFacts, NodeReached, Point
from dukao.supervision.warning_rules import Light, Node, indicator_nodes, light_of, task_warning
from tests.supervision.test_rule_properties import days, indicators

JUNE_30 = date(2019, 6, 30)


def d(month: int, day: int) -> date:
    return date(2019, month, day)


SHARE = (Node(JUNE_30, expected=Decimal(50)),)
MILESTONE = (Node(JUNE_30, "主体结构封顶"),)


@pytest.mark.parametrize(
    ("today", "nodes", "actual", "done", "light", "reason"),
    [
        # before the window: nothing due within 7 days
        (d(6, 1), SHARE, Decimal(20), False, Light.GREEN, "下一节点6月30日，29天后到期"),
        (d(6, 1), MILESTONE, None, False, Light.GREEN, "下一节点6月30日，29天后到期"),
        # inside the window and short
        (
            d(6, 25),
            SHARE,
            Decimal(20),
            False,
            Light.YELLOW,
            "计划6月30日前完成50%，核定完成20%，还剩5天，尚未达成",
        ),
        (d(6, 23), MILESTONE, None, False, Light.YELLOW, "节点“主体结构封顶”计划6月30日，还剩7天，尚未达成"),
        # inside the window but the share is there already
        (d(6, 25), SHARE, Decimal(55), False, Light.GREEN, "已到期节点均已达成"),
        # on the day
        (JUNE_30, SHARE, None, False, Light.YELLOW, "计划6月30日前完成50%，核定完成0%，今日到期，尚未达成"),
        (JUNE_30, MILESTONE, None, False, Light.YELLOW, "节点“主体结构封顶”计划6月30日，今日到期，尚未达成"),
        # missed
        (
            d(7, 2),
            SHARE,
            Decimal("49.9"),
            False,
            Light.RED,
            "计划6月30日前完成50%，核定完成49.9%，已逾期2天未完成",
        ),
        (d(8, 1), MILESTONE, None, False, Light.RED, "节点“主体结构封顶”计划6月30日，已逾期32天未完成"),
        # a node reached in time is not missed
        (d(8, 1), (replace(MILESTONE[0], reached=True),), None, False, Light.GREEN, "已到期节点均已达成"),
        # done: green at every position
        (d(6, 25), SHARE, Decimal(20), True, Light.GREEN, "经核定已完成"),
        (JUNE_30, MILESTONE, None, True, Light.GREEN, "经核定已完成"),
        (d(8, 1), MILESTONE, None, True, Light.GREEN, "经核定已完成"),
    ],
)
def test_each_light_at_each_position(today, nodes, actual, done, light, reason):
    warning = light_of(today, nodes, actual, done, window=7)
    assert (warning.light, warning.reason) == (light, reason)


def test_the_earliest_missed_node_decides_and_the_window_is_a_setting():
    nodes = (Node(date(2019, 9, 30), "竣工"), Node(date(2019, 3, 31), "开工"))
    assert light_of(date(2019, 10, 2), nodes, None, False, 7).reason == "节点“开工”计划3月31日，已逾期185天未完成"
    ahead = (Node(date(2019, 7, 10), "开工"),)
    assert light_of(JUNE_30, ahead, None, False, 7).light == Light.GREEN
    assert light_of(JUNE_30, ahead, None, False, 10).light == Light.YELLOW


def test_an_indicator_gives_its_nodes_a_task_its_worst_light():
    count = IndicatorFacts("quantity", ">=", Decimal(1200), unit="家", points=(Point(JUNE_30, share=Decimal(50)),))
    milestone = IndicatorFacts(
        "milestone",
        "=",
        None,
        points=(Point(date(2019, 3, 31), node="开工"), Point(date(2019, 9, 30), node="竣工")),
        nodes_reached=(NodeReached("开工", date(2019, 3, 31)),),
    )
    nodes, actual, done = indicator_nodes(replace(count, verified_value=Decimal(300)), JUNE_30)
    assert (nodes, actual, done) == ((Node(JUNE_30, expected=Decimal(50)),), Decimal(25), False)
    warning = task_warning((replace(count, verified_value=Decimal(300)), milestone), date(2019, 7, 1), 7)
    assert (warning.light, warning.due) == (Light.RED, JUNE_30)
    assert task_warning((milestone,), date(2019, 9, 25), 7).reason == "节点“竣工”计划9月30日，还剩5天，尚未达成"
    assert task_warning((), JUNE_30, 7).light == Light.GREEN
    rate = IndicatorFacts("growth", ">=", Decimal("5.5"), unit="%")
    assert task_warning((rate,), date(2019, 12, 28), 7).reason == "节点“完成”计划12月31日，还剩3天，尚未达成"
    assert task_warning((replace(rate, verified_value=Decimal(6)),), date(2019, 12, 28), 7).light == Light.GREEN


@given(st.lists(indicators, max_size=4), days, st.integers(min_value=-3, max_value=60))
def test_the_rule_never_raises_and_red_only_after_a_date_passed(inds, today, window):
    warning = task_warning(tuple(inds), today, window)
    assert warning.reason
    if warning.light == Light.RED:
        assert warning.due is not None and warning.due < today
    if warning.light == Light.YELLOW:
        assert warning.due is not None and today <= warning.due


@given(indicators, days, st.integers(min_value=0, max_value=60))
def test_a_verified_completion_is_never_red_or_yellow(ind, today, window):
    done = replace(ind, verified_done=True, verified_value=ind.target_of.amount)
    if ind.target_of.rule.value in ("milestone", "count"):
        assert task_warning((done,), today, window).light == Light.GREEN
    assert light_of(today, indicator_nodes(ind, today)[0], None, True, window).light == Light.GREEN
