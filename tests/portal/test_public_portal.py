"""The public portal: readable without login, publishes what the notice allows, nothing internal."""

import html
import re
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from dukao.accounts.models import User
from dukao.assessment.services import assessment_run
from dukao.audit.models import Event
from dukao.plans.models import Plan
from dukao.portal import selectors
from dukao.progress.models import CoordinationRequest, Evidence, ReportVersion
from dukao.reviews.models import Review
from dukao.reviews.services import review_decide
from dukao.supervision import services
from dukao.supervision.models import Bulletin, SupervisionCase
from tests.progress.factories import JUNE, submitted


@pytest.fixture
def published(seed):
    call_command("demo_accounts", stdout=StringIO())
    call_command("demo_data", stdout=StringIO())
    supervisor = User.objects.get(username="supervisor")
    draft = services.bulletin_draft(period=date(2019, 6, 1), user=supervisor, today=date(2019, 7, 5))
    issued = services.bulletin_issue(bulletin=draft, user=supervisor, issued_on=date(2019, 7, 5))
    return services.bulletin_publish(bulletin=issued, user=supervisor)


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
    bulletin = services.bulletin_publish(bulletin=bulletin, user=supervisor)
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


def test_an_issued_bulletin_is_public_only_while_the_office_publishes_it(client, seed):
    call_command("demo_accounts", stdout=StringIO())
    office = User.objects.get(username="supervisor")
    draft = services.bulletin_draft(period=JUNE, user=office, today=date(2019, 7, 5))
    with pytest.raises(ValueError, match="印发后才能公开发布"):
        services.bulletin_publish(bulletin=draft, user=office)
    issued = services.bulletin_issue(bulletin=draft, user=office, issued_on=date(2019, 7, 5))
    page = reverse("portal:bulletin", args=[issued.pk])
    assert client.get(page).status_code == 404 and issued.document_number not in _home(client)
    services.bulletin_publish(bulletin=issued, user=office)
    assert client.get(page).status_code == 200 and issued.document_number in _home(client)
    with pytest.raises(ValueError, match="已在公开页面发布"):
        services.bulletin_publish(bulletin=issued, user=office)
    services.bulletin_publish(bulletin=issued, user=office, publish=False)
    assert client.get(page).status_code == 404 and issued.document_number not in _home(client)
    actions = list(Event.objects.filter(action__startswith="bulletin.").order_by("pk").values_list("action", "actor"))
    assert actions[-2:] == [("bulletin.publish", office.pk), ("bulletin.unpublish", office.pk)]


def _home(client) -> str:
    return client.get(reverse("portal:home")).content.decode()


def test_only_the_office_publishes(seed, lead_head, supervisor):
    draft = services.bulletin_draft(period=JUNE, user=supervisor, today=date(2019, 7, 5))
    issued = services.bulletin_issue(bulletin=draft, user=supervisor, issued_on=date(2019, 7, 5))
    with pytest.raises(PermissionDenied):
        services.bulletin_publish(bulletin=issued, user=lead_head)
    assert Bulletin.objects.get(pk=issued.pk).published_at is None


def test_the_command_line_publishes_and_unpublishes(seed, supervisor):
    draft = services.bulletin_draft(period=JUNE, user=supervisor, today=date(2019, 7, 5))
    issued = services.bulletin_issue(bulletin=draft, user=supervisor, issued_on=date(2019, 7, 5))
    out = StringIO()
    call_command("bulletin_publish", str(issued.pk), "--user", supervisor.username, stdout=out)
    assert "已在公开页面发布" in out.getvalue() and selectors.public_bulletins().get() == issued
    call_command("bulletin_publish", str(issued.pk), "--unpublish", stdout=out)
    assert "已从公开页面撤回" in out.getvalue() and not selectors.public_bulletins().exists()
    with pytest.raises(CommandError, match="未在公开页面发布"):
        call_command("bulletin_publish", str(issued.pk), "--unpublish", stdout=out)
    with pytest.raises(CommandError, match="找不到编号为 0 的通报"):
        call_command("bulletin_publish", "0", stdout=out)


def test_the_portal_shows_the_verified_value_never_a_reported_one(
    client, work_report, lead_reporter, lead_head, stats_reviewer
):
    """区统计局 verifies 5.7 where the unit reported 5.9: the portal shows 5.7. The next month's 6.1, signed off but
    not verified, and then returned, never shows: the portal keeps the last verified value."""
    gdp = work_report.tasks.get(seq="1")
    indicator = gdp.indicators.get()
    url = reverse("portal:plan", args=[work_report.pk])
    version = submitted(gdp, lead_reporter, lead_head, p0="5.9")
    assert "5.9%" not in client.get(url).content.decode()  # signed off, not verified
    review_decide(
        version=version, indicator=indicator, user=stats_reviewer, approve=True, verified_value=Decimal("5.7")
    )
    page = client.get(url).content.decode()
    row = re.search(r'<tr><td class="num">1</td>.*?</tr>', page, re.S).group(0)
    assert "增长5.5%" in row and "核定 5.7%" in row and "5.9%" not in page, row
    july = submitted(gdp, lead_reporter, lead_head, period=date(2019, 7, 1), p0="6.1")
    assert "6.1%" not in client.get(url).content.decode()
    review_decide(version=july, indicator=indicator, user=stats_reviewer, approve=False, reason="口径不符")
    page = client.get(url).content.decode()
    assert "6.1%" not in page and "5.7%" in page
    assert selectors.public_verified(work_report, JUNE)[gdp.pk][0].value == Decimal("5.7")
