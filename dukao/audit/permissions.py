"""Who may read the audit trail: the audit administrator alone (三权分立, GB/T 22239-2019 8.1.4.2 d; the system
and security administrators, whose actions it records, may not read or export it: ``accounts.duties``)."""

from dukao.accounts.permissions import may


def can_read_audit(user) -> bool:
    return may(user, "audit.read")
