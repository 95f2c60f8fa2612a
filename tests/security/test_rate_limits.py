"""Limits on what one account can cost everyone: a burst of exports (renders, imports, drafts alike) from one
user is refused with 429 and a Chinese message while others go on; sign-in attempts are limited per address
above the per-username lock; every refusal is an audit event."""

import pytest
from django.urls import URLResolver, get_resolver, reverse

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


def test_every_export_is_limited_and_the_ledger_burst_is_refused(client, limits, supervisor):
    """Every URL named ``*_export`` carries the export limit (a new export cannot forget it)."""
    patterns = list(_patterns(get_resolver().url_patterns))
    exports = {name: view for name, view in patterns if name.endswith("_export")}
    assert "supervision:ledger_export" in exports
    assert {name for name, view in exports.items() if getattr(view, "rate_limit_group", None) != "export"} == set()
    client.force_login(supervisor)
    url = reverse("supervision:ledger_export")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    assert client.get(url).status_code == 429


def _patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def test_issuing_a_document_counts_against_the_render_limit():
    """Issuing renders the document's Word and PDF in the request: a bulletin, a case document and the year-end
    report count against the same per-user limit as a draft's renders."""
    views = dict(_patterns(get_resolver().url_patterns))
    issuing = ("supervision:bulletin_issue", "supervision:case_document_issue", "assessment:year_report_issue")
    groups = {name: getattr(views[name], "rate_limit_group", None) for name in issuing}
    assert groups == dict.fromkeys(issuing, "render")


def test_sign_in_attempts_are_limited_per_address(client, limits, lead_reporter, supervisor):
    login = reverse("login")
    tries = [client.post(login, {"username": f"nobody{n}", "password": "wrong"}).status_code for n in range(4)]
    assert tries == [200, 200, 200, 200]  # the form again, with its error
    refused = client.post(login, {"username": lead_reporter.username, "password": "Test-pass-2019"})
    assert refused.status_code == 429 and "登录尝试过于频繁" in refused.content.decode()
    assert refused["Retry-After"] == "600"  # the window of 4/10m, not a minute
    assert client.get(login).status_code == 200  # the page itself stays readable


def test_a_signed_in_users_404_is_an_audit_event(client, lead_reporter):
    client.force_login(lead_reporter)
    assert client.get(reverse("progress:report_detail", args=[987654])).status_code == 404
    assert "404" in Event.objects.get(action="permission.deny").summary
