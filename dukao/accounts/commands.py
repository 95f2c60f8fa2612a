"""What the office's management commands share: the account a command acts as."""

from django.core.management.base import CommandError

from dukao.accounts.models import Role, User


def acting_user(username: str) -> User:
    """The active account ``username``, or without one the first active 区政府办公室 督查员; a Chinese
    ``CommandError`` when there is none."""
    users = User.objects.filter(is_active=True)
    user = users.filter(username=username).first() if username else users.filter(role=Role.SUPERVISOR).first()
    if user is None:
        missing = f"找不到账号“{username}”。" if username else "没有区政府办公室督查员账号，请用 --user 指定。"
        raise CommandError(missing)
    return user
