"""Reads on accounts."""

from django.db.models import QuerySet

from dukao.accounts.models import Role, User

#: Who acts for a unit on its reports and cases: its reporters and its head.
UNIT_ACTORS = (Role.REPORTER, Role.UNIT_HEAD)


def unit_members(unit_id: int, roles=UNIT_ACTORS) -> QuerySet[User]:
    """The active accounts of a unit that hold one of ``roles``."""
    return User.objects.filter(unit_id=unit_id, is_active=True, role__in=roles)
