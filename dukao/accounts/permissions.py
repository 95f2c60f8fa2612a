"""Who may do what: the one place the role rules live (views and services both ask here)."""

from dukao.accounts.models import Role, User

#: Roles that may correct or confirm the indicators parsed from a plan (区政府办公室 runs the plans).
INDICATOR_EDITORS = {Role.SUPERVISOR, Role.ADMIN}


def can_correct_indicators(user: User) -> bool:
    """区政府办公室's supervisors and administrators correct parsed indicators (issue 3, item 1)."""
    return user.is_authenticated and (user.is_superuser or user.role in INDICATOR_EDITORS)
