"""What the pages of a period's statuses share — the status list, the bulletins, the leader's dashboard (which
sits above supervision and reads it): the requested period and the line saying when the statuses were computed."""

from datetime import date

from django.http import Http404
from django.utils import timezone

from dukao.lib.periods import parse_period, period_key
from dukao.supervision import selectors, services


def requested_period(request) -> date:
    """The period of ``?period=2019-06``, else the default period; a malformed one is a 404."""
    try:
        if request.GET.get("period"):
            return parse_period(request.GET["period"])
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    return selectors.default_period(timezone.localdate())


def computed_context(request, period: date) -> dict:
    """What ``supervision/_computed.html`` shows on a page of ``period``'s statuses: when they were computed, and
    the recompute button for 区政府办公室."""
    return {
        "computed": selectors.status_computed(period),
        "can_recompute": services.can_recompute(request.user),
        "period_key": period_key(period),
    }
