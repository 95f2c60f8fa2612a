"""The assessment workflow on the seed and the demo half-year: run, appeal, adjust, finalise, frozen."""

from datetime import date
from decimal import Decimal as D

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from dukao.assessment import services
from dukao.assessment.models import AdjustmentKind, AppealState, AssessmentState, Frozen, TaskScore
from dukao.audit.models import Event
from dukao.plans.models import Task
from dukao.progress import services as progress
from dukao.supervision.services import case_open
from dukao.units.models import Unit


def score_of(assessment, seq, kind="work_report"):
    return assessment.task_scores.get(task__plan__kind=kind, task__seq=seq)


def test_a_draft_scores_every_task_of_the_year_from_verified_values(draft):
    assert draft.task_scores.count() == 163  # 148 targets + 15 livelihood projects
    gdp = score_of(draft, "1")  # 增长5.5%, verified 5.7% for May
    assert gdp.completion == D("1.0364") and gdp.base_earned == D(100)
    investment = score_of(draft, "4")  # 130亿元, 42.0 verified by April (May returned): under half scores nothing
    assert investment.completion == D("0.3231") and investment.base_earned == D(0)
    assert "低于50.00%不得分" in investment.explanation[1]
    cloud = score_of(draft, "9")  # a B类 target not met: no base, no bonus
    assert (cloud.base_possible, cloud.bonus) == (D(0), D(0))


def test_months_without_a_signed_report_are_deducted_up_to_the_cap(draft):
    gdp = score_of(draft, "1")  # signed Jan–May; June to December missing
    assert (gdp.late_reports, gdp.missing_reports) == (0, 7)
    assert gdp.deductions == D(5)
    assert "应扣7分，单项最多扣5分" in gdp.explanation[-1]


#: Units of the seed that only cooperate on B类/C类 tasks: no task carries base marks for them.
NOT_SCORED_ON_THE_SEED = 1


def test_every_unit_with_tasks_is_scored_and_units_that_lead_a_task_are_ranked_with_ties_sharing_a_rank(draft):
    scores = list(draft.unit_scores.all())
    linked = Unit.objects.filter(Q(task_links__isnull=False) | Q(unit_groups__task_links__isnull=False))
    assert {s.unit_id for s in scores} == set(linked.values_list("pk", flat=True))
    ranked = [s for s in scores if s.rank is not None]
    apart = [s for s in scores if s.rank is None]
    assert scores == ranked + apart  # the ranked units first, best first; the others after them
    not_scored = [s for s in apart if s.score is None]  # weights adding up to zero: no number, no rank
    assert (len(ranked), len(apart), len(not_scored)) == (38, 21, NOT_SCORED_ON_THE_SEED)
    assert {s.rank_in_kind for s in apart} == {None} and all(s.led == 0 for s in apart)
    assert all("无牵头任务，单列，不参与排名" in s.explanation for s in apart if s.score is not None)
    assert all("计分权重合计为0" in s.explanation[0] and s.base_percent is None for s in not_scored)
    ranks = [s.rank for s in ranked]
    assert ranks == sorted(ranks) and ranks[0] == 1
    for i, s in enumerate(ranked):  # competition ranks: one plus the number of units strictly above
        assert s.rank == 1 + sum(other.score > s.score for other in ranked), i


def test_scores_read_on_the_100_scale_and_stop_at_the_floor(draft):
    scores = list(draft.unit_scores.exclude(score=None))
    assert min(s.score for s in scores) == D(0)  # 望江指挥部 (14 led tasks, 70 points of deductions) stands at 0
    assert max(s.score for s in scores) <= D(100) + max(s.bonus for s in scores)
    floored = draft.unit_scores.get(unit__name="望江指挥部")
    assert (floored.base_percent, floored.deductions, floored.score) == (D(0), D(70), D(0))
    assert "合计-70分，低于下限0分，按0分计" in floored.explanation


def test_a_request_the_district_answered_late_is_proposed_as_an_objective_cause(demo):
    task = Task.objects.get(plan__kind="work_report", seq="9")  # led by the demo reporter's 区发改经信局
    with time_machine.travel("2019-08-01 09:00 +0800"):
        request = progress.request_raise(
            task=task, user=demo["reporter"], subject="用地指标", needed="请区政府协调用地指标。", due=None
        )
    with time_machine.travel("2019-09-20 09:00 +0800"):
        progress.request_answer(request=request, user=demo["supervisor"], answer="已协调。")
    with time_machine.travel("2020-01-10 09:00 +0800"):
        assessment = services.assessment_run(year=2019, user=demo["supervisor"])
    note = score_of(assessment, "9").objective_cause_note
    assert note == "协调事项《用地指标》2019-08-01提出，2019-09-20答复，历时50天"
    assert not score_of(assessment, "9").objective_cause  # proposed, not accepted until a reviewer says so


