"""The ranking credits a task with several lead units only to the units that reported their part: a lead unit whose
part was never verified earns no marks on the task (docs/assessment.md)."""

import pytest

from dukao.assessment import services
from dukao.assessment.models import UnitScore
from dukao.assessment.scoring import TaskScore, uncredited
from tests.progress.factories import submitted
from tests.two_leads import seed_with_two_leads, verify

NOTE = "“固定资产投资”本单位承担的部分未报送核定，不计得分"


def test_an_uncredited_task_keeps_the_marks_possible_and_the_deductions_and_earns_nothing():
    scored = TaskScore("4", base_earned=100, base_possible=100, bonus=2, deductions=1, explanation=["完成率100%"])
    assert uncredited(scored) == TaskScore("4", 0, 100, 0, 1, ["完成率100%", "本单位承担的部分未报送核定，不计得分"])


@pytest.fixture
def investment(db):
    return seed_with_two_leads()


def score(assessment, unit: str) -> UnitScore:
    return assessment.unit_scores.get(unit__name=unit)


def test_only_the_lead_unit_that_reported_its_part_is_credited(
    investment, lead_reporter, lead_head, housing_reporter, housing_head, stats_reviewer, supervisor
):
    verify(investment, submitted(investment, lead_reporter, lead_head, p0="100"), stats_reviewer, "100")
    assessment = services.assessment_run(year=2019, user=supervisor)
    reported, silent = score(assessment, "区发改经信局"), score(assessment, "区住房和城建局")
    assert NOTE in silent.explanation and NOTE not in reported.explanation
    assert reported.base_percent > 0 and silent.base_percent == 0
    silent_before = silent.base_percent

    verify(investment, submitted(investment, housing_reporter, housing_head, p0="30"), stats_reviewer, "30")
    assessment = services.assessment_recompute(assessment=assessment, user=supervisor)
    now_credited = score(assessment, "区住房和城建局")
    assert NOTE not in now_credited.explanation
    assert now_credited.base_percent > silent_before
