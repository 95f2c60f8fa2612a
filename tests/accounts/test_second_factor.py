"""The second factor: TOTP for every account, each code once, throttled, not skipped by a password reset
(GB/T 22239-2019 8.1.4.1 d; ASVS V2.8.1, V2.8.3, V2.8.4, V2.2.1)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.checks import run_checks
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from dukao.accounts import otp
from dukao.accounts.services import otp_reset, password_issue
from dukao.audit.models import Event
from tests.accounts.helpers import current_code, enrol, login

pytestmark = pytest.mark.django_db
PLANS = reverse("plans:plan_list")
VERIFY = reverse("accounts:otp_verify")
SETUP = reverse("accounts:otp_setup")


@pytest.fixture(autouse=True)
def require_otp(settings):
    settings.DUKAO_REQUIRE_OTP = True


def give_code(client, code: str, url: str = VERIFY):
    return client.post(url, {"code": code, "next": PLANS})


def test_the_first_sign_in_enrols_with_a_qr_code_and_the_secret_in_text(client, supervisor):
    login(client, "supervisor")
    assert client.get(PLANS)["Location"] == f"{SETUP}?next=%2Fplans%2F"
    page = client.get(SETUP)
    html = page.content.decode()
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', html).group(1)
    assert "<svg" in html and "unsafe-inline" not in page["Content-Security-Policy"]
    device = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    with time_machine.travel("2026-03-02 09:00:05 +0800", tick=False) as clock:
        assert secret in give_code(client, "000000", SETUP).content.decode()  # wrong: the same secret again
        clock.shift(timedelta(seconds=2))  # past the wait after one failure
        assert give_code(client, current_code(device), SETUP)["Location"] == PLANS
        assert otp.enrolled(supervisor) and client.get(PLANS).status_code == 200
    assert Event.objects.filter(action="account.otp_enrol", object_id=str(supervisor.pk)).exists()


def test_an_enrolled_account_gives_a_code_after_the_password(client, supervisor):
    device = enrol(supervisor)
    login(client, "supervisor")
    assert client.get(PLANS)["Location"].startswith(VERIFY)
    assert client.get(SETUP)["Location"] == VERIFY  # no re-enrolling with the password alone
    assert "请输入验证器应用显示的 6 位数字" in give_code(client, "12345").content.decode()
    assert give_code(client, current_code(device))["Location"] == PLANS
    assert client.get(PLANS).status_code == 200


def test_a_code_is_accepted_once(client, supervisor):
    device = enrol(supervisor)
    with time_machine.travel("2026-03-02 09:00:05 +0800", tick=False):
        code = current_code(device)
        login(client, "supervisor")
        assert give_code(client, code)["Location"] == PLANS
        client.post(reverse("logout"))
        login(client, "supervisor")
        assert give_code(client, code).status_code == 200  # replayed within its 30 seconds
        assert client.get(PLANS)["Location"].startswith(VERIFY)


def test_wrong_codes_slow_down_the_next_attempts(client, supervisor):
    device = enrol(supervisor)
    with time_machine.travel("2026-03-02 09:00:05 +0800", tick=False) as clock:
        login(client, "supervisor")
        assert "动态口令不正确" in give_code(client, "000000").content.decode()
        give_code(client, "000001")  # second failure: the next try waits 2 seconds
        assert give_code(client, current_code(device)).status_code == 200
        clock.shift(timedelta(seconds=3))
        assert give_code(client, current_code(device))["Location"] == PLANS


def test_a_password_reset_does_not_skip_the_second_factor(client, supervisor, administrator):
    enrol(supervisor)
    password_issue(actor=administrator, user=supervisor, password="Issued-pass-01")
    login(client, "supervisor", "Issued-pass-01")
    assert client.get(reverse("accounts:password_change"))["Location"].startswith(VERIFY)
    assert otp.enrolled(supervisor)


def test_an_administrator_resets_a_lost_second_factor(client, supervisor, administrator):
    enrol(supervisor)
    otp_reset(actor=administrator, user=supervisor)
    assert not otp.enrolled(supervisor)
    assert Event.objects.get(action="account.otp_reset").actor == administrator


def test_production_settings_cannot_switch_it_off(settings):
    settings.DUKAO_REQUIRE_OTP, settings.DUKAO_DEMO, settings.DEBUG = False, False, False
    assert "dukao.E010" in [message.id for message in run_checks()]
    settings.DUKAO_DEMO = True
    assert "dukao.E010" not in [message.id for message in run_checks()]


def test_the_public_pages_and_logout_need_no_second_factor(client, supervisor):
    login(client, "supervisor")
    assert client.get(reverse("portal:home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_every_wrong_or_replayed_code_is_an_audited_failure(client, supervisor):
    device = enrol(supervisor)
    with time_machine.travel("2026-03-02 09:00:05 +0800", tick=False):
        code = current_code(device)
        login(client, "supervisor")
        give_code(client, "000000")
        failed = Event.objects.filter(action="auth.otp_failed", actor=supervisor)
        expected = [("failure", "动态口令错误", str(supervisor.pk))]
        assert [(e.outcome, e.summary, e.object_id) for e in failed] == expected
        assert "000000" not in str([(e.summary, e.before, e.after) for e in failed])  # the code itself is not kept
    with time_machine.travel("2026-03-02 09:00:15 +0800", tick=False):  # after the throttle's delay
        assert give_code(client, code)["Location"] == PLANS
        assert failed.count() == 1  # the right code is no failure


def test_a_malformed_code_is_a_failed_attempt_too(client, supervisor):
    enrol(supervisor)
    with time_machine.travel("2026-03-02 09:00:05 +0800", tick=False):
        login(client, "supervisor")
        assert give_code(client, "abc").status_code == 200
    assert Event.objects.filter(action="auth.otp_failed", actor=supervisor).count() == 1
