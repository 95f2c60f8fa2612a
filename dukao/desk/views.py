"""The 工作台: what waits for the signed-in user, and the unit head's batch sign-off."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dukao.accounts import duties
from dukao.desk import selectors, services
from dukao.lib.confirm import confirm_first
from dukao.plans.models import UnitRole
from dukao.progress import selectors as progress_selectors

#: Rows shown per to-do kind on the 工作台 (the count says how many there are in all).
ROWS = 50


@login_required
def home(request):
    """Each kind of to-do of the user's role with its count and its first rows; reports due; the unit's tasks.
    An administrator has no business to-dos: the 工作台 sends them on to their own work (``duties.LANDING``)."""
    user, today = request.user, timezone.localdate()
    if user.role in duties.LANDING:
        return redirect(duties.LANDING[user.role])
    todos = [(todo, todo.items[:ROWS]) for todo in selectors.todos(user)]
    context = {
        "todos": todos,
        "counts": selectors.todo_counts(user, today),
        "due_periods": [(d, d.tasks[:ROWS]) for d in selectors.due_periods(user, today)],
        "led": progress_selectors.unit_tasks(user).select_related("warning"),
        "urges": selectors.unit_urges(user)[:ROWS],
        "cooperating": progress_selectors.unit_tasks(user, UnitRole.COOPERATING),
        "batch_key": uuid.uuid4().hex,
        "today": today,
    }
    return render(request, "desk/home.html", context)


@login_required
@require_POST
@confirm_first(gettext_lazy("签发提交后，所选报告送交核定，不能再修改。确认签发提交？"))
def sign_off(request):
    """The unit head signs off the ticked reports (``report`` ids, each with its ``rev-<id>`` draft revision)."""
    if not duties.allows(request.user.role, "reports.sign_off"):
        raise PermissionDenied
    ids = [int(i) for i in request.POST.getlist("report") if i.isdigit()]
    reports = list(selectors.unit_reports_by_id(request.user, ids))
    if not reports:
        messages.error(request, _("请勾选要签发的报告。"))
        return redirect("desk:home")
    revisions = {r.pk: _number(request.POST.get(f"rev-{r.pk}", "")) for r in reports}
    batch_key = request.POST.get("batch_key", "")[:40] or uuid.uuid4().hex
    results = services.reports_sign_off(reports=reports, user=request.user, revisions=revisions, batch_key=batch_key)
    done = [r for r in results if r.version]
    if done:
        messages.success(request, _("已签发提交 %(n)d 份报告，等待核定。") % {"n": len(done)})
    for refused in (r for r in results if r.error):
        text = _("%(report)s 未签发：%(reason)s") % {"report": refused.report, "reason": refused.error}
        messages.error(request, text)
    return redirect("desk:home")


def _number(text: str) -> int:
    """A draft revision from the form; anything else is -1, which the sign-off refuses as stale."""
    return int(text) if text.isdigit() else -1