@time_machine.travel("2020-01-06 09:00 +0800", tick=False)
def test_appeal_adjustment_and_finalise_keep_every_step(demo, draft):
    office, head = demo["supervisor"], demo["unithead"]
    services.assessment_open_appeals(assessment=draft, user=office, deadline=date(2020, 1, 10))
    task = Task.objects.get(plan__kind="work_report", seq="4")
    appeal = services.appeal_submit(
        assessment=draft, user=head, reason="5月数据已按快报口径重报，请按核定数计。", task=task
    )
    before = score_of(draft, "4")
    change = services.AdjustmentInput(AdjustmentKind.COMPLETION, "按统计快报核定数更正", task, D("0.6"))
    decided = services.appeal_decide(
        appeal=appeal, user=office, accept=True, decision="采纳，按快报数更正。", change=change
    )
    after = score_of(draft, "4")
    assert (before.base_earned, after.base_earned, after.completion) == (D(0), D(60), D("0.6"))
    # 区发改经信局 leads 13 tasks with 65 points of deductions: the 60 marks move its base rate, not its total
    assert (decided.score_before, decided.score_after) == (D(0), D(0))
    assert decided.effect == "调整后总分仍不高于下限0分，得分不变（总分0分）"
    services.adjustment_add(
        assessment=draft,
        user=office,
        unit=head.unit,
        change=services.AdjustmentInput(AdjustmentKind.POINTS, "获省级表彰", None, D(2)),
    )
    unit_score = draft.unit_scores.get(unit=head.unit)
    assert unit_score.adjustment == D(2) and "调整+2分：获省级表彰" in unit_score.explanation
    final = services.assessment_finalise(assessment=draft, user=office)  # the day the last appeal is decided
    assert final.state == AssessmentState.FINAL
    assert "申诉期原定至2020-01-10，申诉均已处理，提前结束" in Event.objects.get(action="assessment.finalise").summary
    assert final.snapshot["adjustments"][0]["reason"] == "按统计快报核定数更正"
    assert final.snapshot_sha256 == services.snapshot_digest(final.snapshot)
    assert final.appeals.get().state == AppealState.ACCEPTED
    actions = list(Event.objects.filter(action__startswith="a").values_list("action", flat=True).order_by("pk"))
    for action in ["assessment.run", "assessment.open_appeals", "appeal.submit", "assessment.adjust", "appeal.decide"]:
        assert action in actions
    assert actions[-1] == "assessment.finalise"


def test_a_finalised_assessment_cannot_change(demo, draft):
    office = demo["supervisor"]
    final = services.assessment_finalise(assessment=draft, user=office)
    with pytest.raises(services.AssessmentError, match="已定稿"):
        services.assessment_recompute(assessment=final, user=office)
    with pytest.raises(services.AssessmentError, match="已定稿"):
        services.assessment_open_appeals(assessment=final, user=office, deadline=date(2030, 1, 1))
    with pytest.raises(PermissionDenied):
        services.appeal_submit(assessment=final, user=demo["unithead"], reason="迟到的申诉")
    row = TaskScore.objects.filter(assessment=final).first()
    row.bonus = D(50)
    with pytest.raises(Frozen):
        row.save()
    with pytest.raises(Frozen):
        row.delete()


@time_machine.travel("2020-01-06 09:00 +0800", tick=False)
def test_pending_appeals_block_finalising(demo, draft):
    services.assessment_open_appeals(assessment=draft, user=demo["supervisor"], deadline=date(2020, 1, 6))
    services.appeal_submit(assessment=draft, user=demo["unithead"], reason="请复核。")
    with time_machine.travel("2020-01-07 09:00 +0800"), pytest.raises(services.AssessmentError, match="未处理的申诉"):
        services.assessment_finalise(assessment=draft, user=demo["supervisor"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (services.AdjustmentInput(AdjustmentKind.POINTS, "", None, D(2)), "写明理由"),
        (services.AdjustmentInput(AdjustmentKind.POINTS, "理由", None, D(25)), "累计不超过±20分"),
        (services.AdjustmentInput(AdjustmentKind.POINTS, "理由", Task(pk=1), D(2)), "不要选择任务"),
        (services.AdjustmentInput(AdjustmentKind.COMPLETION, "理由", None, D("0.9")), "考核范围内的任务"),
        (services.AdjustmentInput(AdjustmentKind.COMPLETION, "理由", None, D("0.9")), "考核范围内的任务"),
        (services.AdjustmentInput("bogus", "理由", None, D(1)), "未知的调整方式"),
    ],
)
def test_an_adjustment_needs_a_reason_and_a_sane_value(demo, draft, change, message):
    with pytest.raises(services.AssessmentError, match=message):
        services.adjustment_add(assessment=draft, user=demo["supervisor"], unit=demo["unithead"].unit, change=change)
    assert not draft.adjustments.exists()


