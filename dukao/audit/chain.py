"""The keyed hash chain over audit events (GB/T 22239-2019 8.1.4.3 c: 审计记录应受到保护，避免非预期的删除、修改或
覆盖; GB/T 39786-2021 8.x 完整性 with HMAC-SM3).

Each event carries ``chain_seq`` (1, 2, 3 … without gaps) and ``chain_hmac`` = HMAC-SM3(key, prev ‖ canonical(event))
where ``prev`` is the previous event's ``chain_hmac`` (empty for the first). Whoever changes a row in the database
without the key (which lives outside it) cannot make a matching hash; a removed row leaves a gap in the numbers.
The functions here take events as objects with the ``CHAINED_FIELDS`` attributes, so the migration that seals
older events uses them too.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.utils.translation import gettext_lazy as _

from dukao.lib.crypto import configured_key, hmac_sm3

#: The fields a link covers: everything an event says.
CHAINED_FIELDS = (
    "chain_seq",
    "created_at",
    "actor_id",
    "actor_name",
    "unit_name",
    "role",
    "action",
    "outcome",
    "object_type",
    "object_id",
    "summary",
    "before",
    "after",
    "ip",
    "request_id",
)
KEY_BYTES = 32


def audit_key() -> bytes:
    """The chain's key: ``DUKAO_AUDIT_KEY`` (32 bytes, hex)."""
    return configured_key("DUKAO_AUDIT_KEY", KEY_BYTES)


def _plain(value: Any) -> Any:
    """``value`` as the database gives it back: a float with an integral value as an int (PostgreSQL's jsonb
    prints 1e20 as 100000000000000000000, which reads back as an int)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def json_round_trip(value: Any) -> Any:
    """``value`` as a JSON column gives it back (tuples become lists, keys strings)."""
    return json.loads(json.dumps(value))


def canonical(event: Any) -> bytes:
    """The bytes a link covers: the ``CHAINED_FIELDS`` of ``event`` as JSON with sorted keys, the time in UTC."""
    values = {name: getattr(event, name) for name in CHAINED_FIELDS}
    values["created_at"] = values["created_at"].astimezone(UTC).isoformat()
    values["ip"] = str(values["ip"]) if values["ip"] else None
    return json.dumps(_plain(values), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def link(key: bytes, prev_hmac: str, event: Any) -> str:
    """The ``chain_hmac`` of ``event`` after the event whose ``chain_hmac`` is ``prev_hmac`` (hex)."""
    return hmac_sm3(key, bytes.fromhex(prev_hmac) + canonical(event)).hex()


#: What each kind of break says (whole sentences; ``id`` is the event found there).
MESSAGES = {
    "inserted": _("事件 #%(id)s 不在链上（插入的行）。"),
    "removed": _("事件 #%(id)s 之前的第 %(first)s–%(last)s 号事件已被删除。"),
    "edited": _("事件 #%(id)s 的内容与校验值不符（被修改）。"),
    "truncated": _("链尾第 %(first)s–%(last)s 号事件已被删除（链头记录到第 %(last)s 号）。"),
    "checkpoint": _("链尾第 %(first)s–%(last)s 号事件已被删除（库外检查点记录到第 %(last)s 号）。"),
    "head_behind": _("链头（第 %(first)s 号）落后于最后一条事件（第 %(last)s 号）：链头被改动过。"),
    "rewritten": _("事件 #%(id)s（第 %(last)s 号）的校验值与库外检查点不符（链从此处被改写）。"),
}


@dataclass(frozen=True)
class Break:
    """Where the chain does not hold: ``kind`` is a key of ``MESSAGES``; ``event_id`` the row found there (None
    for rows removed from the end)."""

    kind: str
    event_id: int | None
    first: int = 0
    last: int = 0

    def __str__(self) -> str:
        return str(MESSAGES[self.kind] % {"id": self.event_id, "first": self.first, "last": self.last})


def chain_breaks(
    key: bytes, events: Iterable[Any], head_seq: int, checkpoint: tuple[int, str] | None = None
) -> list[Break]:
    """Walk ``events`` in ``chain_seq`` order and return every break, in order (empty when the chain holds).

    A row whose hash does not match is edited (or forged); a row without a number or repeating one is
    inserted; a jump in the numbers means rows were removed before the row after the jump (whose own hash cannot
    be checked, having lost its predecessor); a last number below the head's ``head_seq`` means rows were
    removed from the end (truncated). ``checkpoint`` is the (sequence number, hash) last written outside the
    database (``audit.checkpoint``): a last number below it means rows were removed from the end even if the
    head row was set back with them; the row of that number with another hash means the chain was rewritten. A
    head behind the last number was set back alone (the next event takes its number from it)."""
    breaks: list[Break] = []
    seq, prev = 0, ""
    checked_seq, checked_hmac = checkpoint or (0, "")
    for event in events:
        if event.chain_seq is None or event.chain_seq <= seq:
            breaks.append(Break("inserted", event.id))
            continue
        if event.chain_seq > seq + 1:
            breaks.append(Break("removed", event.id, seq + 1, event.chain_seq - 1))
        elif link(key, prev, event) != event.chain_hmac:
            breaks.append(Break("edited", event.id))
        if event.chain_seq == checked_seq and event.chain_hmac != checked_hmac:
            breaks.append(Break("rewritten", event.id, last=checked_seq))
        seq, prev = event.chain_seq, event.chain_hmac
    if max(head_seq, checked_seq) > seq:
        kind, last = ("checkpoint", checked_seq) if checked_seq > head_seq else ("truncated", head_seq)
        breaks.append(Break(kind, None, seq + 1, last))
    if head_seq < seq:
        breaks.append(Break("head_behind", None, head_seq, seq))
    return breaks
