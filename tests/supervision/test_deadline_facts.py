"""A deadline the document gives (in the requirement text or in the 完成时限 column) is a node of the default
schedule from the day of import: with no approved schedule, a milestone past it and not verified done is behind —
not 尚未到期 against 31 December. And before the reporting day the month is not yet due."""

from datetime import date

from django.test import override_settings

from dukao.plans.models import Task
from dukao.supervision.facts import judged_on, task_facts
from dukao.supervision.rules import Status, indicator_verdict

JULY = date(2019, 7, 1)


def milestone_task(work_report, requirement: str, deadline=None) -> Task:
    """A seed task with one milestone indicator, its requirement (and indicator words) rewritten."""
    task = next(t for t in work_report.tasks.all() if [i.kind for i in t.indicators.all()] == ["milestone"])
    Task.objects.filter(pk=task.pk).update(requirement=requirement, deadline=deadline)
    task.indicators.update(text=requirement, verb="完成", subject="方案设计")
    return task


def july_verdict(task):
    (indicator,) = task_facts(Task.objects.filter(pk=task.pk), JULY, date(2019, 8, 30), {})[task.pk].indicators
    return indicator_verdict(indicator, date(2019, 7, 31))


def test_a_deadline_in_the_requirement_text_is_a_node_from_the_day_of_import(work_report):
    verdict = july_verdict(milestone_task(work_report, "6月底前完成方案设计"))
    assert verdict.status == Status.SERIOUSLY_BEHIND
    assert "计划6月30日前完成方案设计，已逾期31天未完成" in verdict.reason


def test_a_deadline_in_the_column_is_one_too(work_report):
    verdict = july_verdict(milestone_task(work_report, "完成方案设计", deadline=date(2019, 7, 15)))
    assert verdict.status == Status.BEHIND and "计划7月15日前完成方案设计，已逾期16天未完成" in verdict.reason


def test_without_a_deadline_the_year_end_applies(work_report):
    verdict = july_verdict(milestone_task(work_report, "完成方案设计"))
    assert verdict.status == Status.ON_TRACK and "计划12月31日前完成，尚未到期" in verdict.reason


@override_settings(DUKAO_REPORTING_DAY=25)
def test_before_the_reporting_day_the_period_is_judged_as_of_the_month_before():
    assert judged_on(date(2019, 6, 1), date(2019, 6, 20)) == date(2019, 5, 31)
    assert judged_on(date(2019, 6, 1), date(2019, 6, 25)) == date(2019, 5, 31)  # the reporting day itself
    assert judged_on(date(2019, 6, 1), date(2019, 6, 26)) is None
    assert judged_on(date(2019, 1, 1), date(2019, 1, 10)) == date(2019, 1, 1)  # not last year's December
