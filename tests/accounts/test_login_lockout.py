"""Login failures lock the username (not the address): GB/T 22239-2019 8.1.4.1 b; ASVS V2.2.1."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from dukao.audit.models import Event
from tests.accounts.helpers import PASSWORD, login

pytestmark = pytest.mark.django_db
AT = "2026-03-02 09:00 +0800"


def error_text(response) -> str:
    content = response.content.decode()
    return content[content.index('<p class="error">') :].split("</p>")[0]


def test_five_failures_lock_the_account_for_thirty_minutes(client, supervisor):
    with time_machine.travel(AT, tick=False) as clock:
        assert [login(client, "supervisor", "wrong").status_code for _ in range(4)] == [200] * 4
        locked = login(client, "supervisor", "wrong")
        assert locked.status_code == 429 and "已锁定 30 分钟" in locked.content.decode()
        assert login(client, "supervisor").status_code == 429  # the right password does not help
        clock.shift(timedelta(minutes=29))
        assert login(client, "supervisor").status_code == 429
        clock.shift(timedelta(minutes=2))
        assert login(client, "supervisor").status_code == 302


def test_failures_count_per_username_whatever_the_address(client, supervisor, inspector):
    for i in range(5):
        login(client, "supervisor", "wrong", REMOTE_ADDR=f"10.1.0.{i}")
    assert login(client, "supervisor", REMOTE_ADDR="10.1.0.9").status_code == 429
    assert login(client, "jw", REMOTE_ADDR="10.1.0.0").status_code == 302  # a colleague behind the same address


def test_a_success_starts_the_count_again(client, supervisor):
    for _ in range(4):
        login(client, "supervisor", "wrong")
    assert login(client, "supervisor").status_code == 302
    client.post(reverse("logout"))
    assert [login(client, "supervisor", "wrong").status_code for _ in range(4)] == [200] * 4


def test_a_wrong_username_and_a_wrong_password_read_the_same(client, supervisor):
    wrong_password, unknown_user = login(client, "supervisor", "wrong"), login(client, "nobody", PASSWORD)
    assert error_text(wrong_password) == error_text(unknown_user) == '<p class="error">用户名或密码不正确。'
    for _ in range(4):
        last = login(client, "nobody", PASSWORD)
    assert last.status_code == 429  # an unknown name locks the same way: no hint whether it exists


def test_the_lock_and_the_unlock_are_audited(client, supervisor):
    for _ in range(5):
        login(client, "supervisor", "wrong")
    login(client, "supervisor", "wrong")  # refused while locked: not a second lock
    lock = Event.objects.get(action="account.lock")
    assert (lock.object_id, lock.ip) == (str(supervisor.pk), "127.0.0.1")
    out = StringIO()
    call_command("account_unlock", "supervisor", stdout=out)
    assert "supervisor：已解除锁定" in out.getvalue()
    assert Event.objects.get(action="account.unlock").object_id == str(supervisor.pk)
    assert login(client, "supervisor").status_code == 302


@pytest.mark.parametrize("command", ["axes_reset", "axes_reset_ip", "axes_reset_ip_username", "axes_reset_username"])
def test_axes_own_reset_commands_are_refused_and_the_lock_stays(client, supervisor, command):
    from django.core.management import CommandError

    for _ in range(5):
        login(client, "supervisor", "wrong")
    with pytest.raises(CommandError, match="account_unlock"):
        call_command(command, "supervisor")
    assert login(client, "supervisor").status_code == 429  # still locked
    assert not Event.objects.filter(action="account.unlock").exists()


def test_unlocking_an_account_that_is_not_locked_changes_nothing(supervisor):
    out = StringIO()
    call_command("account_unlock", "supervisor", stdout=out)
    assert "未被锁定" in out.getvalue() and not Event.objects.filter(action="account.unlock").exists()


def test_the_security_administrator_unlocks_from_the_admin(client, supervisor, administrator, security_admin):
    for _ in range(5):
        login(client, "supervisor", "wrong")
    admin_client = Client()
    action = {"action": "unlock", "_selected_action": [supervisor.pk]}
    admin_client.force_login(administrator)  # the system administrator may not: 三权分立
    admin_client.post(reverse("admin:accounts_user_changelist"), action)
    assert not Event.objects.filter(action="account.unlock").exists()
    admin_client.force_login(security_admin)
    admin_client.post(reverse("admin:accounts_user_changelist"), action)
    unlock = Event.objects.get(action="account.unlock")
    assert unlock.actor == security_admin
    assert login(client, "supervisor").status_code == 302
