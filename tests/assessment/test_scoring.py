"""Scoring rules, one case per rule, and their properties over open-ended inputs (hypothesis); pure."""

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dukao.assessment.scoring import (
    Decided,
    Measured,
    Rules,
    TaskResult,
    appeal_effect,
    indicator_completion,
    score_task,
    score_unit,
    stretch_met,
    task_completion,
)
from dukao.lib.ranking import competition_ranks


@pytest.mark.parametrize(
    ("result", "earned", "bonus", "deductions"),
    [
        (TaskResult("1", "A", D("1.05")), D(100), D(0), D(0)),  # over-fulfilled: full marks, capped
        (TaskResult("4", "A", D("0.8")), D(80), D(0), D(0)),  # proportional
        (TaskResult("4", "A", D("0.5")), D(50), D(0), D(0)),  # exactly the floor still scores
        (TaskResult("4", "A", D("0.49")), D(0), D(0), D(0)),  # below half: nothing
        (TaskResult("9", "B", D(1)), D(0), D(2), D(0)),  # incentive target met: bonus only
        (TaskResult("105", "C", D("0.9")), D(0), D(0), D(0)),  # excellence target missed: nothing
        (TaskResult("23", "B", D("1.2"), stretch_met=True), D(0), D(3), D(0)),  # 力争 adds one
        (TaskResult("8", "A", D(1), cases=1, late_reports=2, missing_reports=1), D(100), D(0), D(4)),
    ],
)
def test_task_rules(result, earned, bonus, deductions):
    score = score_task(result)
    assert (score.base_earned, score.bonus, score.deductions) == (earned, bonus, deductions)
    assert score.explanation[0].startswith("完成率")


def test_an_accepted_objective_cause_scores_the_task_as_met_and_waives_deductions():
    score = score_task(TaskResult("79", "A", D("0.85"), cases=1, objective_cause=True))
    assert (score.base_earned, score.deductions) == (D(100), D(0))
    assert any("客观原因经认定" in line for line in score.explanation)
    below = score_task(TaskResult("79", "A", D("0.7"), cases=1, objective_cause=True))
    assert (below.base_earned, below.deductions) == (D(70), D(2))


def test_units_with_many_or_few_tasks_compare_fairly():
    many = [score_task(TaskResult(str(i), "A", D("0.9"))) for i in range(20)]
    few = [score_task(TaskResult("1", "A", D("0.9")))]
    assert score_unit(many, []).score == score_unit(few, []).score == D("90.00")


def test_cooperating_tasks_count_at_their_share():
    led = [score_task(TaskResult("1", "A", D(1)))]
    cooperating = [score_task(TaskResult("2", "A", D(0)))]
    unit = score_unit(led, cooperating, Rules(cooperating_share=D("0.2")))
    assert unit.score == D("83.33")  # 100 / (100 + 0.2 × 100)
    assert "配合按20.00%计" in unit.explanation[0]


def test_deductions_on_one_task_stop_at_the_cap():
    score = score_task(TaskResult("8", "A", D(1), cases=3, missing_reports=1))
    assert score.deductions == D(5)
    assert "应扣7分，单项最多扣5分" in score.explanation[-1]


@pytest.mark.parametrize(
    ("measured", "completion"),
    [
        (Measured("growth", ">=", D("5.5"), D("5.7")), D("5.7") / D("5.5")),  # row 1: a rate, uncapped
        (Measured("money", ">=", D(130), D(42)), D(42) / D(130)),  # row 4
        (Measured("duration", "<=", D(90), D(80)), D(1)),  # within an upper bound
        (Measured("duration", "<=", D(90), D(120)), D(90) / D(120)),  # over it: bound ÷ value
        (Measured("milestone", "", None, verified_done=True), D(1)),
        (Measured("milestone", "", None), D(0)),
        (Measured("quantity", ">=", D(1900)), D(0)),  # never verified
    ],
)
def test_an_indicators_completion_is_verified_over_target(measured, completion):
    assert indicator_completion(measured) == completion


def test_several_indicators_average_each_capped_at_one():
    over, half = Measured("quantity", ">=", D(100), D(150)), Measured("quantity", ">=", D(100), D(50))
    assert task_completion([over, half]) == D("0.75")
    assert task_completion([over]) == D("1.5") and task_completion([]) == D(0)
    assert stretch_met([Measured("quantity", ">=", D(100), D(120), stretch=D(110))])


def test_rules_survive_their_json_form_and_refuse_unknown_keys():
    rules = Rules(case_deduction=D(3), bonus=(("B", D(1)), ("C", D(4))))
    assert Rules.from_dict(rules.as_dict()) == rules
    with pytest.raises(ValueError, match="不是数字"):
        Rules.from_dict({"base": "一百"})


def test_a_unit_score_stops_at_the_floor_and_says_so():
    neglected = [score_task(TaskResult(str(i), "A", D(0), missing_reports=12)) for i in range(14)]
    unit = score_unit(neglected, [])
    assert (unit.base_percent, unit.deductions, unit.score) == (D(0), D(70), D(0))
    assert "合计-70分，低于下限0分，按0分计" in unit.explanation
    assert score_unit(neglected, [], Rules(floor=D(60))).score == D(60)  # the floor is a rule like the others


def test_a_unit_that_leads_no_task_is_scored_but_not_ranked():
    cooperating = [score_task(TaskResult("1", "A", D(1)))]
    unit = score_unit([], cooperating)
    assert (unit.score, unit.ranked) == (D(100), False)
    assert unit.explanation[-1] == "无牵头任务，单列，不参与排名"
    assert score_unit(cooperating, []).ranked


