"""催办次数扣分: a rule of the scoring rules object, off by default; each 催办 a unit received in the year deducts
``urge_deduction`` from its score (pure, table) — and through the assessment run, the 催办 recorded count."""

from decimal import Decimal as D

import pytest

from dukao.assessment.scoring import Rules, TaskResult, score_task, score_unit

LED = [score_task(TaskResult("1", "A", D("0.9")))]


@pytest.mark.parametrize(
    ("rules", "urges", "score", "deductions", "line"),
    [
        (Rules(), 0, D("90.00"), D(0), None),
        (Rules(), 3, D("90.00"), D(0), None),  # off by default: received, not counted
        (Rules(urge_deduction=D("0.5")), 0, D("90.00"), D(0), None),
        (Rules(urge_deduction=D("0.5")), 3, D("88.50"), D("1.5"), "收到催办3次，每次扣0.5分，扣1.5分"),
        (Rules(urge_deduction=D(50)), 2, D("0.00"), D(100), "收到催办2次，每次扣50分，扣100分"),  # the floor holds
    ],
)
def test_urges_deduct_only_when_the_rule_is_set(rules, urges, score, deductions, line):
    unit = score_unit(LED, [], rules, urges=urges)
    assert (unit.score, unit.deductions) == (score, deductions)
    assert (line in unit.explanation) if line else not any("催办" in text for text in unit.explanation)


def test_the_rule_is_stored_with_the_rules_object():
    rules = Rules.from_dict({"urge_deduction": "0.5"})
    assert rules.urge_deduction == D("0.5") and Rules.from_dict(rules.as_dict()) == rules
    assert Rules().as_dict()["urge_deduction"] == "0"
