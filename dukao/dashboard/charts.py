"""The dashboard's charts as plain data: each is rendered twice from the same dict — as a table in the page and,
through ``json_script``, as an ECharts chart by ``static/dashboard/dashboard.js`` — so the two never disagree.
Every number links to the status list (``supervision:status_overview``) filtered to the tasks behind it."""

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from dukao.dashboard import selectors
from dukao.dashboard.selectors import STATUSES, Row
from dukao.lib.periods import period_key
from dukao.supervision.models import TaskStatus
from dukao.supervision.rules import STATUS_COLOURS, STATUS_LABELS


def overview_url(period: date, path: str = "", **filters: str | int) -> str:
    """The status list of ``period`` with ``filters`` (``status``, ``type``, ``plan``, ``unit``). ``path`` is the
    list's path when the caller reversed it once for many links (a chart has hundreds)."""
    query = {"period": period_key(period), **{name: value for name, value in filters.items() if value != ""}}
    return f"{path or reverse('supervision:status_overview')}?{urlencode(query)}"


#: Rows a breakdown shows; more are summed in one last row. A province has 180 plans and 5,000 lead units: more
#: than a chart can draw or a leader read (and 400 KB of page). The status list's filters reach every one.
SHOWN_ROWS = 20


def shown_rows(rows: list[Row], limit: int = SHOWN_ROWS) -> list[Row]:
    """``rows`` as they are when one more row would show them all; else the ``limit`` with the largest share
    behind (then the most tasks, then by name), in their order in ``rows``, and one row ``其余N项`` (key
    ``None``) with the rest's counts summed."""
    if len(rows) <= limit + 1:
        return rows
    worst = sorted(range(len(rows)), key=lambda i: (-rows[i].behind_share, -rows[i].total, rows[i].label))
    shown = set(worst[:limit])
    rest = [row for i, row in enumerate(rows) if i not in shown]
    summed = tuple(sum(column) for column in zip(*(r.counts for r in rest), strict=True))
    return [*(row for i, row in enumerate(rows) if i in shown), Row(None, _("其余%(n)d项") % {"n": len(rest)}, summed)]


def crosstab_chart(
    chart_id: str, kind: str, title: str, heading: str, rows: list[Row], period: date, dimension: str = ""
) -> dict:
    """A breakdown by status as ``{"id", "kind" (pie, bar, line), "empty", "title", "heading", "columns": [{"status",
    "label"}], "rows": [{"label", "url", "total", "cells": [{"value", "url"}]}]}``. ``dimension`` is the filter a
    row's key sets (``type``, ``plan``, ``unit``; none for the totals); the trend's rows are periods; a row of
    the rest (``shown_rows``) has no links (``"url": ""``)."""

    path = reverse("supervision:status_overview")

    def url(row: Row, status: str = "") -> str:
        if row.key is None:  # the rest of a long breakdown: no one filter lists those tasks
            return ""
        if isinstance(row.key, date):
            return overview_url(row.key, path, status=status)
        return overview_url(period, path, status=status, **({dimension: row.key} if dimension else {}))

    return {
        "id": chart_id,
        "kind": kind,
        "empty": not any(row.total for row in rows),
        "title": title,
        "heading": heading,
        "columns": [
            {"status": status, "label": _(STATUS_LABELS[status]), "colour": STATUS_COLOURS[status]}
            for status in STATUSES
        ],
        "rows": [
            {
                "label": row.label,
                "url": url(row),
                "total": row.total,
                "cells": [
                    {"value": n, "url": url(row, status)} for status, n in zip(STATUSES, row.counts, strict=True)
                ],
            }
            for row in rows
        ],
    }


def worst_chart(statuses: list[TaskStatus]) -> dict:
    """The worst tasks as ``{"id", "kind": "worst", "empty", "title", "axis", "rows": [{"label", "plan", "seq", "name",
    "lead_units", "status", "status_label", "gap" (points, or null), "reason", "url" (the task's page)}]}``."""
    return {
        "id": "worst",
        "kind": "worst",
        "empty": not statuses,
        "title": _("滞后最严重的十项任务"),
        "axis": _("偏差（百分点）"),
        "rows": [
            {
                "label": f"{s.task.plan.get_kind_display()} {s.task.seq}",
                "plan": s.task.plan.get_kind_display(),
                "seq": s.task.seq,
                "name": s.task.name,
                "lead_units": "、".join(link.name for link in s.task.lead_links),
                "status": s.status,
                "status_label": s.get_status_display(),
                "colour": STATUS_COLOURS[s.status],
                "gap": float(s.gap) if s.gap is not None else None,
                "reason": s.reason,
                "url": reverse("plans:task_detail", args=[s.task_id]),
            }
            for s in statuses
        ],
    }


def dashboard_charts(period: date) -> list[dict]:
    """Every chart of the dashboard for ``period``: by status, type, plan and lead unit, the year's trend, the
    worst ten tasks."""
    return [
        crosstab_chart("by-status", "pie", _("按状态"), _("任务"), [selectors.status_totals(period)], period),
        crosstab_chart(
            "by-type", "bar", _("按目标类型"), _("目标类型"), selectors.counts_by_type(period), period, "type"
        ),
        crosstab_chart(
            "by-plan", "bar", _("按分解表"), _("分解表"), shown_rows(selectors.counts_by_plan(period)), period, "plan"
        ),
        crosstab_chart(
            "by-unit",
            "bar",
            _("按牵头单位（滞后占比高的在前）"),
            _("牵头单位"),
            shown_rows(selectors.counts_by_unit(period)),
            period,
            "unit",
        ),
        crosstab_chart("trend", "line", _("全年走势"), _("月份"), selectors.trend(period), period),
        worst_chart(selectors.worst_tasks(period)),
    ]
