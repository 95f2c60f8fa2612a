"""Status and score never disagree on met / not met (hypothesis): for any target and verified value, a status of
已完成 means the scoring counts the target met; at the year end the target is met exactly when the status is
已完成; an upper bound is met exactly when its status is not behind, at every period."""

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from dukao.assessment.facts import measured_of
from dukao.assessment.scoring import indicator_completion, task_completion
from dukao.plans.judgment import Rule
from dukao.supervision.rules import LAGGING, Status, TaskFacts, indicator_verdict, task_verdict
from tests.supervision.test_rule_properties import indicators, month_ends

YEAR_END = date(2019, 12, 31)
periods = month_ends | st.dates(min_value=date(2019, 1, 1), max_value=YEAR_END)
verified = indicators.map(lambda i: replace(i, awaiting=False))


def score_met(ind, period_end) -> bool:
    return indicator_completion(measured_of(ind, period_end)) >= 1


@given(verified, periods)
def test_a_completed_status_is_a_met_target(ind, period_end):
    if indicator_verdict(ind, period_end).status == Status.COMPLETED:
        assert score_met(ind, period_end)


@given(verified)
def test_at_the_year_end_met_is_completed_and_not_met_is_not(ind):
    status = indicator_verdict(ind, YEAR_END).status
    assert (status == Status.COMPLETED) == score_met(ind, YEAR_END)
    if not score_met(ind, YEAR_END) and ind.verified_value is not None and ind.target_of.rule != Rule.MILESTONE:
        assert status in LAGGING


@given(verified, periods)
def test_an_upper_bound_is_met_exactly_when_it_is_not_behind(ind, period_end):
    if ind.target_of.rule != Rule.BOUND or ind.verified_value is None:
        return
    assert score_met(ind, period_end) == (indicator_verdict(ind, period_end).status not in LAGGING)


@given(st.lists(verified, min_size=1, max_size=4))
def test_a_task_completed_at_the_year_end_is_a_task_met(found):
    status = task_verdict(TaskFacts(tuple(found), report_due_passed=True), YEAR_END).status
    completion = task_completion([measured_of(i, YEAR_END) for i in found])
    assert (status == Status.COMPLETED) == (completion >= 1)
