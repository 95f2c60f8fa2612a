"""Who may read the audit trail: auditors and administrators (issue 4, item 6)."""

AUDIT_READERS = {"auditor", "admin"}


def can_read_audit(user) -> bool:
    return user.is_authenticated and user.role in AUDIT_READERS
