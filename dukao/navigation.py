"""The menu a signed-in user sees, from the permission rules of each app, with the 工作台's to-do counts as
badges and the count of unread notices (a template context processor; the counts are queried only when a page
shows them)."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from dukao.accounts.models import ADMIN_ROLES
from dukao.accounts.permissions import can_correct_indicators, can_read_cadres
from dukao.assessment import permissions as assessment_permissions
from dukao.audit.permissions import can_read_audit
from dukao.desk.selectors import todo_counts
from dukao.notices.selectors import unread_count
from dukao.progress import permissions


def navigation(request) -> dict[str, dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "reviews": user.role in permissions.REVIEWER_ROLES,
            "dashboard": permissions.reads_everything(user),
            "audit": can_read_audit(user),
            "staff": user.is_staff,
            "approvals": user.role in ADMIN_ROLES,
            "indicators": can_correct_indicators(user),
            "cadres": can_read_cadres(user),
            "records": assessment_permissions.can_read_all(user),
        },
        "badges": SimpleLazyObject(lambda: todo_counts(user, timezone.localdate())),
        "unread": SimpleLazyObject(lambda: unread_count(user)),
    }
