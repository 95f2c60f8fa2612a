"""The one way services refuse an action."""

from django.core.exceptions import PermissionDenied


def deny_unless(allowed: bool, message: str) -> None:
    """Raise ``PermissionDenied(message)`` (a whole Chinese sentence) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)
