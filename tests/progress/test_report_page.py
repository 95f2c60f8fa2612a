"""The report page as units use it: autosave, stale forms, sign-off, and the verifier's page."""

import pytest
from django.urls import reverse

from dukao.lib.periods import parse_period
from dukao.progress import services
from dukao.progress.models import ProgressReport, ReportState, ReportVersion


@pytest.fixture
def gdp(work_report):
    return work_report.tasks.get(seq="1")


def form_data(report, indicator, value="5.8", **extra):
    data = {"base_revision": report.draft_revision, "narrative": "一季度地区生产总值增长5.8%。", "problems": "",
            "next_steps": "", f"v-{indicator.pk}-value": value, "confirmed": "yes"}  # fmt: skip
    data.update(extra)
    return data


def open_page(client, user, task, period="2019-03"):
    """Open the page and start the draft (the first save creates it)."""
    client.force_login(user)
    url = reverse("progress:report_page", args=[task.pk, period])
    client.get(url)
    report = services.report_open(task=task, period=parse_period(period), user=user)
    return url, report


def test_autosave_keeps_the_draft_and_sends_the_new_revision(client, gdp, lead_reporter):
    url, report = open_page(client, lead_reporter, gdp)
    response = client.post(url, form_data(report, gdp.indicators.get()), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'name="base_revision" value="1"' in html and "已自动保存" in html
    report.refresh_from_db()
    assert report.draft_values[str(gdp.indicators.get().pk)]["value"] == "5.8" and report.state == ReportState.DRAFT


def test_a_stale_form_is_refused_and_the_newer_draft_shown(client, gdp, lead_reporter, lead_head):
    url, report = open_page(client, lead_reporter, gdp)
    indicator = gdp.indicators.get()
    client.force_login(lead_head)
    client.post(url, form_data(report, indicator, narrative="负责人改写的进展"))
    client.force_login(lead_reporter)
    response = client.post(url, form_data(report, indicator, narrative="填报员的旧稿"))
    html = response.content.decode()
    assert "草稿已被" in html and "您的修改没有保存" in html and "负责人改写的进展" in html
    report.refresh_from_db()
    assert report.draft_narrative == "负责人改写的进展"


def test_the_head_signs_off_and_a_double_click_makes_one_version(client, gdp, lead_head):
    url, report = open_page(client, lead_head, gdp)
    data = form_data(report, gdp.indicators.get(), action="submit", idempotency_key="click-1")
    client.post(url, data)
    client.post(url, data)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and ReportVersion.objects.filter(report=report).count() == 1


def test_the_stats_reviewer_verifies_from_the_queue(client, gdp, lead_head, stats_reviewer):
    url, report = open_page(client, lead_head, gdp)
    client.post(url, form_data(report, gdp.indicators.get(), action="submit", idempotency_key="k"))
    version = ReportVersion.objects.get()
    client.force_login(stats_reviewer)
    assert "1. 地区生产总值" in client.get(reverse("reviews:queue")).content.decode()
    review_url = reverse("reviews:review_version", args=[version.pk])
    response = client.post(review_url, {"indicator": gdp.indicators.get().pk, "decision": "returned", "reason": ""})
    assert "退回时请填写理由" in client.get(review_url).content.decode() or response.status_code == 200
    client.post(review_url, {"indicator": gdp.indicators.get().pk, "decision": "verified", "verified_value": "5.6"})
    report.refresh_from_db()
    assert report.state == ReportState.VERIFIED


def test_the_heads_desk_lists_the_draft_to_sign_off(client, gdp, lead_reporter, lead_head):
    url, report = open_page(client, lead_reporter, gdp)
    client.post(url, form_data(report, gdp.indicators.get()))
    client.force_login(lead_head)
    html = client.get(reverse("desk:home")).content.decode()
    assert "待签发" in html and "2019年3月" in html and "地区生产总值" in html


def test_a_period_outside_the_plan_year_is_404(client, gdp, lead_reporter):
    client.force_login(lead_reporter)
    assert client.get(reverse("progress:report_page", args=[gdp.pk, "2020-01"])).status_code == 404
    assert client.get(reverse("progress:report_page", args=[gdp.pk, "2019-13"])).status_code == 404


def test_looking_at_the_page_creates_no_draft(client, gdp, lead_reporter):
    client.force_login(lead_reporter)
    for _ in range(3):
        assert client.get(reverse("progress:report_page", args=[gdp.pk, "2019-04"])).status_code == 200
    assert not ProgressReport.objects.exists()


def test_autosave_after_sign_off_says_it_was_not_saved(client, gdp, lead_reporter, lead_head):
    url, report = open_page(client, lead_head, gdp)
    client.post(url, form_data(report, gdp.indicators.get(), action="submit", idempotency_key="k1"))
    client.force_login(lead_reporter)
    report.refresh_from_db()
    response = client.post(url, form_data(report, gdp.indicators.get()), headers={"HX-Request": "true"})
    assert "本次修改未保存" in response.content.decode()


def test_a_narrative_marked_internal_stays_internal_in_the_signed_version(client, gdp, lead_head):
    url, report = open_page(client, lead_head, gdp)
    assert 'name="narrative_internal"' in client.get(url).content.decode()
    data = form_data(report, gdp.indicators.get(), narrative_internal="on", action="submit", idempotency_key="i")
    client.post(url, data)
    assert ReportVersion.objects.get(report=report).narrative_internal


def test_a_first_save_from_a_form_of_a_draft_that_is_gone_saves_a_new_one(client, gdp, lead_reporter):
    client.force_login(lead_reporter)
    url = reverse("progress:report_page", args=[gdp.pk, "2019-03"])
    data = {"base_revision": 4, "narrative": "三月进展。", "problems": "", "next_steps": ""}  # e.g. another unit's
    response = client.post(url, data, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "已自动保存" in response.content.decode()
    report = ProgressReport.objects.get(task=gdp, unit=lead_reporter.unit)
    assert (report.draft_narrative, report.draft_revision) == ("三月进展。", 1)


def test_a_first_sign_off_is_one_transaction_with_its_events_and_its_message(client, gdp, lead_head):
    from dukao.audit.models import Event

    client.force_login(lead_head)
    url = reverse("progress:report_page", args=[gdp.pk, "2019-03"])
    data = form_data(ProgressReport(), gdp.indicators.get(), action="submit", idempotency_key="first")
    response = client.post(url, data, follow=True)
    assert "已签发提交第 1 版" in response.content.decode()
    version = ReportVersion.objects.get(idempotency_key="first")
    events = list(Event.objects.order_by("chain_seq").values_list("action", "created_at", "chain_seq"))[-3:]
    assert [e[0] for e in events] == ["report.open", "report.save", "report.submit"]
    assert events[0][1] <= events[1][1] <= events[2][1] and events[2][1] >= version.submitted_at  # in chain order


def test_a_sign_off_reads_the_indicators_as_they_are_under_the_lock(work_report, lead_reporter, lead_head):
    from dukao.plans.models import Indicator
    from dukao.plans.selectors import task_for_reporting
    from tests.progress.factories import draft

    task = next(t for t in work_report.tasks.all() if t.indicators.count() >= 2)
    n = task.indicators.count()
    report = draft(task, lead_reporter, **{f"p{i}": "1" for i in range(n)})
    report.task = task_for_reporting(task.pk)  # loaded with the page, its indicators prefetched
    gone = report.task.indicators.all()[1]
    Indicator.objects.filter(pk=gone.pk).delete()  # a correction replaced it meanwhile
    version = services.report_submit(report=report, user=lead_head, idempotency_key="k", base_revision=1)
    assert gone.pk not in set(version.values.values_list("indicator_id", flat=True))
    assert version.values.count() == n - 1
