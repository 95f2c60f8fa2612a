"""Scoring rules, one case per rule (pure)."""

from decimal import Decimal as D

import pytest

from dukao.assessment.scoring import (
    Measured,
    Rules,
    TaskResult,
    indicator_completion,
    score_task,
    score_unit,
    stretch_met,
    task_completion,
)


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