def test_only_the_office_runs_and_only_a_unit_head_appeals_in_the_window(demo, draft):
    with pytest.raises(PermissionDenied):
        services.assessment_run(year=2019, user=demo["reporter"])
    with pytest.raises(PermissionDenied):
        services.appeal_submit(assessment=draft, user=demo["unithead"], reason="草稿期不能申诉")
    services.assessment_open_appeals(assessment=draft, user=demo["supervisor"], deadline=timezone.localdate())
    with pytest.raises(PermissionDenied):
        services.appeal_submit(assessment=draft, user=demo["reporter"], reason="填报员不能申诉")


def test_an_objective_cause_accepted_by_the_office_scores_the_task_as_met(demo, draft):
    task = Task.objects.get(plan__kind="work_report", seq="1")
    change = services.AdjustmentInput(AdjustmentKind.OBJECTIVE_CAUSE, "数据发布滞后属客观原因", task)
    services.adjustment_add(assessment=draft, user=demo["supervisor"], unit=demo["unithead"].unit, change=change)
    gdp = score_of(draft, "1")
    assert gdp.objective_cause and gdp.deductions == D(0)


def test_rules_come_from_the_settings_and_are_stored_with_the_assessment(demo, settings):
    settings.DUKAO_ASSESSMENT_RULES = {"task_deduction_cap": "2"}
    assessment = services.assessment_run(year=2019, user=demo["supervisor"])
    assert assessment.rules["task_deduction_cap"] == "2"
    assert score_of(assessment, "1").deductions == D(2)
    settings.DUKAO_ASSESSMENT_RULES = {"no_such_rule": 1}
    with pytest.raises(ValueError, match="未知的考核规则项"):
        services.rules_current()


def test_a_year_has_one_assessment_and_a_final_one_is_never_replaced(demo, draft):
    office = demo["supervisor"]
    with pytest.raises(services.AssessmentError, match=f"进行中的考核（编号{draft.pk}）"):
        services.assessment_run(year=2019, user=office)
    services.assessment_finalise(assessment=draft, user=office)
    with pytest.raises(services.AssessmentError, match="已定稿"):
        services.assessment_run(year=2019, user=office)
    assert draft.__class__.objects.count() == 1


def test_a_case_opened_after_the_year_still_counts_for_its_tasks(demo, draft):
    task = Task.objects.get(plan__kind="work_report", seq="4")
    case_open(unit=demo["unithead"].unit, tasks=[task], trigger="严重滞后", user=demo["inspector"])  # opened today
    services.assessment_recompute(assessment=draft, user=demo["supervisor"])
    assert score_of(draft, "4").cases == 1 and "督办1次" in score_of(draft, "4").explanation[-1]


def test_points_on_a_unit_stay_within_twenty_in_all(demo, draft):
    unit, office = demo["unithead"].unit, demo["supervisor"]
    for _ in range(2):
        change = services.AdjustmentInput(AdjustmentKind.POINTS, "省级表彰", None, D(10))
        services.adjustment_add(assessment=draft, user=office, unit=unit, change=change)
    with pytest.raises(services.AssessmentError, match="已调整20分"):
        change = services.AdjustmentInput(AdjustmentKind.POINTS, "再加", None, D("0.5"))
        services.adjustment_add(assessment=draft, user=office, unit=unit, change=change)
    assert draft.unit_scores.get(unit=unit).adjustment == D(20)


@time_machine.travel("2020-01-06 09:00 +0800", tick=False)
def test_the_window_is_bounded_and_can_be_moved_and_an_appeal_is_filed_once(demo, draft):
    office, head = demo["supervisor"], demo["unithead"]
    with pytest.raises(services.AssessmentError, match="2020年03月06日之间"):
        services.assessment_open_appeals(assessment=draft, user=office, deadline=date(2099, 12, 31))
    services.assessment_open_appeals(assessment=draft, user=office, deadline=date(2020, 1, 10))
    moved = services.assessment_open_appeals(assessment=draft, user=office, deadline=date(2020, 1, 20))
    assert moved.appeal_deadline == date(2020, 1, 20)
    services.appeal_submit(assessment=draft, user=head, reason="请复核。")
    with pytest.raises(services.AssessmentError, match="同样的申诉已经提交"):
        services.appeal_submit(assessment=draft, user=head, reason="请复核。")
    with pytest.raises(PermissionDenied, match="单位负责人"):
        services.appeal_submit(assessment=draft, user=demo["reporter"], reason="填报员")


def test_a_rejected_appeal_carries_no_adjustment(demo, draft):
    services.assessment_open_appeals(assessment=draft, user=demo["supervisor"], deadline=timezone.localdate())
    appeal = services.appeal_submit(assessment=draft, user=demo["unithead"], reason="请加分。")
    change = services.AdjustmentInput(AdjustmentKind.POINTS, "加分", None, D(2))
    with pytest.raises(services.AssessmentError, match="不予采纳"):
        services.appeal_decide(appeal=appeal, user=demo["supervisor"], accept=False, decision="不采纳", change=change)
    assert not draft.adjustments.exists()
