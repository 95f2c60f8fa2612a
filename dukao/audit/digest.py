"""What changed, as digests: an audit event about a working copy (a report's draft saved while a unit types)
names the fields that changed and the SM3 digest of each field before and after, not the text itself. The trail
stays small whatever the drafts hold, and a digest shows later whether a signed-off version still carries what
a given save wrote."""

import json
from collections.abc import Mapping
from typing import Any

from dukao.lib.crypto import sm3


def value_digest(value: Any) -> str | None:
    """The SM3 digest (hex) of ``value`` as canonical JSON; None for a field that did not exist."""
    if value is None:
        return None
    return sm3(json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()).hex()


def changed_digests(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The digests of the fields whose values differ between ``before`` and ``after`` (a field only in one of them
    has None on the other side), keyed by field name, in name order."""
    names = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    return (
        {name: value_digest(before.get(name)) for name in names},
        {name: value_digest(after.get(name)) for name in names},
    )