def test_a_unit_whose_weights_add_up_to_zero_is_not_scored():
    incentive = [score_task(TaskResult("1", "B", D(1)))]  # B类: bonus marks only, no base weight
    unit = score_unit(incentive, [])
    assert (unit.score, unit.base_percent, unit.ranked) == (None, None, False)
    assert unit.explanation == ["牵头1项、配合0项，计分权重合计为0（没有计基础分的任务），不计分，不参与排名"]
    cooperating = [score_task(TaskResult("2", "A", D(1)))]
    assert score_unit([], cooperating, Rules(cooperating_share=D(0))).score is None
    assert competition_ranks([D(90), unit.score]) == [1, None]  # no rank, no place taken


def test_the_adjustment_counts_in_the_total_before_the_floor():
    led = [score_task(TaskResult("1", "A", D("0.9")))]
    assert score_unit(led, [], adjustment=D(2)).score == D(92)
    assert score_unit(led, [], adjustment=D(-20)).score == D(70)


ratios = st.decimals(min_value=0, max_value=3, places=4)
results = st.builds(
    TaskResult,
    seq=st.just("1"),
    target_type=st.sampled_from(["A", "B", "C", ""]),
    completion=ratios,
    stretch_met=st.booleans(),
    cases=st.integers(0, 5),
    late_reports=st.integers(0, 12),
    missing_reports=st.integers(0, 12),
    objective_cause=st.booleans(),
)
floors = st.decimals(min_value=0, max_value=60, places=0)
points = st.decimals(min_value=-20, max_value=20, places=2)


@given(st.lists(results, max_size=8), st.lists(results, max_size=8), floors, points)
def test_a_unit_score_is_never_below_the_floor(led, cooperating, floor, adjustment):
    rules = Rules(floor=floor)
    score = score_unit(
        [score_task(r, rules) for r in led], [score_task(r, rules) for r in cooperating], rules, adjustment
    )
    if score.score is None:  # weights adding up to zero: not scored, not ranked
        assert not score.ranked and all(r.target_type in ("B", "C") for r in led + cooperating)
        return
    assert score.score >= floor
    assert score.ranked == bool(led)


@given(st.lists(results, min_size=1, max_size=8), st.data(), floors)
def test_adding_a_bonus_never_lowers_a_units_score(led, data, floor):
    rules = Rules(floor=floor)
    tasks = [score_task(r, rules) for r in led]
    i = data.draw(st.integers(0, len(tasks) - 1))
    extra = data.draw(st.decimals(min_value=0, max_value=10, places=2))
    more = tasks[:i] + [replace(tasks[i], bonus=tasks[i].bonus + extra)] + tasks[i + 1 :]
    before, after = score_unit(tasks, [], rules).score, score_unit(more, [], rules).score
    assert (before is None and after is None) or after >= before


@given(st.lists(st.lists(results, min_size=1, max_size=4), min_size=1, max_size=6), st.data())
def test_adding_a_bonus_never_lowers_a_units_rank(units, data):
    tasks = [[score_task(r) for r in led] for led in units]
    i = data.draw(st.integers(0, len(tasks) - 1))
    extra = data.draw(st.decimals(min_value=0, max_value=10, places=2))
    before = competition_ranks([score_unit(t, []).score for t in tasks])[i]
    tasks[i] = [replace(tasks[i][0], bonus=tasks[i][0].bonus + extra)] + tasks[i][1:]
    after = competition_ranks([score_unit(t, []).score for t in tasks])[i]
    assert (before is None and after is None) or after <= before


M = (D(0), D(0), D(5))  # a task's (base earned, bonus, deductions)


@pytest.mark.parametrize(
    ("decided", "effect"),
    [
        (Decided(False, "", D(40), D(40)), "不予采纳，得分不变（总分40分）"),
        (Decided(True, "", D(40), D(40)), "采纳，未作调整，得分不变（总分40分）"),
        (
            Decided(True, "completion", D(0), D("95"), M, (D(100), D(0), D(5)), D(1)),
            "总分由0分变为95分（+95分）；任务基础分0→100",
        ),
        (
            Decided(True, "objective_cause", D(0), D(100), (D(85), D(0), D(5)), (D(100), D(0), D(0)), D("0.85")),
            "总分由0分变为100分（+100分）；任务基础分85→100、扣分5→0",
        ),
        (Decided(True, "points", D("88.5"), D("90.5")), "总分由88.5分变为90.5分（+2分）"),
        (
            Decided(True, "objective_cause", D(30), D(30), M, M, D("0.7")),
            "完成率70.00%未达到认定客观原因所需的80.00%，按原完成率计分，得分不变（总分30分）",
        ),
        (
            Decided(True, "completion", D(30), D(30), M, M, D("0.4")),
            "更正后的完成率40.00%仍低于50.00%，不得基础分，得分不变（总分30分）",
        ),
        (
            Decided(True, "completion", D(30), D(30), M, M, D("0.6")),
            "调整未改变该任务的基础分、加分和扣分，得分不变（总分30分）",
        ),
        (
            Decided(True, "completion", D(0), D(0), M, (D(60), D(0), D(5)), D("0.6")),
            "调整后总分仍不高于下限0分，得分不变（总分0分）",
        ),
        (Decided(True, "points", D(0), D(0)), "调整后总分仍不高于下限0分，得分不变（总分0分）"),
        (
            Decided(True, "completion", D(50), D(50), M, (D(1), D(0), D(5)), D("0.51")),
            "任务得分有变化，但计入本单位后总分未变，得分不变（总分50分）",
        ),
    ],
)
def test_an_appeal_decision_says_what_changed_or_why_nothing_did(decided, effect):
    assert appeal_effect(decided) == effect
