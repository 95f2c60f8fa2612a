"""Administrators who cannot become each other: nobody changes their own role; an administrator role is granted,
and an administrator's password or second factor reset, only when one administrator proposes and another approves
(双人审批) — through every path: the admin form, its actions, the password page, the commands."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from dukao.accounts import otp, services
from dukao.accounts.models import AdminApproval, ApprovalKind, ApprovalState, Role, User
from dukao.audit.models import Event
from tests.conftest import make_user


def _change_form(user: User, **fields) -> dict:
    """The admin change form of ``user`` as the security administrator sees it (role and policy fields)."""
    return {"role": user.role, "must_change_password": "", **fields}


@pytest.fixture
def reporter(db):
    return make_user("fgj2", Role.REPORTER, "区发改经信局")


def test_the_security_administrator_cannot_change_its_own_role(client, security_admin):
    client.force_login(security_admin)
    url = reverse("admin:accounts_user_change", args=[security_admin.pk])
    page = client.post(url, _change_form(security_admin, role=Role.AUDITOR)).content.decode()
    assert "不能修改自己的角色" in page
    assert User.objects.get(pk=security_admin.pk).role == Role.SECURITY_ADMIN


def test_an_administrator_role_is_not_granted_on_the_form(client, security_admin, reporter):
    client.force_login(security_admin)
    url = reverse("admin:accounts_user_change", args=[reporter.pk])
    page = client.post(url, _change_form(reporter, role=Role.AUDITOR)).content.decode()
    assert "双人审批" in page
    assert User.objects.get(pk=reporter.pk).role == Role.REPORTER


def test_a_business_role_is_assigned_on_the_form_and_audited(client, security_admin, reporter):
    client.force_login(security_admin)
    url = reverse("admin:accounts_user_change", args=[reporter.pk])
    assert client.post(url, _change_form(reporter, role=Role.UNIT_HEAD)).status_code == 302
    assert User.objects.get(pk=reporter.pk).role == Role.UNIT_HEAD
    event = Event.objects.get(action="account.role")
    assert (event.before, event.after) == ({"role": "reporter"}, {"role": "unit_head"})


def test_the_audit_role_is_granted_by_two_administrators(client, security_admin, administrator, reporter):
    client.force_login(security_admin)
    form = {"user": reporter.pk, "kind": ApprovalKind.ROLE, "role": Role.AUDITOR, "reason": "原审计管理员调岗"}
    assert client.post(reverse("accounts:approval_list"), form).status_code == 302
    approval = AdminApproval.objects.get()
    assert User.objects.get(pk=reporter.pk).role == Role.REPORTER  # nothing changes before the approval
    with pytest.raises(PermissionDenied, match="另一名管理员"):
        services.approval_decide(actor=security_admin, approval=approval, approve=True)
    client.force_login(administrator)
    decide = reverse("accounts:approval_decide", args=[approval.pk])
    assert client.post(decide, {"approve": "1", "note": "同意"}).status_code == 302
    assert User.objects.get(pk=reporter.pk).role == Role.AUDITOR
    assert AdminApproval.objects.get().state == ApprovalState.APPROVED
    assert {"approval.propose", "approval.decide"} <= set(Event.objects.values_list("action", flat=True))


def test_an_administrator_cannot_propose_for_itself(security_admin):
    with pytest.raises(PermissionDenied, match="自己"):
        services.approval_propose(
            actor=security_admin, user=security_admin, kind=ApprovalKind.ROLE, role=Role.AUDITOR, reason="x"
        )


def test_the_auditor_password_is_reset_only_through_an_approval(client, administrator, security_admin, auditor):
    client.force_login(administrator)
    page = client.get(reverse("admin:auth_user_password_change", args=[auditor.pk]), follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("accounts:approval_list"))
    with pytest.raises(PermissionDenied):
        services.password_issue(actor=administrator, user=auditor, password="Another-pass-2019")
    approval = services.approval_propose(
        actor=administrator, user=auditor, kind=ApprovalKind.PASSWORD, password="Another-pass-2019", reason="遗忘"
    )
    assert "Another-pass-2019" not in approval.password
    assert not User.objects.get(pk=auditor.pk).check_password("Another-pass-2019")
    services.approval_decide(actor=security_admin, approval=approval, approve=True)
    auditor.refresh_from_db()
    assert auditor.check_password("Another-pass-2019") and auditor.must_change_password


def test_the_second_factor_reset_action_skips_administrators(client, security_admin, auditor, reporter):
    for user in (auditor, reporter):
        otp.enrolment_begin(user)
    client.force_login(security_admin)
    changelist = reverse("admin:accounts_user_changelist")
    form = {"action": "reset_otp", "_selected_action": [auditor.pk, reporter.pk]}
    page = client.post(changelist, form, follow=True).content.decode()
    assert "udit：管理员账号的密码和动态口令须经" in page and "已重置 1 个账号的动态口令" in page
    assert not Event.objects.filter(action="account.otp_reset", object_id=str(auditor.pk)).exists()
    assert Event.objects.filter(action="account.otp_reset", object_id=str(reporter.pk)).exists()


def test_a_refused_proposal_changes_nothing(administrator, security_admin, auditor):
    approval = services.approval_propose(actor=administrator, user=auditor, kind=ApprovalKind.OTP, reason="丢失手机")
    services.approval_decide(actor=security_admin, approval=approval, approve=False, note="未核实身份")
    with pytest.raises(PermissionDenied, match="已审批"):
        services.approval_decide(actor=security_admin, approval=approval, approve=True)
    assert AdminApproval.objects.get().state == ApprovalState.REFUSED


def test_the_database_refuses_a_proposer_deciding(administrator, auditor):
    approval = services.approval_propose(actor=administrator, user=auditor, kind=ApprovalKind.OTP, reason="丢失")
    approval.decided_by = administrator
    with pytest.raises(IntegrityError), transaction.atomic():
        approval.save()


def test_changepassword_refuses_an_administrator(auditor):
    with pytest.raises(CommandError, match="双人审批"):
        call_command("changepassword", auditor.username)


def test_admins_create_makes_the_first_three_and_then_refuses(db, capsys):
    call_command("admins_create", "--unit", "区政府办公室", "xt", "aq", "sj")
    roles = dict(User.objects.values_list("username", "role"))
    assert roles == {"xt": Role.ADMIN, "aq": Role.SECURITY_ADMIN, "sj": Role.AUDITOR}
    printed = capsys.readouterr().out
    assert all(User.objects.get(username=u).must_change_password for u in roles) and "xt\t" in printed
    with pytest.raises(CommandError, match="已有管理员"):
        call_command("admins_create", "--unit", "区政府办公室", "a", "b", "c")


def test_the_admin_add_user_form_is_submitted(client, administrator):
    client.force_login(administrator)
    unit = administrator.unit
    form = {"username": "new_reporter", "last_name": "孙", "first_name": "新", "unit": unit.pk}
    form |= {"password1": "Issued-pass-2019x", "password2": "Issued-pass-2019x"}
    assert client.post(reverse("admin:accounts_user_add"), form).status_code == 302
    user = User.objects.get(username="new_reporter")
    assert (user.role, user.unit, user.must_change_password) == (Role.REPORTER, unit, True)


def _system_form(user: User, **fields) -> dict:
    """The admin change form of ``user`` as the system administrator sees it (the person and the unit)."""
    person = {"username": user.username, "last_name": user.last_name, "first_name": user.first_name}
    return {**person, "email": "", "unit": user.unit_id, "is_active": "on", "dingtalk_userid": "", **fields}


def test_the_system_administrator_alone_neither_binds_dingtalk_to_nor_deactivates_an_administrator(
    client, administrator, auditor, security_admin
):
    client.force_login(administrator)
    url = reverse("admin:accounts_user_change", args=[auditor.pk])
    page = client.post(url, _system_form(auditor, dingtalk_userid="attacker01")).content.decode()
    assert "双人审批" in page and User.objects.get(pk=auditor.pk).dingtalk_userid is None
    page = client.post(
        reverse("admin:accounts_user_change", args=[security_admin.pk]), _system_form(security_admin, is_active="")
    ).content.decode()
    assert "双人审批" in page and User.objects.get(pk=security_admin.pk).is_active
    with pytest.raises(CommandError, match="双人审批"):
        call_command("dingtalk_bind", auditor.username, "attacker01")
    assert User.objects.get(pk=auditor.pk).dingtalk_userid is None


def test_a_business_account_is_bound_and_deactivated_on_the_form(client, administrator, reporter):
    client.force_login(administrator)
    url = reverse("admin:accounts_user_change", args=[reporter.pk])
    assert client.post(url, _system_form(reporter, dingtalk_userid="fgj2001", is_active="")).status_code == 302
    reporter.refresh_from_db()
    assert (reporter.dingtalk_userid, reporter.is_active) == ("fgj2001", False)
