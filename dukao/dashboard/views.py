"""The leader's dashboard (领导驾驶舱)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from dukao.accounts.permissions import may
from dukao.dashboard.charts import dashboard_charts
from dukao.lib.periods import months_of_year
from dukao.lib.permissions import deny_unless
from dukao.supervision.pages import computed_context, requested_period
from dukao.supervision.selectors import ledger_statuses, light_counts


@login_required
def index(request):
    """One page for a period (``?period=2019-06``; default the latest with statuses): the charts with their
    tables. For supervision, inspection and evaluation (``accounts.duties``: "dashboard.read"); a unit reads its
    own tasks' statuses in 进度督察 instead."""
    deny_unless(may(request.user, "dashboard.read"), _("领导驾驶舱仅供督查、监督、考评人员查看。"))
    period = requested_period(request)
    context = {
        "period": period,
        **computed_context(request, period),
        "months": months_of_year(period.year),
        "charts": dashboard_charts(period),
        "lights": light_counts(ledger_statuses(period)),
    }
    return render(request, "dashboard/index.html", context)
