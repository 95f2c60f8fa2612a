"""Who may do what: the one place the role rules live (views and services both ask here)."""

from django.utils.translation import gettext_lazy as _

from dukao.accounts import duties
from dukao.accounts.models import ADMIN_ROLES, AdminApproval, ApprovalKind, ApprovalState, Role, User
from dukao.audit.models import Event

#: Roles that read every task and report: supervision, discipline inspection, evaluation (``accounts.duties``).
READ_ALL_ROLES = duties.roles("reports.read_all")


def may(user: User, action: str) -> bool:
    """Whether ``user``'s role does ``action`` (``accounts.duties``: each role its own work only)."""
    return user.is_authenticated and duties.allows(user.role, action)


def can_correct_indicators(user: User) -> bool:
    """区政府办公室's supervisors and the system administrator correct parsed indicators."""
    return may(user, "plans.indicators")


def can_import_plans(user: User) -> bool:
    """The system administrator imports plans (not the security administrator, whose work is roles)."""
    return may(user, "plans.import")


def can_read_cadres(user: User) -> bool:
    """Supervision, inspection, evaluation and the system administrator read the register of leading cadres
    (posts, terms, the tasks each answers for); a unit sees the names of a task's 责任领导 on the task page."""
    return may(user, "cadres.read")


def can_manage_cadres(user: User) -> bool:
    """区政府办公室's supervisors and the system administrator keep the register and assign tasks' 责任领导."""
    return may(user, "cadres.import")


def is_security_admin(user: User) -> bool:
    """The security administrator (安全管理员) assigns roles, unlocks accounts and resets second factors."""
    return user.is_authenticated and user.role == Role.SECURITY_ADMIN


#: Models the security administrator works on in the admin site: accounts only (their roles).
SECURITY_ADMIN_MODELS = {"accounts.user"}
#: Apps whose rows no administrator changes in the admin site: the audit log is read by the audit administrator on
#: its own pages; the lockout records are handled through the unlock action; the task queue holds the tasks'
#: arguments and tracebacks (app labels, not module names).
NOBODY_EDITS = {"audit", "axes", "otp_totp", "django_tasks_database", "sessions", "contenttypes"}


def admin_may(user: User, app_label: str, model: str, action: str) -> bool:
    """Whether ``user``'s role may ``action`` (view/add/change/delete) ``app_label.model`` in the admin site:
    the system administrator every business model (accounts, units, plans…), the security administrator the
    accounts, nobody the audit log (三权分立, GB/T 22239-2019 8.1.4.2 c)."""
    if not user.is_active or app_label in NOBODY_EDITS:
        return False
    if user.role == Role.ADMIN:
        return True
    return is_security_admin(user) and f"{app_label}.{model}" in SECURITY_ADMIN_MODELS and action in {"view", "change"}


def role_change_refusal(actor: User, user: User, role: str) -> str:
    """Why ``actor`` may not give ``user`` the role ``role`` directly ("" when it may): nobody changes their own
    role; only the security administrator assigns roles; an administrator role (``ADMIN_ROLES``) is granted or
    taken away only through two administrators (``AdminApproval``)."""
    if user.pk == actor.pk:
        return str(_("不能修改自己的角色。"))
    if not is_security_admin(actor):
        return str(_("角色由安全管理员分配。"))
    if role in ADMIN_ROLES or user.role in ADMIN_ROLES:
        return str(_("管理员角色的授予或撤销须经另一名管理员审批（双人审批）。"))
    return ""


def password_issue_refusal(actor: User, user: User) -> str:
    """Why ``actor`` may not issue ``user`` a password ("" when it may): passwords are the system
    administrator's; and not by the one who reset the account's second factor before the holder enrolled again
    (one person alone would hold both factors)."""
    if not (may(actor, "accounts.passwords") or actor.is_superuser):
        return str(_("密码由系统管理员下发。"))
    if _last_credential_actor(user, "account.otp_reset", "account.otp_enrol") == actor.pk:
        return str(_("您重置了该账号的动态口令：用户重新绑定之前，您不能再为其下发密码。"))
    return ""


def otp_reset_refusal(actor: User, user: User) -> str:
    """Why ``actor`` may not reset ``user``'s second factor ("" when it may): not the one who issued the
    account's password before the holder changed it (one person alone would hold both factors)."""
    if _last_credential_actor(user, "account.password_issue", "account.password_change") == actor.pk:
        return str(_("您刚为该账号下发了密码：用户修改密码之前，您不能再重置其动态口令。"))
    return ""


def _last_credential_actor(user: User, *actions: str) -> int | None:
    """Who did the latest of ``actions`` on ``user``'s account (the audit trail keeps it)."""
    events = Event.objects.filter(object_type=user._meta.label_lower, object_id=str(user.pk), action__in=actions)
    return events.order_by("-id").values_list("actor_id", flat=True).first()


#: Binding DingTalk to an administrator's account would let whoever holds that DingTalk account in; deactivating
#: one would silence the administrator who checks the others. Administrators sign in with a password and a code;
#: one who leaves loses the administrator role through 双人审批 first, and is then an ordinary account.
APPROVAL_NEEDED_FOR_ACCESS = _("管理员账号不能由一人绑定钉钉或启用、停用：须先经双人审批撤销其管理员角色。")


def credentials_need_approval(user: User) -> bool:
    """An administrator's password and second factor are reset only through two administrators."""
    return user.role in ADMIN_ROLES


def approval_propose_refusal(actor: User, user: User, kind: str) -> str:
    """Why ``actor`` may not propose ``kind`` for ``user`` ("" when it may): administrators propose, never for
    themselves; a role change is the security administrator's, a password the system administrator's."""
    if actor.role not in ADMIN_ROLES or actor.role == Role.AUDITOR:
        return str(_("只有系统管理员或安全管理员可以提出。"))
    if user.pk == actor.pk:
        return str(_("不能为自己的账号提出。"))
    if kind == ApprovalKind.ROLE and not is_security_admin(actor):
        return str(_("角色由安全管理员分配。"))
    return ""


def approval_decide_refusal(actor: User, approval: AdminApproval) -> str:
    """Why ``actor`` may not decide ``approval`` ("" when it may): another administrator than the one who
    proposed it, and not the account it is about; once."""
    if actor.role not in ADMIN_ROLES:
        return str(_("只有管理员可以审批。"))
    if approval.state != ApprovalState.PENDING:
        return str(_("该事项已审批。"))
    if actor.pk in {approval.proposed_by_id, approval.user_id}:
        return str(_("须由提出人和当事人以外的另一名管理员审批。"))
    return ""
