"""A task with several lead units (``supervision.parts``, pure): the table of how parts add up by kind, and the
properties — the aggregate never raises, never depends on the order of the parts, and one part is that part."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dukao.supervision.parts import Part, indicator_aggregate, part_text, task_aggregate
from dukao.supervision.rules import IndicatorFacts, NodeReached, Point, Status, TaskFacts, task_verdict

JUNE_END = date(2019, 6, 30)


def part(name: str, *, reported: bool = True, **values) -> Part:
    """A part of a task with one indicator: 新增1000家 unless ``values`` say otherwise."""
    indicator = IndicatorFacts(**{"kind": "quantity", "comparator": ">=", "target": D(1000), "unit": "家", **values})
    return Part(name, TaskFacts((indicator,), reported=reported, report_due_passed=True))


def aggregate(*parts: Part) -> IndicatorFacts:
    return task_aggregate(parts).indicators[0]


GROWTH = {"kind": "growth", "comparator": ">=", "target": D("8.2"), "unit": "%"}
BOUND = {"kind": "quantity", "comparator": "<=", "target": D(3), "unit": "起"}
CHECKLIST = {"kind": "checklist", "comparator": ">=", "target": None, "items": 7, "unit": "项"}
NODES = (Point(date(2019, 4, 30), node="开工"), Point(date(2019, 9, 30), node="竣工"))
MILESTONE = {"kind": "milestone", "comparator": "=", "target": None, "points": NODES}


@pytest.mark.parametrize(
    ("kind", "a", "b", "value"),
    [
        ("a count split by units adds up", {"verified_value": D(600)}, {"verified_value": D(400)}, D(1000)),
        ("a part with nothing verified adds nothing", {"verified_value": D(600)}, {}, D(600)),
        ("nothing verified anywhere is no value", {}, {}, None),
        (
            "a growth rate: the lower part governs",
            {**GROWTH, "verified_value": D("9.1")},
            {**GROWTH, "verified_value": D("7.5")},
            D("7.5"),
        ),
        (
            "a rate met by one part, none yet from the other: no figure",
            {**GROWTH, "verified_value": D("9.1")},
            GROWTH,
            None,
        ),
        ("a rate missed by one part governs at once", {**GROWTH, "verified_value": D("7.5")}, GROWTH, D("7.5")),
        (
            "an upper bound: the higher part governs",
            {**BOUND, "verified_value": D(1)},
            {**BOUND, "verified_value": D(5)},
            D(5),
        ),
        (
            "a checklist: the part that did fewest items",
            {**CHECKLIST, "verified_value": D(7)},
            {**CHECKLIST, "verified_value": D(4)},
            D(4),
        ),
        ("a checklist: a part without a value did none", {**CHECKLIST, "verified_value": D(7)}, CHECKLIST, D(0)),
    ],
)
def test_the_parts_add_up_by_the_kind_of_target(kind, a, b, value):
    assert aggregate(part("区发改经信局", **a), part("区统计局", **b)).verified_value == value, kind


def test_a_milestone_is_done_when_each_part_is_and_a_node_when_each_open_part_reached_it():
    started = (NodeReached("开工", date(2019, 4, 30)),)
    late = (NodeReached("开工", date(2019, 5, 31)),)
    one_done = aggregate(part("甲", **MILESTONE, verified_done=True), part("乙", **MILESTONE, nodes_reached=late))
    assert not one_done.verified_done
    assert one_done.nodes_reached == (NodeReached("开工", date(2019, 5, 31)),)
    both = aggregate(part("甲", **MILESTONE, nodes_reached=started), part("乙", **MILESTONE, nodes_reached=late))
    assert both.nodes_reached == (NodeReached("开工", date(2019, 5, 31)),)  # the later of the two days
    assert aggregate(part("甲", **MILESTONE, nodes_reached=started), part("乙", **MILESTONE)).nodes_reached == ()
    assert aggregate(
        part("甲", **MILESTONE, verified_done=True), part("乙", **MILESTONE, verified_done=True)
    ).verified_done


def test_a_lead_unit_that_has_not_reported_makes_the_task_not_reported_and_is_named():
    facts = task_aggregate([part("区统计局", reported=False), part("区发改经信局", verified_value=D(600))])
    assert (facts.reported, facts.missing) == (False, ("区统计局",))
    verdict = task_verdict(facts, JUNE_END)
    assert verdict.status == Status.NOT_REPORTED
    assert verdict.reason == "6月进展未按时报送（区统计局未报送）"


def test_both_parts_reported_and_verified_judge_the_sum():
    facts = task_aggregate([part("区发改经信局", verified_value=D(600)), part("区统计局", verified_value=D(400))])
    verdict = task_verdict(facts, JUNE_END)
    assert (verdict.status, facts.missing) == (Status.COMPLETED, ())


def test_a_value_waiting_in_one_part_makes_the_indicator_wait_with_the_reported_total():
    waiting = part("区统计局", verified_value=D(100), awaiting=True, reported_value=D(300))
    facts = task_aggregate([part("区发改经信局", verified_value=D(200)), waiting])
    assert (facts.indicators[0].awaiting, facts.indicators[0].reported_value) == (True, D(500))
    assert task_verdict(facts, JUNE_END).status == Status.AWAITING


# ----- properties ---------------------------------------------------------------------------------------------

KINDS = ["quantity", "money", "checklist", "growth", "decline", "ratio", "duration", "zero_event", "milestone"]
NAMES = ["开工", "竣工", "完成", ""]
days = st.dates(min_value=date(2019, 1, 1), max_value=date(2019, 12, 31))
amounts = st.none() | st.decimals(min_value=-1000, max_value=10**9, allow_nan=False, allow_infinity=False, places=2)
shared = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(KINDS),
        "comparator": st.sampled_from([">=", "<=", "="]),
        "target": amounts,
        "items": st.integers(0, 20),
        "points": st.lists(st.builds(Point, due=days, node=st.sampled_from(NAMES)), max_size=4).map(tuple),
    }
)
own = st.fixed_dictionaries(
    {
        "verified_value": amounts,
        "previous_value": amounts,
        "verified_done": st.booleans(),
        "nodes_reached": st.lists(st.builds(NodeReached, node=st.sampled_from(NAMES), on=days), max_size=4).map(tuple),
        "awaiting": st.booleans(),
        "reported_value": amounts,
    }
)


UNITS = ["区发改经信局", "区统计局", "区财政局", "湖滨街道办事处", "区科技局"]


@st.composite
def tasks(draw) -> list[Part]:
    """Two to five lead units' parts of one task with one to three indicators (targets and schedules shared)."""
    indicators = draw(st.lists(shared, min_size=1, max_size=3))
    units = draw(st.lists(st.sampled_from(UNITS), min_size=2, max_size=5, unique=True))
    due_passed, judged = draw(st.booleans()), draw(st.none() | days)
    parts = []
    for unit in units:
        facts = tuple(IndicatorFacts(**i, **draw(own)) for i in indicators)
        parts.append(Part(unit, TaskFacts(facts, draw(st.booleans()), due_passed, judged)))
    return parts


