"""The menu a signed-in user sees: each entry shown when ``accounts.duties`` gives its page to the user's role,
with the 工作台's to-do counts as badges and the count of unread notices (a template context processor; the counts
are queried only when a page
shows them)."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from dukao.accounts.duties import page_allows
from dukao.desk.selectors import todo_counts
from dukao.notices.selectors import unread_count

#: Menu entry → the page it opens.
MENU = {
    "plans": "plans:plan_list",
    "requests": "progress:request_list",
    "status": "supervision:status_overview",
    "bulletins": "supervision:bulletin_list",
    "cases": "supervision:case_list",
    "assessment": "assessment:assessment_list",
    "dashboard": "dashboard:index",
    "reviews": "reviews:queue",
    "audit": "audit:event_list",
    "approvals": "accounts:approval_list",
    "units": "plans:unit_list",
    "cadres": "plans:cadre_list",
    "records": "assessment:record_list",
    "import": "plans:plan_import",
    "cadre_import": "plans:cadre_import",
    "admin": "admin:index",
}


def navigation(request) -> dict[str, dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {entry: page_allows(user.role, page) for entry, page in MENU.items()},
        "badges": SimpleLazyObject(lambda: todo_counts(user, timezone.localdate())),
        "unread": SimpleLazyObject(lambda: unread_count(user)),
    }
