"""Writes on accounts: demo accounts, roles, passwords, login locks, the second factor, the two-person approval
of administrators' accounts; each one audited. A refused write raises ``PermissionDenied`` with the reason."""

import secrets
from dataclasses import dataclass

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dukao.accounts import dingtalk, otp, permissions
from dukao.accounts.models import ADMIN_ROLES, AdminApproval, ApprovalKind, ApprovalState, Role, User
from dukao.audit.models import Outcome
from dukao.audit.services import event_record
from dukao.units.models import Unit

_APPROVAL_NEEDED = gettext_lazy("管理员账号的密码和动态口令须经另一名管理员审批后重置（双人审批）。")

#: The password of every demo account. Demo accounts exist only where ``make demo`` created them.
DEMO_PASSWORD = "Dukao@2019"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    unit: str


#: One account per role, in the units the seed notice gives each duty (README lists them).
DEMO_ACCOUNTS = (
    DemoAccount("reporter", "张填报", Role.REPORTER, "区发改经信局"),
    DemoAccount("unithead", "李负责", Role.UNIT_HEAD, "区发改经信局"),
    DemoAccount("stats", "王统计", Role.STATS_REVIEWER, "区统计局"),
    DemoAccount("construction", "赵评估", Role.CONSTRUCTION_REVIEWER, "区发改经信局"),
    DemoAccount("supervisor", "陈督查", Role.SUPERVISOR, "区政府办公室"),
    DemoAccount("inspector", "周监督", Role.INSPECTOR, "区纪委(区监委)"),
    DemoAccount("evaluator", "吴考评", Role.EVALUATOR, "区委办公室"),
    DemoAccount("auditor", "冯审计", Role.AUDITOR, "区委办公室"),
    DemoAccount("admin", "郑管理", Role.ADMIN, "区政府办公室"),
    DemoAccount("security", "钱安全", Role.SECURITY_ADMIN, "区政府办公室"),
)


