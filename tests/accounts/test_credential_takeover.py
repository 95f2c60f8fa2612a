"""Nobody takes over a business account alone: passwords are issued by the system administrator only (the
security administrator has no password page and no 须修改密码 field), an issued password is always changed at the
next sign-in, and whoever issued an account's password does not also reset its second factor (nor the other way
round) until the holder has acted — through the admin page, the admin action and the services."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dukao.accounts import otp, services
from dukao.accounts.models import Role, User
from dukao.audit.models import Event
from tests.accounts.helpers import PASSWORD, enrol
from tests.conftest import make_user

NEW = "Issued-pass-2019x"


@pytest.fixture
def reporter(db):
    user = make_user("fgj2", Role.REPORTER, "区发改经信局")
    enrol(user)
    return user


def _password_page(client, user, password=NEW):
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    return client.post(url, {"password1": password, "password2": password, "set_usable_password": "true"})


def _reset_otp(client, user):
    form = {"action": "reset_otp", "_selected_action": [user.pk]}
    return client.post(reverse("admin:accounts_user_changelist"), form, follow=True).content.decode()


def test_the_security_administrator_has_no_password_page(client, security_admin, reporter):
    client.force_login(security_admin)
    assert client.get(reverse("admin:auth_user_password_change", args=[reporter.pk])).status_code == 403
    assert _password_page(client, reporter).status_code == 403
    assert User.objects.get(pk=reporter.pk).check_password(PASSWORD)
    with pytest.raises(PermissionDenied, match="系统管理员"):
        services.password_issue(actor=security_admin, user=reporter, password=NEW)


def test_the_security_administrator_cannot_untick_must_change(client, security_admin, reporter):
    reporter.must_change_password = True
    reporter.save()
    client.force_login(security_admin)
    url = reverse("admin:accounts_user_change", args=[reporter.pk])
    assert 'name="must_change_password"' not in client.get(url).content.decode()
    assert client.post(url, {"role": Role.REPORTER, "must_change_password": ""}).status_code == 302
    assert User.objects.get(pk=reporter.pk).must_change_password


def test_the_system_administrator_issues_a_password_to_be_changed(client, administrator, reporter):
    client.force_login(administrator)
    assert _password_page(client, reporter).status_code == 302
    reporter.refresh_from_db()
    assert reporter.check_password(NEW) and reporter.must_change_password and otp.enrolled(reporter)
    assert Event.objects.get(action="account.password_issue").actor == administrator


def test_who_issued_the_password_does_not_reset_the_second_factor(client, administrator, reporter):
    administrator.is_superuser = True  # demo mode: the one account that holds both rights
    administrator.save()
    client.force_login(administrator)
    assert _password_page(client, reporter).status_code == 302
    page = _reset_otp(client, reporter)
    assert "您刚为该账号下发了密码" in page and otp.enrolled(reporter)
    with pytest.raises(PermissionDenied, match="下发了密码"):
        services.otp_reset(actor=administrator, user=reporter)
    services.password_change(user=User.objects.get(pk=reporter.pk), password="Own-choice-2019x")
    services.otp_reset(actor=administrator, user=reporter)  # the holder has chosen their own password since
    assert not otp.enrolled(reporter)


def test_who_reset_the_second_factor_does_not_issue_the_password(client, administrator, reporter):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    _reset_otp(client, reporter)
    assert not otp.enrolled(reporter)
    assert _password_page(client, reporter).status_code == 403
    assert User.objects.get(pk=reporter.pk).check_password(PASSWORD)
