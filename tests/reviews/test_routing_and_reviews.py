"""Verification routing (who verifies what) and the verifiers' decisions."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from dukao.plans.parsing.routing import Rule, route
from dukao.progress.models import ReportState
from dukao.progress.services import WorkflowError
from dukao.reviews.selectors import review_queue
from dukao.reviews.services import review_decide
from tests.progress.factories import submitted


def verifiers(plan, seq):
    return [i.verifier.name for i in plan.tasks.get(seq=seq).indicators.all()]


@pytest.mark.parametrize(
    ("seq", "verifier"),
    [
        ("1", "区统计局"),  # 地区生产总值 增长5.5%
        ("3", "区统计局"),  # 社会消费品零售总额
        ("8", "区发改经信局"),  # 推进中维商务中心建设，力争年底竣工
        ("83", "区发改经信局"),  # 开工建设安置房
        ("79", "区发改经信局"),  # 征迁、安置
        ("21", "区政府办公室"),  # 做好相关推进工作
        ("35", "区政府办公室"),  # 零信访、零诉讼
    ],
)
def test_seed_indicators_are_routed_to_their_verifier(work_report, seq, verifier):
    assert set(verifiers(work_report, seq)) == {verifier}


def test_routing_takes_the_first_rule_that_matches():
    rules = [Rule("统计", ("增加值",)), Rule("发改", ("建设",), match_name=False), Rule("政府办", ())]
    assert route(rules, "服务业增加值", "推进建设") == "统计"
    assert route(rules, "数字E谷", "推进建设") == "发改"
    assert route(rules, "实验区建设", "做好相关推进工作") == "政府办"  # 建设 only in the name
    assert route(rules[:2], "其他", "其他") is None


def test_each_indicator_of_a_row_is_routed_on_its_own(work_report):
    by_text = {i.text: i.verifier.name for i in work_report.tasks.get(seq="54").indicators.all()}
    assert by_text["全年完成国内招商引资110亿元"] == "区统计局"
    assert by_text["外资、浙商创业创新按市对区下达目标任务完成"] == "区政府办公室"


def test_the_stats_reviewer_sees_the_gdp_report_and_the_construction_reviewer_does_not(
    work_report, lead_reporter, lead_head, stats_reviewer, construction_reviewer
):
    version = submitted(work_report.tasks.get(seq="1"), lead_reporter, lead_head, p0="5.9")
    assert list(review_queue(stats_reviewer)) == [version]
    assert list(review_queue(construction_reviewer)) == []


def test_a_verified_value_may_differ_and_both_are_kept(work_report, lead_reporter, lead_head, stats_reviewer):
    task = work_report.tasks.get(seq="1")
    version = submitted(task, lead_reporter, lead_head, p0="5.9")
    review = review_decide(version=version, indicator=task.indicators.get(), user=stats_reviewer, approve=True,
                           verified_value=Decimal("5.6"), reason="以统计快报为准")  # fmt: skip
    assert (review.reported_value, review.verified_value, review.gap) == (
        Decimal("5.9"),
        Decimal("5.6"),
        Decimal("-0.3"),
    )
    assert list(review_queue(stats_reviewer)) == []


def test_only_the_routed_verifier_may_decide(work_report, lead_reporter, lead_head, construction_reviewer):
    task = work_report.tasks.get(seq="1")
    version = submitted(task, lead_reporter, lead_head, p0="5.9")
    with pytest.raises(PermissionDenied):
        review_decide(version=version, indicator=task.indicators.get(), user=construction_reviewer, approve=True)


def test_a_report_is_verified_only_when_every_indicator_is(work_report, lead_reporter, lead_head, stats_reviewer):
    task = work_report.tasks.get(seq="9")  # 新增上云企业1900家, 累计6400家: two indicators
    first, second = task.indicators.all()
    first.verifier = second.verifier = stats_reviewer.unit
    first.save(), second.save()
    version = submitted(task, lead_reporter, lead_head, p0="1000", p1="5500")
    review_decide(version=version, indicator=first, user=stats_reviewer, approve=True, verified_value=Decimal(1000))
    version.report.refresh_from_db()
    assert version.report.state == ReportState.SUBMITTED
    review_decide(version=version, indicator=second, user=stats_reviewer, approve=True, verified_value=Decimal(5500))
    version.report.refresh_from_db()
    assert version.report.state == ReportState.VERIFIED
    with pytest.raises(WorkflowError):
        review_decide(version=version, indicator=first, user=stats_reviewer, approve=True)


def test_a_return_needs_a_reason(work_report, lead_reporter, lead_head, stats_reviewer):
    task = work_report.tasks.get(seq="1")
    version = submitted(task, lead_reporter, lead_head, p0="5.9")
    with pytest.raises(ValueError, match="退回时请填写理由"):
        review_decide(version=version, indicator=task.indicators.get(), user=stats_reviewer, approve=False)
