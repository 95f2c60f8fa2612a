"""Writing and checking the audit trail. Every service that changes state calls ``event_record`` inside its
transaction, so an action and its event are committed together or not at all: when the event cannot be written,
the action fails too (GB/T 22239-2019 8.1.4.3 a–c)."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from dukao.audit import chain, checkpoint
from dukao.audit.context import current
from dukao.audit.models import ChainHead, Event, Outcome

logger = logging.getLogger(__name__)


def event_record(
    *,
    actor: Any,
    action: str,
    obj: Model | None,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    outcome: Outcome = Outcome.SUCCESS,
    actor_name: str = "",
) -> Event:
    """Append one event: ``actor`` (a user, or None for the system or an anonymous visitor, then named by
    ``actor_name``, e.g. the account a failed login tried) did or attempted ``action`` (e.g. "report.submit") on
    ``obj`` (None when there is no object, e.g. a refused request) with ``outcome``. ``before``/``after`` are
    JSON-able dicts of the fields that changed. The address and request id come from ``audit.context``.

    The event is chained to the last one at once (``_chain``), or at the end of the enclosing
    ``events_at_end`` block. Returns the event (unsaved until then inside such a block); any database error
    propagates and rolls the caller's transaction back."""
    context = current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    unit = getattr(user, "unit", None)
    event = Event(
        actor=user,
        actor_name=(user.get_username() if user else actor_name or "system")[:150],
        unit_name=unit.name if unit else "",
        role=getattr(user, "role", "") or "",
        action=action,
        outcome=outcome,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        before=chain.json_round_trip(before),
        after=chain.json_round_trip(after),
        ip=Event._meta.get_field("ip").to_python(context.ip),
        request_id=context.request_id,
    )
    held = _held.get()
    if held is not None:
        held.append(event)
    else:
        _chain([event])
    return event


#: The events of the innermost ``events_at_end`` block, waiting to be chained (None outside such a block).
_held: ContextVar[list[Event] | None] = ContextVar("audit_events_held", default=None)


@contextmanager
def events_at_end():
    """Inside the caller's transaction, hold the events this block records and chain them when it ends, still
    inside the transaction. The chain head's lock is then held from the block's end to the commit instead of
    from the first event: a sign-off (draft opened, saved, submitted: three events) no longer makes every other
    audited write wait for its whole transaction. Nested blocks leave the writing to the outermost. An exception
    leaving the block writes nothing (the transaction rolls back with it); one caught inside it does not take back
    the events already recorded, so an inner ``atomic()`` that rolls back must let its exception out of the block.
    Raises ``TransactionManagementError`` outside a transaction (the actions would commit without their events)."""
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError("events_at_end() runs inside transaction.atomic().")
    if _held.get() is not None:
        yield
        return
    token = _held.set([])
    try:
        yield
        events = _held.get()
    finally:
        _held.reset(token)
    _chain(events)


def _chain(events: list[Event]) -> None:
    """Chain and save ``events`` in order under the lock on the chain head (``select_for_update``; SQLite's
    IMMEDIATE transactions serialise writers the same way), held until the caller's transaction ends."""
    if not events:
        return
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=ChainHead.ID)
        events = [*_head_repair(head), *events]
        for event in events:
            event.created_at = timezone.now()  # its time in chain order, now that it takes its place
            event.chain_seq = head.seq + 1
            event.chain_hmac = chain.link(chain.audit_key(), head.hmac, event)
            event.save()
            head.seq, head.hmac = event.chain_seq, event.chain_hmac
        head.save(update_fields=["seq", "hmac"])
        if settings.DUKAO_AUDIT_CHECKPOINT:  # outside the database once committed; a failure there is logged
            seq, hmac = head.seq, head.hmac
            transaction.on_commit(lambda: checkpoint.checkpoint_write(seq, hmac), robust=True)


def _head_repair(head: ChainHead) -> list[Event]:
    """A head set behind the last event (the application role may update its row) would give the next event a
    number already taken: every audited write would fail. The head is set to the last event again and an event
    of outcome 失败 says so, on the chain, for the audit administrator (``audit_verify`` shows the head behind
    until then). Returns that event to chain first, or nothing when the head is right."""
    last = Event.objects.filter(chain_seq__gt=head.seq).order_by("-chain_seq").first()
    if last is None:
        return []
    summary = f"链头（第 {head.seq} 号）落后于最后一条事件（第 {last.chain_seq} 号）：链头被改动过，已接续"
    head.seq, head.hmac = last.chain_seq, last.chain_hmac
    logger.error("audit chain head was behind the last event: %s", summary)
    return [Event(actor_name="system", action="audit.head_repaired", outcome=Outcome.FAILURE, summary=summary)]


def audit_verify(checkpoint_path: Path | None = None) -> list[chain.Break]:
    """Re-compute the chain over every event (oldest first) and return where it breaks: rows edited, inserted
    or removed, also from the end as the last checkpoint outside the database shows it (``checkpoint_path``,
    default the configured file); empty when the trail is intact. Reads in chunks; holds no lock."""
    head = ChainHead.objects.filter(pk=ChainHead.ID).first()
    events = Event.objects.order_by("chain_seq", "id").iterator(chunk_size=2000)
    outside = checkpoint.checkpoint_read(checkpoint_path)
    return chain.chain_breaks(chain.audit_key(), events, head.seq if head else 0, outside)
