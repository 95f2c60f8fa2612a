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
            "next_steps": "", f"v-{indicator.pk}-value": value}  # fmt: skip
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


def test_the_unit_home_lists_what_is_pending(client, gdp, lead_reporter):
    url, report = open_page(client, lead_reporter, gdp)
    html = client.get(reverse("progress:home")).content.decode()
    assert "待提交与被退回的报告" in html and "2019年3月" in html and "地区生产总值" in html


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
