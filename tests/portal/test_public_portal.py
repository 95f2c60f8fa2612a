"""The public portal: readable without login, publishes what the notice allows, nothing internal."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from dukao.accounts.models import User
from dukao.plans.models import Plan
from dukao.supervision import services


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


def test_nothing_internal_is_shown(client, published, work_report):
    page = client.get(reverse("portal:plan", args=[work_report.pk])).content.decode()
    bulletin = client.get(reverse("portal:bulletin", args=[published.pk])).content.decode()
    for internal in ("【演示数据】", "/evidence/", "核定值", "/supervision/", "/reports/", "/audit/"):
        assert internal not in page and internal not in bulletin


def test_search_by_unit_and_text(client, published, work_report):
    url = reverse("portal:plan", args=[work_report.pk])
    assert client.get(url, {"unit": "区教育局"}).content.decode().count('<td class="num">') == 10
    assert client.get(url, {"q": "厕所"}).content.decode().count('<td class="num">') == 3


def test_an_unpublished_plan_and_a_draft_bulletin_are_not_found(client, published, work_report):
    Plan.objects.filter(pk=work_report.pk).update(disclosure="此件不公开")
    assert client.get(reverse("portal:plan", args=[work_report.pk])).status_code == 404
    draft = services.bulletin_draft(period=date(2019, 5, 1), user=User.objects.get(username="supervisor"))
    assert client.get(reverse("portal:bulletin", args=[draft.pk])).status_code == 404
