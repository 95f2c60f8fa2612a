"""The one way services refuse an action."""

from django.core.exceptions import PermissionDenied

from dukao.audit.context import note_denial


def deny_unless(allowed: bool, message: str) -> None:
    """Raise ``PermissionDenied(message)`` (a whole Chinese sentence) unless ``allowed``; the refusal is noted
    for the audit trail (``audit.context.note_denial``), whether the view answers 403 or shows the message."""
    if not allowed:
        note_denial(message)
        raise PermissionDenied(message)