@given(parts=tasks(), data=st.data(), day=days)
def test_the_aggregate_never_depends_on_the_order_of_the_parts_and_never_raises(parts, data, day):
    shuffled = data.draw(st.permutations(parts), label="parts in another order")
    assert task_aggregate(shuffled) == task_aggregate(parts)
    assert task_verdict(task_aggregate(shuffled), day) == task_verdict(task_aggregate(parts), day)
    for i, _indicator in enumerate(parts[0].facts.indicators):
        column = [p.facts.indicators[i] for p in parts]
        assert indicator_aggregate(data.draw(st.permutations(column))) == indicator_aggregate(column)


@given(parts=tasks())
def test_a_task_with_one_lead_unit_is_its_one_part(parts):
    only = parts[0]
    assert task_aggregate([only]) == only.facts
    assert indicator_aggregate([only.facts.indicators[0]]) == only.facts.indicators[0]


@given(parts=tasks())
def test_the_task_is_reported_exactly_when_every_part_is(parts):
    facts = task_aggregate(parts)
    assert facts.reported == all(p.facts.reported for p in parts)
    assert set(facts.missing) == {p.unit for p in parts if not p.facts.reported}


@given(parts=tasks(), value=st.decimals(min_value=0, max_value=10**6, places=2))
def test_more_verified_in_one_part_of_a_count_never_lowers_the_aggregate(parts, value):
    def with_value(p: Part, add: D = D(0)) -> Part:
        first = p.facts.indicators[0]
        raised = (first.verified_value or D(0)) + add if add else first.verified_value
        count = replace(first, kind="quantity", comparator=">=", target=D(1000), verified_value=raised)
        return replace(p, facts=replace(p.facts, indicators=(count,)))

    before = task_aggregate([with_value(p) for p in parts]).indicators[0].verified_value or D(0)
    after = task_aggregate([with_value(parts[0], value), *(with_value(p) for p in parts[1:])])
    assert (after.indicators[0].verified_value or D(0)) >= before


def test_each_part_is_written_out_for_the_status_lists():
    assert part_text(part("区住房和城建局", reported=False)) == "区住房和城建局：未报送；尚无核定数据"
    waiting = part("区发改经信局", verified_value=D(80), awaiting=True, reported_value=D(95), unit="亿元")
    assert part_text(waiting) == "区发改经信局：已报送；核定80亿元，填报95亿元待核定"
    started = part("甲", **MILESTONE, nodes_reached=(NodeReached("开工", date(2019, 4, 30)),))
    assert part_text(started) == "甲：已报送；已达节点“开工”"
