"""Writing the audit trail. Every service that changes state calls ``event_record`` inside its transaction,
so an action and its event are committed together or not at all."""

from typing import Any

from django.db.models import Model

from dukao.audit.context import current
from dukao.audit.models import Event


def event_record(
    *,
    actor: Any,
    action: str,
    obj: Model,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> Event:
    """Append one event: ``actor`` (a user, or None for the system) did ``action`` (e.g. "report.submit") to
    ``obj``. ``before``/``after`` are JSON-able dicts of the fields that changed. Returns the event."""
    context = current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    unit = getattr(user, "unit", None)
    return Event.objects.create(
        actor=user,
        actor_name=user.get_username() if user else "system",
        unit_name=unit.name if unit else "",
        role=getattr(user, "role", "") or "",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary[:300],
        before=before,
        after=after,
        ip=context.ip,
        request_id=context.request_id,
    )
