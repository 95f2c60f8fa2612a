"""The one way services refuse an action."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied

_denials: ContextVar[list[str] | None] = ContextVar("dukao_denials", default=None)


def deny_unless(allowed: bool, message: str) -> None:
    """Raise ``PermissionDenied(message)`` (a whole Chinese sentence) unless ``allowed``; inside ``denials_noted``
    the refusal is noted (the audit trail records it, whether the view answers 403 or shows the message)."""
    if not allowed:
        if (noted := _denials.get()) is not None:
            noted.append(message)
        raise PermissionDenied(message)


@contextmanager
def denials_noted() -> Iterator[list[str]]:
    """The refusals of ``deny_unless`` within the block, in order (``audit.context`` records a request's, after
    the response and outside the refused action's transaction, which rolls back)."""
    noted: list[str] = []
    token = _denials.set(noted)
    try:
        yield noted
    finally:
        _denials.reset(token)
