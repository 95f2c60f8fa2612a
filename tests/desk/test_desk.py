"""The 工作台: what waits for each person, counted in a fixed number of queries, and the unit head's batch
sign-off; the reviewer's "next in queue"."""

from datetime import date

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dukao.desk.selectors import todo_counts
from dukao.progress.models import ReportState, ReportVersion
from dukao.reviews.services import review_decide
from tests.progress.factories import JUNE, draft, submitted

SEQS = ("1", "2", "4")  # rows of annex 1 led by 区发改经信局


def drafts(work_report, reporter, seqs=SEQS):
    return [draft(work_report.tasks.get(seq=s), reporter, p0="1") for s in seqs]


def test_signing_in_lands_on_the_desk(client, lead_head):
    response = client.post(reverse("login"), {"username": "fgj_head", "password": "Test-pass-2019"})
    assert response.status_code == 302 and response["Location"] == reverse("desk:home")


def test_each_role_counts_what_waits_for_it(
    work_report, lead_reporter, lead_head, stats_reviewer, supervisor, inspector
):
    today = date(2019, 6, 10)
    assert todo_counts(lead_head, today)["sign_off"] == 0
    drafts(work_report, lead_reporter)
    assert todo_counts(lead_head, today)["sign_off"] == 3
    assert "sign_off" not in todo_counts(lead_reporter, today)  # only the head signs off
    version = submitted(work_report.tasks.get(seq="1"), lead_reporter, lead_head, p0="5.9")
    assert todo_counts(stats_reviewer, today)["review"] == 1
    review_decide(
        version=version, indicator=version.values.get().indicator, user=stats_reviewer, approve=False, reason="口径"
    )
    assert todo_counts(stats_reviewer, today)["review"] == 0
    assert todo_counts(lead_reporter, today)["returned"] == 1
    assert todo_counts(lead_head, today)["returned"] == 1
    assert set(todo_counts(supervisor, today)) == {"review", "schedules", "requests", "appeals", "total"}
    assert set(todo_counts(inspector, today)) == {"cases", "total"}
    assert set(todo_counts(lead_reporter, today)) == {"returned", "requests", "cases", "due", "total"}


def test_counts_take_as_many_queries_for_many_rows_as_for_one(work_report, lead_reporter, lead_head):
    today = date(2019, 6, 10)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            todo_counts(lead_head, today)
        return len(captured)

    drafts(work_report, lead_reporter, ("1",))
    one = queries()
    drafts(work_report, lead_reporter, ("2", "4", "7"))
    assert todo_counts(lead_head, today)["sign_off"] == 4 and queries() == one


def test_reports_due_name_their_day_and_leave_once_signed_off(client, work_report, lead_reporter, lead_head):
    client.force_login(lead_head)
    with time_machine.travel("2019-06-20 09:00 +0800"):
        before = todo_counts(lead_head, date(2019, 6, 20))["due"]
        html = client.get(reverse("desk:home")).content.decode()
        assert "应于 2019年6月25日 前报送" in html and "已逾期，应于 2019年5月25日 前报送" in html
        submitted(work_report.tasks.get(seq="1"), lead_reporter, lead_head, p0="5.9")
        assert todo_counts(lead_head, date(2019, 6, 20))["due"] == before - 1
    assert before > 2


def test_the_head_signs_off_several_reports_at_once_after_confirming(client, work_report, lead_reporter, lead_head):
    reports = drafts(work_report, lead_reporter)
    empty = draft(work_report.tasks.get(seq="7"), lead_reporter, narrative="")
    client.force_login(lead_head)
    html = client.get(reverse("desk:home")).content.decode()
    assert 'name="report"' in html and '<span class="badge" title="待办">' in html
    ticked = {"report": [r.pk for r in [*reports, empty]], "batch_key": "k1"}
    ticked |= {f"rev-{r.pk}": r.draft_revision for r in [*reports, empty]}
    asked = client.post(reverse("desk:sign_off"), ticked)
    assert asked.status_code == 200 and "请确认" in asked.content.decode()
    assert ReportVersion.objects.count() == 0  # nothing signed off before the confirmation
    done = client.post(reverse("desk:sign_off"), ticked | {"confirmed": "yes"}, follow=True)
    text = done.content.decode()
    assert "已签发提交 3 份报告" in text and "提交前请填写进展情况" in text
    assert {r.state for r in type(empty).objects.filter(pk__in=[r.pk for r in reports])} == {ReportState.SUBMITTED}
    client.post(reverse("desk:sign_off"), ticked | {"confirmed": "yes"})  # the same batch again
    assert ReportVersion.objects.count() == 3


def test_a_reporter_cannot_sign_off_a_batch(client, work_report, lead_reporter):
    reports = drafts(work_report, lead_reporter, ("1",))
    client.force_login(lead_reporter)
    response = client.post(reverse("desk:sign_off"), {"report": [reports[0].pk], "confirmed": "yes"})
    assert response.status_code == 403 and ReportVersion.objects.count() == 0


def test_after_a_review_the_reviewer_goes_to_the_next_in_queue(
    client, work_report, lead_reporter, lead_head, stats_reviewer
):
    first = submitted(work_report.tasks.get(seq="1"), lead_reporter, lead_head, p0="5.9")
    second = submitted(work_report.tasks.get(seq="1"), lead_reporter, lead_head, JUNE.replace(month=5), p0="5.7")
    client.force_login(stats_reviewer)
    page = client.get(reverse("reviews:review_version", args=[first.pk])).content.decode()
    assert reverse("reviews:review_version", args=[second.pk]) in page
    indicator = first.values.get().indicator
    response = client.post(
        reverse("reviews:review_version", args=[first.pk]),
        {"indicator": indicator.pk, "decision": "verified", "verified_value": "5.9"},
    )
    assert response["Location"] == reverse("reviews:review_version", args=[second.pk])
    response = client.post(
        reverse("reviews:review_version", args=[second.pk]),
        {"indicator": indicator.pk, "decision": "verified", "verified_value": "5.7"},
    )
    assert response["Location"] == reverse("reviews:queue")