@transaction.atomic
def demo_accounts_ensure() -> list[tuple[DemoAccount, bool]]:
    """Create (or reset to the demo password) one account per role. Returns ``[(account, created)]``.

    Raises ``Unit.DoesNotExist`` when the unit registry has not been loaded (run ``dukao migrate``).
    """
    result = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.update_or_create(
            username=account.username,
            defaults={
                "last_name": account.full_name[0],
                "first_name": account.full_name[1:],
                "role": account.role,
                "unit": Unit.objects.get(name=account.unit),
                "is_superuser": False,
                "must_change_password": False,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        result.append((account, created))
    return result


@transaction.atomic
def password_change(*, user: User, password: str) -> None:
    """The user chose a new password (already validated by ``AUTH_PASSWORD_VALIDATORS``): it is no longer an
    issued one and its age starts again (GB/T 22239-2019 8.1.4.1 a; ASVS V2.1.5). Other sessions of the user
    end by themselves: Django's session hash no longer matches (the caller keeps its own with
    ``update_session_auth_hash``)."""
    user.set_password(password)
    user.must_change_password = False
    user.save()
    event_record(actor=user, action="account.password_change", obj=user, summary="修改密码")


@transaction.atomic
def role_assign(*, actor: User, user: User, role: str) -> None:
    """The security administrator gives a business account another business role (an administrator role takes
    ``approval_propose``)."""
    if role == user.role:
        return
    if refusal := permissions.role_change_refusal(actor, user, role):
        raise PermissionDenied(refusal)
    before = user.role
    user.role = role
    user.save()
    event_record(
        actor=actor,
        action="account.role",
        obj=user,
        summary=f"分配角色：{user.username}",
        before={"role": before},
        after={"role": role},
    )


@transaction.atomic
def password_issue(*, actor: User, user: User, password: str) -> None:
    """An administrator gives a business account a password, to be changed at the next sign-in; the second
    factor stays, so a password reset never skips it. The system administrator's (``password_issue_refusal``);
    an administrator's password takes ``approval_propose``."""
    if refusal := permissions.password_issue_refusal(actor, user):
        raise PermissionDenied(refusal)
    if permissions.credentials_need_approval(user):
        raise PermissionDenied(_APPROVAL_NEEDED)
    user.set_password(password)
    user.must_change_password = True
    user.save()
    event_record(actor=actor, action="account.password_issue", obj=user, summary=f"下发初始密码：{user.username}")


def login_lock_record(*, username: str) -> None:
    """Audit that ``username`` reached the failure limit and is locked (called by django-axes' signal). An
    unknown username is locked too (no hint whether it exists) and recorded against its attempt record."""
    target = User.objects.filter(username=username).first() or AccessAttempt.objects.filter(username=username).first()
    if target is not None:
        event_record(actor=None, action="account.lock", obj=target, summary=f"连续登录失败，账号已锁定：{username}")


@transaction.atomic
def account_unlock(*, actor: User | None, username: str) -> bool:
    """Lift the login lock of ``username`` (and forget its failures) before the lock runs out. Returns whether
    there was anything to lift; then the unlock is audited against the account (an unknown username's failures
    are just forgotten). ``actor`` is None from the command line."""
    if not axes_reset(username=username):
        return False
    target = User.objects.filter(username=username).first()
    if target is not None:
        event_record(actor=actor, action="account.unlock", obj=target, summary=f"解除登录锁定：{username}")
    return True


@transaction.atomic
def otp_check(*, user: User, code: str) -> bool:
    """The second factor at sign-in: whether ``code`` is right for the user's device. A wrong, reused or throttled
    code is audited as a failure (GB/T 22239-2019 8.1.4.3 b: 身份鉴别失败); the right one is not an event of its
    own (the sign-in is)."""
    if otp.verify(user, code):
        return True
    otp_failed(user=user)
    return False


def otp_failed(*, user: User) -> None:
    """Audit a failed second factor: a wrong, reused or throttled code, or one not even of six to eight digits
    (which is not checked against the device, so it does not slow the user's next try). The code is not kept."""
    event_record(actor=user, action="auth.otp_failed", obj=user, outcome=Outcome.FAILURE, summary="动态口令错误")


@transaction.atomic
def otp_enrolment_confirm(*, user: User, code: str) -> bool:
    """Confirm the second factor the user is enrolling with a first code. Returns whether it was right."""
    if not otp.enrolment_confirm(user, code):
        return False
    event_record(actor=user, action="account.otp_enrol", obj=user, summary="绑定动态口令")
    return True


@transaction.atomic
def otp_reset(*, actor: User, user: User) -> None:
    """An administrator removes the second factor of a business user who lost it; the user enrols again at
    sign-in; not the one who issued its password (``otp_reset_refusal``). An administrator's second factor
    takes ``approval_propose``."""
    if permissions.credentials_need_approval(user):
        raise PermissionDenied(_APPROVAL_NEEDED)
    if refusal := permissions.otp_reset_refusal(actor, user):
        raise PermissionDenied(refusal)
    otp.reset(user)
    event_record(actor=actor, action="account.otp_reset", obj=user, summary=f"重置动态口令：{user.username}")


@transaction.atomic
def admins_create(*, unit: Unit, usernames: dict[str, str]) -> dict[str, str]:
    """The first system, security and audit administrators of a production database (``usernames``: role →
    username), each with a generated password to change at the first sign-in, where the second factor is
    enrolled too. Refused once any administrator exists: later ones come through ``approval_propose``.
    Returns username → the issued password (shown once)."""
    if User.objects.filter(role__in=ADMIN_ROLES).exists():
        raise PermissionDenied(_("已有管理员账号：新的管理员须经双人审批授予。"))
    issued = {}
    for role, username in usernames.items():
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password, role=role, unit=unit)
        user.must_change_password = True
        user.save()
        issued[username] = password
        event_record(actor=None, action="account.bootstrap", obj=user, summary=f"创建首批管理员：{username}")
    return issued


@transaction.atomic
def approval_propose(
    *, actor: User, user: User, kind: str, reason: str, role: str = "", password: str = ""
) -> AdminApproval:
    """One administrator proposes a change to an administrator's account (a role granted or taken away, a
    password or second factor reset); nothing changes until another approves (``approval_decide``)."""
    if refusal := permissions.approval_propose_refusal(actor, user, kind):
        raise PermissionDenied(refusal)
    if not reason.strip():
        raise PermissionDenied(_("请写明理由。"))
    approval = AdminApproval.objects.create(
        kind=kind,
        user=user,
        role=role if kind == ApprovalKind.ROLE else "",
        password=make_password(password) if kind == ApprovalKind.PASSWORD else "",
        reason=reason.strip(),
        proposed_by=actor,
    )
    summary = f"提出双人审批：{approval}"
    event_record(actor=actor, action="approval.propose", obj=approval, summary=summary, after={"role": approval.role})
    return approval


@transaction.atomic
def approval_decide(*, actor: User, approval: AdminApproval, approve: bool, note: str = "") -> AdminApproval:
    """Another administrator approves (the change is made now) or refuses a proposal; both audited."""
    approval = AdminApproval.objects.select_for_update().get(pk=approval.pk)
    if refusal := permissions.approval_decide_refusal(actor, approval):
        raise PermissionDenied(refusal)
    approval.state = ApprovalState.APPROVED if approve else ApprovalState.REFUSED
    approval.decided_by, approval.decided_at, approval.note = actor, timezone.now(), note.strip()
    approval.save()
    if approve:
        _approval_apply(approval)
    event_record(
        actor=actor, action="approval.decide", obj=approval, summary=f"{approval.get_state_display()}：{approval}"
    )
    return approval


def _approval_apply(approval: AdminApproval) -> None:
    user = approval.user
    if approval.kind == ApprovalKind.ROLE:
        user.role = approval.role
    elif approval.kind == ApprovalKind.PASSWORD:
        user.password, user.password_changed_at, user.must_change_password = approval.password, timezone.now(), True
    else:
        otp.reset(user)
    user.save()


@transaction.atomic
def dingtalk_bind(*, actor: User | None, user: User, userid: str) -> None:
    """The system administrator binds the account to a DingTalk / 浙政钉 userid in advance (an empty one
    unbinds); only a bound account signs in with DingTalk. ``actor`` is None from the command line. An
    administrator's account is not bound by one person (``APPROVAL_NEEDED_FOR_ACCESS``)."""
    if permissions.credentials_need_approval(user):
        raise PermissionDenied(permissions.APPROVAL_NEEDED_FOR_ACCESS)
    userid = userid.strip() or None
    if userid and User.objects.filter(dingtalk_userid=userid).exclude(pk=user.pk).exists():
        raise PermissionDenied(_("钉钉用户ID“%(userid)s”已绑定其他账号。") % {"userid": userid})
    before = user.dingtalk_userid
    user.dingtalk_userid = userid
    user.save(update_fields=["dingtalk_userid"])
    summary = f"绑定钉钉账号：{user.username} → {userid}" if userid else f"解除钉钉绑定：{user.username}"
    event_record(
        actor=actor,
        action="account.dingtalk_bind",
        obj=user,
        summary=summary,
        before={"dingtalk_userid": before},
        after={"dingtalk_userid": userid},
    )


def dingtalk_account(*, code: str) -> User:
    """Who signs in with the DingTalk ``code``: the active account bound to their userid (``dingtalk``). A
    failure (DingTalk's answer, no bound account) is audited and raises ``PermissionDenied`` with the reason;
    a success is audited too, before the sign-in's own event (the second factor is still to come)."""
    try:
        userid = dingtalk.userid_from_code(code)
    except dingtalk.DingTalkError as error:
        dingtalk_refused(name="", summary=f"钉钉登录失败：{error}"[:300])
        raise PermissionDenied(_("钉钉未能确认您的身份，请稍后重试或使用账号密码登录。")) from error
    user = User.objects.filter(dingtalk_userid=userid, is_active=True).first()
    if user is None:
        dingtalk_refused(name=userid, summary=f"钉钉登录：userid {userid} 未绑定账号"[:300])
        raise PermissionDenied(
            _("您的钉钉账号（%(userid)s）尚未绑定本系统账号，请联系系统管理员绑定后再登录。") % {"userid": userid}
        )
    event_record(actor=user, action="auth.dingtalk", obj=user, summary=f"钉钉身份核验：{userid}")
    return user


def dingtalk_refused(*, name: str, summary: str) -> None:
    """Audit a refused DingTalk sign-in (GB/T 22239-2019 8.1.4.3 b: 身份鉴别失败); ``name`` the DingTalk userid
    when known."""
    event_record(
        actor=None,
        actor_name=name or "钉钉",
        action="auth.dingtalk_failed",
        obj=None,
        outcome=Outcome.FAILURE,
        summary=summary,
    )
