"""Properties of the status rules over open-ended schedules, reports and periods (hypothesis): they never raise,
and a verified completion, or one more node reached, never makes a status worse."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from dukao.supervision.rules import (
    SEVERITY,
    IndicatorFacts,
    NodeReached,
    Point,
    Status,
    TaskFacts,
    indicator_verdict,
    task_verdict,
)

KINDS = ["quantity", "money", "checklist", "growth", "decline", "ratio", "duration", "zero_event", "milestone"]
NODES = ["开工", "主体结构封顶", "竣工", "完成", "验收", ""]
days = st.dates(min_value=date(2019, 1, 1), max_value=date(2019, 12, 31))
amounts = st.decimals(min_value=-1000, max_value=10**9, allow_nan=False, allow_infinity=False, places=2)
points = st.builds(
    Point,
    due=days,
    share=st.none() | st.decimals(min_value=0, max_value=200, places=1),
    value=st.none() | amounts,
    node=st.sampled_from(NODES),
)


def indicators_of(kinds: list[str], comparators: list[str]) -> st.SearchStrategy[IndicatorFacts]:
    return st.builds(
        IndicatorFacts,
        kind=st.sampled_from(kinds),
        comparator=st.sampled_from(comparators),
        target=st.none() | amounts,
        items=st.integers(min_value=0, max_value=20),
        points=st.lists(points, max_size=6).map(tuple),
        verified_value=st.none() | amounts,
        verified_done=st.booleans(),
        nodes_reached=st.lists(st.builds(NodeReached, node=st.sampled_from(NODES), on=days), max_size=6).map(tuple),
    )


indicators = indicators_of(KINDS, [">=", "<=", "="])
milestones = indicators_of(["milestone"], ["="])
countables = indicators_of(["quantity", "money", "checklist"], [">="])
month_ends = st.integers(min_value=1, max_value=12).map(
    lambda m: (date(2019, m + 1, 1) if m < 12 else date(2020, 1, 1)) - timedelta(days=1)
)


def rank(status: Status) -> int:
    """Higher is better; statuses outside the severity scale (year end, not reported) rank as they are."""
    return SEVERITY.index(status) if status in SEVERITY else -1


@given(st.lists(indicators, max_size=4), st.booleans(), st.booleans(), month_ends)
def test_the_rules_never_raise(found, reported, due_passed, period_end):
    verdict = task_verdict(TaskFacts(tuple(found), reported, due_passed), period_end)
    assert verdict.status in Status and verdict.reason


@given(milestones, month_ends)
def test_a_verified_completion_never_makes_a_milestone_worse(indicator, period_end):
    before = indicator_verdict(replace(indicator, verified_done=False), period_end)
    after = indicator_verdict(replace(indicator, verified_done=True), period_end)
    assert after.status == Status.COMPLETED and rank(after.status) >= rank(before.status)


@given(milestones, st.sampled_from(NODES), days, month_ends)
def test_one_more_node_reached_never_makes_a_milestone_worse(indicator, node, on, period_end):
    before = indicator_verdict(indicator, period_end)
    more = replace(indicator, nodes_reached=(*indicator.nodes_reached, NodeReached(node, on)))
    assert rank(indicator_verdict(more, period_end).status) >= rank(before.status)


@given(countables, amounts, month_ends)
def test_a_higher_verified_amount_never_makes_a_countable_target_worse(indicator, extra, period_end):
    if indicator.verified_value is None or not indicator.target or indicator.target < 0 or extra < 0:
        return
    before = indicator_verdict(indicator, period_end)
    after = indicator_verdict(replace(indicator, verified_value=indicator.verified_value + extra), period_end)
    assert rank(after.status) >= rank(before.status)
