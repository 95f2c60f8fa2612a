"""A live refresh reads the facts of the tasks an event touched, by id: it stores the same statuses as a whole
period's computation would, for every kind of event, in as many queries for one task as for several."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dukao.lib.periods import months_before
from dukao.plans.models import Task
from dukao.plans.services import indicators_correct
from dukao.progress import services as progress
from dukao.progress.services import PointInput
from dukao.reviews.services import review_decide
from dukao.supervision import services
from dukao.supervision.facts import sign_offs, task_facts, verified_reviews, verified_reviews_and_before
from dukao.supervision.models import StatusComputation, TaskStatus
from dukao.supervision.services import VERDICT_FIELDS
from tests.progress.factories import JUNE, submitted

MAY = date(2019, 5, 1)


@pytest.fixture
def computed(seed):
    """May and June computed (today, as a refresh judges): the periods a refresh rewrites."""
    for period in (MAY, JUNE):
        services.status_recompute(period=period)


def stored(task: Task) -> dict[date, tuple]:
    rows = TaskStatus.objects.filter(task=task).values_list("period", *VERDICT_FIELDS)
    return {period: tuple(verdict) for period, *verdict in rows}


def sign_off(work_report, lead_reporter, lead_head, **_users) -> Task:
    gdp = work_report.tasks.get(seq="1")
    submitted(gdp, lead_reporter, lead_head, p0="5.9")
    return gdp


def verification(work_report, lead_reporter, lead_head, stats_reviewer, **_users) -> Task:
    gdp = work_report.tasks.get(seq="1")
    version = submitted(gdp, lead_reporter, lead_head, p0="5.9")
    indicator = gdp.indicators.get()
    review_decide(version=version, indicator=indicator, user=stats_reviewer, approve=True, verified_value=Decimal(6))
    return gdp


def a_return(work_report, lead_reporter, lead_head, stats_reviewer, **_users) -> Task:
    gdp = work_report.tasks.get(seq="1")
    version = submitted(gdp, lead_reporter, lead_head, p0="5.9")
    review_decide(version=version, indicator=gdp.indicators.get(), user=stats_reviewer, approve=False, reason="口径")
    return gdp


def schedule_approval(work_report, lead_reporter, supervisor, **_users) -> Task:
    cloud = work_report.tasks.get(seq="9")  # a countable target (上云企业 1900家)
    indicator = cloud.indicators.first()
    point = PointInput(indicator.pk, date(2019, 5, 31), share=Decimal(40))
    revision = progress.schedule_propose(task=cloud, user=lead_reporter, points=[point], reason="按季度推进")
    progress.schedule_decide(revision=revision, user=supervisor, approve=True)
    return cloud


def indicator_correction(work_report, supervisor, **_users) -> Task:
    cloud = work_report.tasks.get(seq="9")
    indicators = list(cloud.indicators.all())
    for indicator in indicators:
        indicator.target = Decimal(5000)
    indicators_correct(task=cloud, user=supervisor, indicators=indicators)
    return cloud


EVENTS = {
    sign_off: "report.submit",
    verification: "review.verify",
    a_return: "review.return",
    schedule_approval: "schedule.approve",
    indicator_correction: "indicator.correct",
}


@pytest.mark.parametrize("event", EVENTS)
def test_a_refreshed_task_has_the_statuses_a_whole_computation_gives_it(
    event,
    computed,
    work_report,
    lead_reporter,
    lead_head,
    stats_reviewer,
    supervisor,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        task = event(
            work_report=work_report,
            lead_reporter=lead_reporter,
            lead_head=lead_head,
            stats_reviewer=stats_reviewer,
            supervisor=supervisor,
        )
    assert StatusComputation.objects.filter(trigger=EVENTS[event], period=JUNE).exists()
    refreshed = stored(task)
    for period in (MAY, JUNE):
        services.status_recompute(period=period)
    assert stored(task) == refreshed


def test_a_refresh_reads_as_many_queries_for_many_tasks_as_for_one(computed, work_report):
    ids = list(work_report.tasks.order_by("pk").values_list("pk", flat=True))
    milestone = work_report.tasks.filter(indicators__kind="milestone").order_by("pk").first()

    def queries(task_ids: list[int]) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert services.status_refresh(task_ids=task_ids, since=JUNE, trigger="report.submit") == [JUNE]
        return len(captured)

    assert queries([milestone.pk]) == queries(sorted({milestone.pk, *ids[:60]}))


@pytest.fixture
def events(computed, work_report, lead_reporter, lead_head, stats_reviewer, supervisor):
    """The seed with 地区生产总值 signed off and verified for May and signed off for June (waiting for
    verification), and a schedule approved for 上云企业."""
    gdp = work_report.tasks.get(seq="1")
    may = submitted(gdp, lead_reporter, lead_head, period=MAY, p0="5.2")
    review_decide(version=may, indicator=gdp.indicators.get(), user=stats_reviewer, approve=True, verified_value=5)
    submitted(gdp, lead_reporter, lead_head, period=JUNE, p0="5.9")
    schedule_approval(work_report=work_report, lead_reporter=lead_reporter, supervisor=supervisor)
    return sorted(Task.objects.in_force().filter(plan__year=2019).values_list("pk", flat=True))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_facts_read_by_id_are_the_whole_periods_facts_of_those_tasks(events, data):
    period = date(2019, data.draw(st.integers(1, 12), label="month"), 1)
    ids = data.draw(st.lists(st.sampled_from(events), min_size=1, max_size=6, unique=True), label="task ids")
    whole = Task.objects.in_force().filter(plan__year=2019)
    today = timezone.localdate()
    everything = task_facts(whole, period, today, sign_offs(whole, period))
    assert task_facts(ids, period, today, sign_offs(ids, period)) == {pk: everything[pk] for pk in ids}
    before = verified_reviews(ids, months_before(period, 1))
    assert verified_reviews_and_before(ids, period) == (verified_reviews(ids, period), before)
