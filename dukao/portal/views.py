"""The public portal: no login, read only, nothing internal (see ``portal.selectors``)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from dukao.lib.periods import parse_period
from dukao.portal import selectors


def portal_home(request):
    return render(
        request, "portal/home.html", {"plans": selectors.public_plans(), "bulletins": selectors.public_bulletins()[:12]}
    )


def portal_plan(request, plan_id: int):
    plan = get_object_or_404(selectors.public_plans(), pk=plan_id)
    try:
        period = parse_period(request.GET["period"]) if request.GET.get("period") else None
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    text, unit = request.GET.get("q", "").strip()[:100], request.GET.get("unit", "").strip()[:50]
    statuses = selectors.public_statuses(plan, period)
    period = next(iter(statuses.values())).period if statuses else None
    narratives, verified = selectors.public_narratives(plan, period), selectors.public_verified(plan, period)
    tasks = [
        (task, statuses.get(task.pk), verified.get(task.pk, ()), narratives.get(task.pk, ""))
        for task in selectors.public_tasks(plan, text, unit)
    ]
    context = {
        "plan": plan,
        "tasks": tasks,
        "periods": selectors.public_periods(plan),
        "q": text,
        "unit": unit,
        "period": period,
    }
    return render(request, "portal/plan.html", context)


def portal_bulletin(request, bulletin_id: int):
    """The public summary of an issued bulletin: its title, number, date and counts by status of the tasks of
    published plans only (``snapshot["public"]``)."""
    bulletin = get_object_or_404(selectors.public_bulletins(), pk=bulletin_id)
    return render(request, "portal/bulletin.html", {"bulletin": bulletin, "snapshot": bulletin.snapshot})
