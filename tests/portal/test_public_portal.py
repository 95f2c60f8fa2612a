"""The public portal: readable without login, publishes what the notice allows, nothing internal."""

import html
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from dukao.accounts.models import User
from dukao.assessment.services import assessment_run
from dukao.plans.models import Plan
from dukao.portal import selectors
from dukao.progress.models import CoordinationRequest, Evidence, ReportVersion
from dukao.reviews.models import Review
from dukao.supervision import services
from dukao.supervision.models import SupervisionCase


@pytest.fixture
def published(seed):
    call_command("demo_accounts", stdout=StringIO())
    call_command("demo_data", stdout=StringIO())
    supervisor = User.objects.get(username="supervisor")
    draft = services.bulletin_draft(period=date(2019, 6, 1), user=supervisor, today=date(2019, 7, 5))
    return services.bulletin_issue(bulletin=draft, user=supervisor, issued_on=date(2019, 7, 5))


def test_anyone_reads_the_published_plans_and_statuses(client, published, work_report):
    home = client.get(reverse("portal:home")).content.decode()
    assert work_report.title in home and published.document_number in home
    page = client.get(reverse("portal:plan", args=[work_report.pk]), {"period": "2019-06"}).content.decode()
    assert page.count("<tr>") == 149 and "地区生产总值" in page and "进展状态（2019年6月）" in page


def test_search_by_unit_and_text(client, published, work_report):
    url = reverse("portal:plan", args=[work_report.pk])
    assert client.get(url, {"unit": "区教育局"}).content.decode().count('<td class="num">') == 10
    assert client.get(url, {"q": "厕所"}).content.decode().count('<td class="num">') == 3


def test_an_unpublished_plan_and_a_draft_bulletin_are_not_found(client, published, work_report):
    Plan.objects.filter(pk=work_report.pk).update(disclosure="此件不公开")
    assert client.get(reverse("portal:plan", args=[work_report.pk])).status_code == 404
    draft = services.bulletin_draft(period=date(2019, 5, 1), user=User.objects.get(username="supervisor"))
    assert client.get(reverse("portal:bulletin", args=[draft.pk])).status_code == 404


def test_an_unpublished_plans_statuses_never_reach_the_public_bulletin(client, seed, work_report):
    """Annex 1 (the work report) unpublished: the issued bulletin counts all 163 tasks for the office, the public
    summary only the livelihood projects' (annex 2)."""
    Plan.objects.filter(pk=work_report.pk).update(disclosure="此件不公开")
    call_command("demo_accounts", stdout=StringIO())
    supervisor = User.objects.get(username="supervisor")
    draft = services.bulletin_draft(period=date(2019, 6, 1), user=supervisor, today=date(2019, 7, 5))
    bulletin = services.bulletin_issue(bulletin=draft, user=supervisor, issued_on=date(2019, 7, 5))
    published = sum(row["count"] for row in bulletin.snapshot["public"]["totals"])
    everyone = sum(row["count"] for row in bulletin.snapshot["totals"])
    assert (everyone, published) == (163, 163 - work_report.tasks.count())
    page = client.get(reverse("portal:bulletin", args=[bulletin.pk])).content.decode()
    assert f"{published}项目标任务中" in page and "163项目标任务中" not in page


@pytest.fixture
def internal(published):
    """Every internal text of the demo data: narratives marked internal, problems, next steps, review reasons,
    coordination requests and answers, evidence names, case triggers, and a draft assessment's scores."""
    office = User.objects.get(username="supervisor")
    assessment = assessment_run(year=2019, user=office)
    texts = set()
    for v in ReportVersion.objects.all():
        texts |= {v.problems, v.next_steps} | ({v.narrative} if v.narrative_internal else set())
    texts |= set(Review.objects.exclude(reason="").values_list("reason", flat=True))
    for r in CoordinationRequest.objects.all():
        texts |= {r.subject, r.needed, r.answer}
    texts |= set(Evidence.objects.values_list("original_name", flat=True))
    texts |= set(SupervisionCase.objects.values_list("trigger", flat=True))
    texts |= {line for s in assessment.unit_scores.all() for line in s.explanation}
    return {t for t in texts if t}


def _portal_pages(client) -> list[str]:
    pages = [client.get(reverse("portal:home")).content.decode()]
    for plan in selectors.public_plans():
        for period in [*selectors.public_periods(plan), None]:
            query = {"period": f"{period:%Y-%m}"} if period else {}
            pages.append(client.get(reverse("portal:plan", args=[plan.pk]), query).content.decode())
    for bulletin in selectors.public_bulletins():
        pages.append(client.get(reverse("portal:bulletin", args=[bulletin.pk])).content.decode())
    return pages


def test_no_portal_page_shows_an_internal_field_of_the_demo_data(client, internal):
    pages = _portal_pages(client)
    assert len(pages) > 8 and len(internal) > 10
    for text in internal:
        assert not any(html.escape(text) in page for page in pages), text
    for page in pages:
        for path in ("/evidence/", "/supervision/", "/reports/", "/audit/", "/assessment/"):
            assert path not in page


def test_verified_narratives_are_published_unless_marked_internal(client, published, work_report):
    page = client.get(reverse("portal:plan", args=[work_report.pk]), {"period": "2019-04"}).content.decode()
    versions = ReportVersion.objects.filter(report__task__plan=work_report, report__period=date(2019, 4, 1))
    public, internal = versions.get(report__task__seq="1"), versions.get(report__task__seq="4")
    assert (public.narrative_internal, internal.narrative_internal) == (False, True)
    assert public.narrative in page and internal.narrative not in page
    assert public.problems not in page
