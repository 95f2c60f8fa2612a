"""Limits on what one account can cost everyone: a burst of exports (renders, imports, drafts alike) from one
user is refused with 429 and a Chinese message while others go on; sign-in attempts are limited per address
above the per-username lock; every refusal is an audit event."""

import pytest
from django.urls import reverse

from dukao.audit.models import Event, Outcome


@pytest.fixture
def limits(settings):
    settings.DUKAO_RATE_LIMITS = {**settings.DUKAO_RATE_LIMITS, "export": "3/m", "sign_in": "4/10m"}
    return settings.DUKAO_RATE_LIMITS


def test_a_burst_of_exports_is_refused_for_that_user_only(client, limits, work_report, supervisor, inspector):
    url = reverse("plans:plan_export", args=[work_report.pk, "xlsx"])
    client.force_login(supervisor)
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "导出过于频繁（上限 3/m）" in refused.content.decode()
    event = Event.objects.get(action="permission.deny")
    assert event.outcome == Outcome.DENIED and "429" in event.summary and event.actor == supervisor
    client.force_login(inspector)
    assert client.get(url).status_code == 200


def test_the_ledger_export_counts_against_the_same_limit(client, limits, work_report, supervisor):
    url = reverse("supervision:ledger_export")
    client.force_login(supervisor)
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    assert client.get(url).status_code == 429


def test_sign_in_attempts_are_limited_per_address(client, limits, lead_reporter, supervisor):
    login = reverse("login")
    tries = [client.post(login, {"username": f"nobody{n}", "password": "wrong"}).status_code for n in range(4)]
    assert tries == [200, 200, 200, 200]  # the form again, with its error
    refused = client.post(login, {"username": lead_reporter.username, "password": "Test-pass-2019"})
    assert refused.status_code == 429 and "登录尝试过于频繁" in refused.content.decode()
    assert client.get(login).status_code == 200  # the page itself stays readable


def test_a_signed_in_users_404_is_an_audit_event(client, lead_reporter):
    client.force_login(lead_reporter)
    assert client.get(reverse("progress:report_detail", args=[987654])).status_code == 404
    assert "404" in Event.objects.get(action="permission.deny").summary
