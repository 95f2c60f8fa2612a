"""The chain head outside the database (GB/T 22239-2019 8.1.4.3 c): after each commit that adds audit events, the
head's sequence number and hash are appended to a file or sent to the system log (``DUKAO_AUDIT_CHECKPOINT``).
Whoever deletes events from the end of the chain and sets the head row back with them leaves the database
consistent, but not this record: ``audit_verify`` compares the chain with the last checkpoint written.

The file must be one the application cannot rewrite: append-only for its OS user (``chattr +a``), or the system
log forwarded to a log server (docs/security.md). Lines are ``dukao-audit-head seq=N hmac=H at=ISO-time``; a
syslog file holding them (with its own prefixes) reads the same."""

import re
import syslog
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

PREFIX = "dukao-audit-head"
LINE = re.compile(PREFIX + r" seq=(\d+) hmac=([0-9a-f]{64})")
#: How much of the file's end is read: lines of concurrent commits may arrive out of order, never this far apart.
TAIL_BYTES = 256 * 1024


def checkpoint_line(seq: int, hmac: str, at: datetime) -> str:
    return f"{PREFIX} seq={seq} hmac={hmac} at={at.isoformat()}"


def last_checkpoint(text: str) -> tuple[int, str] | None:
    """The (sequence number, hash) of the highest-numbered checkpoint line in ``text``; None when there is none."""
    found = [(int(m.group(1)), m.group(2)) for m in LINE.finditer(text)]
    return max(found) if found else None


def checkpoint_write(seq: int, hmac: str) -> None:
    """Append the head to the configured target (nothing when ``DUKAO_AUDIT_CHECKPOINT`` is empty)."""
    target = settings.DUKAO_AUDIT_CHECKPOINT
    if not target:
        return
    line = checkpoint_line(seq, hmac, timezone.now())
    if target == "syslog":
        syslog.syslog(syslog.LOG_AUTHPRIV | syslog.LOG_NOTICE, line)
        return
    with open(target, "a", encoding="utf-8") as f:  # one write of one short line: appends do not interleave
        f.write(line + "\n")


def checkpoint_read(path: Path | None = None) -> tuple[int, str] | None:
    """The last checkpoint in ``path`` (default: the configured file; None when there is no file to read)."""
    target = path or (settings.DUKAO_AUDIT_CHECKPOINT if settings.DUKAO_AUDIT_CHECKPOINT != "syslog" else "")
    if not target or not Path(target).is_file():
        return None
    with open(target, "rb") as f:
        f.seek(max(0, f.seek(0, 2) - TAIL_BYTES))
        return last_checkpoint(f.read().decode("utf-8", errors="replace"))
