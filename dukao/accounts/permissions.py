"""Who may do what: the one place the role rules live (views and services both ask here)."""

from dukao.accounts.models import Role, User

#: Roles that may correct or confirm the indicators parsed from a plan (区政府办公室 runs the plans).
INDICATOR_EDITORS = {Role.SUPERVISOR, Role.ADMIN}


def can_correct_indicators(user: User) -> bool:
    """区政府办公室's supervisors and administrators correct parsed indicators (issue 3, item 1)."""
    return user.is_authenticated and (user.is_superuser or user.role in INDICATOR_EDITORS)


#: Roles that read every task and report: supervision, discipline inspection, evaluation, administration.
READ_ALL_ROLES = {Role.SUPERVISOR, Role.INSPECTOR, Role.EVALUATOR, Role.ADMIN}


def can_read_cadres(user: User) -> bool:
    """Whoever reads every task reads the register of leading cadres (posts, terms, the tasks each answers
    for); a unit sees the names of a task's 责任领导 on the task page, not the register."""
    return user.is_authenticated and (user.is_superuser or user.role in READ_ALL_ROLES)


def can_manage_cadres(user: User) -> bool:
    """Those who run the plans (``INDICATOR_EDITORS``) keep the register and assign tasks' 责任领导."""
    return can_correct_indicators(user)


def is_security_admin(user: User) -> bool:
    """The security administrator (安全管理员) assigns roles, unlocks accounts and resets second factors."""
    return user.is_authenticated and user.role == Role.SECURITY_ADMIN


#: Models the security administrator works on in the admin site: accounts only (their roles).
SECURITY_ADMIN_MODELS = {"accounts.user"}
#: Apps whose rows no administrator changes in the admin site: the audit log is read by the audit administrator on
#: its own pages; the lockout records are handled through the unlock action.
NOBODY_EDITS = {"audit", "axes", "otp_totp", "django_tasks_db", "sessions", "contenttypes"}


def admin_may(user: User, app_label: str, model: str, action: str) -> bool:
    """Whether ``user``'s role may ``action`` (view/add/change/delete) ``app_label.model`` in the admin site:
    the system administrator every business model (accounts, units, plans…), the security administrator the
    accounts, nobody the audit log (三权分立, GB/T 22239-2019 8.1.4.2 c)."""
    if not user.is_active or app_label in NOBODY_EDITS:
        return False
    if user.role == Role.ADMIN:
        return True
    return is_security_admin(user) and f"{app_label}.{model}" in SECURITY_ADMIN_MODELS and action in {"view", "change"}
