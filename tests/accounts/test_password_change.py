"""A password change forced at first sign-in with an issued password and after 90 days (GB/T 22239-2019
8.1.4.1 a); a change ends the user's other sessions (ASVS V3.3.3)."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from dukao.accounts.services import password_issue
from dukao.audit.models import Event
from tests.accounts.helpers import login

pytestmark = pytest.mark.django_db
PLANS = reverse("desk:home")  # where a sign-in lands
CHANGE = reverse("accounts:password_change")


def change(client, old: str, new: str):
    return client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": new})


def test_an_issued_password_is_changed_at_the_first_sign_in(client, lead_reporter, administrator):
    password_issue(actor=administrator, user=lead_reporter, password="Issued-pass-01")
    login(client, "fgj", "Issued-pass-01")
    response = client.get(PLANS)
    assert response.status_code == 302 and response["Location"].startswith(CHANGE)
    assert "管理员下发的初始密码" in client.get(response["Location"]).content.decode()
    assert change(client, "Issued-pass-01", "Lantern-bridge7")["Location"] == PLANS
    assert client.get(PLANS).status_code == 200
    events = Event.objects.filter(object_id=str(lead_reporter.pk), action__startswith="account.")
    assert [e.action for e in events] == [
        "account.password_change",
        "account.password_issue",
    ]


def test_a_password_set_in_the_admin_is_an_issued_one(client, lead_reporter, administrator):
    client.force_login(administrator)
    url = reverse("admin:auth_user_password_change", args=[lead_reporter.pk])
    client.post(url, {"usable_password": "true", "password1": "Issued-pass-02", "password2": "Issued-pass-02"})
    lead_reporter.refresh_from_db()
    assert lead_reporter.check_password("Issued-pass-02") and lead_reporter.must_change_password


def test_a_new_password_must_follow_the_rules(client, lead_reporter):
    client.force_login(lead_reporter)
    assert "至少 3 类" in change(client, "Test-pass-2019", "lanternbridge7").content.decode()
    assert "最近 5 次" in change(client, "Test-pass-2019", "Test-pass-2019").content.decode()


def test_a_password_older_than_ninety_days_must_be_changed(client, lead_reporter):
    changed = lead_reporter.password_changed_at
    with time_machine.travel(changed + timedelta(days=89), tick=False):
        client.force_login(lead_reporter)
        assert client.get(PLANS).status_code == 200
    with time_machine.travel(changed + timedelta(days=91), tick=False):
        client.force_login(lead_reporter)
        assert client.get(PLANS)["Location"].startswith(CHANGE)
        assert "超过 90 天" in client.get(CHANGE).content.decode()
        change(client, "Test-pass-2019", "Lantern-bridge7")
        assert client.get(PLANS).status_code == 200


def test_the_forced_change_can_be_switched_off(client, lead_reporter, settings):
    settings.DUKAO_PASSWORD_MAX_AGE_DAYS = 0
    with time_machine.travel(lead_reporter.password_changed_at + timedelta(days=400), tick=False):
        client.force_login(lead_reporter)
        assert client.get(PLANS).status_code == 200


def test_a_change_ends_the_other_sessions_and_keeps_this_one(lead_reporter):
    here, elsewhere = Client(), Client()
    login(here, "fgj")
    login(elsewhere, "fgj")
    assert elsewhere.get(PLANS).status_code == 200
    change(here, "Test-pass-2019", "Lantern-bridge7")
    assert here.get(PLANS).status_code == 200
    assert elsewhere.get(PLANS)["Location"].startswith(reverse("login"))
