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
