"""What Django does rather than a service is audited too: sign-in, sign-out, failed sign-in (the account tried,
never the password), refusals (403 responses and refusals a page shows as a message), privilege changes and
exports; the security settings are checked."""

import pytest
from django.core.checks import run_checks
from django.urls import reverse

from dukao.accounts.models import Role
from dukao.audit.models import Event, Outcome
from tests.conftest import make_user


def _last(action: str) -> Event:
    return Event.objects.filter(action=action).latest("chain_seq")


def test_sign_in_sign_out_and_a_failed_sign_in_are_recorded_with_their_outcome(client, lead_reporter):
    client.post(reverse("login"), {"username": "fgj", "password": "wrong-secret-1"}, REMOTE_ADDR="10.0.0.9")
    failed = _last("auth.login_failed")
    assert (failed.actor_name, failed.outcome, failed.ip) == ("fgj", Outcome.FAILURE, "10.0.0.9")
    assert "wrong-secret-1" not in f"{failed.summary}{failed.before}{failed.after}"
    client.post(reverse("login"), {"username": "fgj", "password": "Test-pass-2019"})
    login = _last("auth.login")
    assert (login.actor_name, login.unit_name, login.role, login.outcome) == (
        "fgj",
        "区发改经信局",
        "reporter",
        "success",
    )
    client.post(reverse("logout"))
    assert _last("auth.logout").actor == lead_reporter


def test_a_403_response_is_recorded_as_denied(client, lead_reporter):
    client.force_login(lead_reporter)
    response = client.get(reverse("audit:event_list"), REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 403
    denied = _last("permission.deny")
    assert (denied.actor_name, denied.outcome, denied.ip) == ("fgj", Outcome.DENIED, "10.0.0.7")
    assert denied.summary.startswith("GET /audit/") and denied.request_id == response["X-Request-ID"]


def test_a_refusal_the_page_shows_as_a_message_is_recorded_as_denied(client, work_report, lead_reporter):
    client.force_login(lead_reporter)
    response = client.post(reverse("assessment:assessment_list"), {"year": 2019}, follow=True)
    assert response.status_code == 200 and "只有区政府办公室可以发起年度考核" in response.content.decode()
    denied = _last("permission.deny")
    assert (denied.actor_name, denied.outcome) == ("fgj", Outcome.DENIED) and "只有区政府办公室" in denied.summary
    assert not Event.objects.filter(action="assessment.run").exists()


def test_a_role_change_in_the_admin_records_who_changed_what(client, security_admin, lead_reporter):
    client.force_login(security_admin)
    url = reverse("admin:accounts_user_change", args=[lead_reporter.pk])
    data = {
        "username": "fgj",
        "unit": lead_reporter.unit_id,
        "role": Role.UNIT_HEAD,
        "is_active": "on",
        "date_joined_0": "2019-01-01",
        "date_joined_1": "00:00:00",
    }
    assert client.post(url, data).status_code == 302
    change = _last("user.privileges")
    assert (change.actor_name, change.object_id) == ("security", str(lead_reporter.pk))
    assert (change.before, change.after) == ({"role": "reporter"}, {"role": "unit_head"})


def test_an_account_created_outside_a_request_records_its_privileges_by_the_system(db):
    user = make_user("new", Role.AUDITOR, "区委办公室")
    created = _last("user.privileges")
    assert (created.actor_name, created.object_id, created.before) == ("system", str(user.pk), None)
    assert created.after["role"] == "auditor"
    user.last_name = "王"
    user.save()
    assert Event.objects.filter(action="user.privileges").count() == 1


@pytest.mark.parametrize(
    ("url_name", "args", "action"),
    [
        ("plans:plan_export", ["PLAN", "xlsx"], "plan.export"),
        ("plans:cadre_export", [], "cadre.export"),
        ("audit:event_export", [], "audit.export"),
    ],
)
def test_exports_are_recorded(client, work_report, administrator, auditor, url_name, args, action):
    user = auditor if url_name.startswith("audit:") else administrator
    client.force_login(user)
    args = [work_report.pk if a == "PLAN" else a for a in args]
    assert client.get(reverse(url_name, args=args)).status_code == 200
    assert _last(action).actor_name == user.username


def test_retention_below_180_days_is_an_error_and_missing_keys_warn_on_deploy(settings):
    settings.DUKAO_AUDIT_RETENTION_DAYS = 90
    settings.DUKAO_AUDIT_KEY, settings.DUKAO_FIELD_KEY = "", "not-hex"
    errors = {m.id for m in run_checks()}
    assert {"dukao.E001", "dukao.E002"} <= errors and "dukao.W001" not in errors
    assert "dukao.W001" in {m.id for m in run_checks(include_deployment_checks=True)}
    settings.DUKAO_AUDIT_RETENTION_DAYS, settings.DUKAO_FIELD_KEY = 180, "0" * 32
    assert not {"dukao.E001", "dukao.E002"} & {m.id for m in run_checks()}
