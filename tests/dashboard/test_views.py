"""The dashboard page and the filtered status list it links to."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dukao.dashboard.charts import overview_url
from dukao.dashboard.selectors import STATUSES, counts_by_unit
from dukao.plans.models import Plan, PlanKind, Task, UnitRole
from dukao.plans.selectors import unit_task_ids
from dukao.supervision.models import TaskStatus
from dukao.supervision.rules import Status
from dukao.units.models import Unit
from tests.dashboard.conftest import MAY, add_city

DASHBOARD = reverse("dashboard:index")
OVERVIEW = reverse("supervision:status_overview")


def chart(html: str, chart_id: str) -> dict:
    """The JSON a chart is drawn from (``json_script``)."""
    match = re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def listed_tasks(client, url: str, every_page: bool = True) -> int:
    """The rows of the status list at ``url``, on every page (following 下一页) or on this one alone."""
    html = client.get(url).content.decode()
    rows = len(re.findall(r'<tr><td>[^<]*</td><td class="num">', html))
    following = re.search(r'<a href="([^"]*)">下一页</a>', html)
    if every_page and following:
        rows += listed_tasks(client, url.split("?")[0] + following.group(1).replace("&amp;", "&"))
    return rows


# ----- who may see it ----------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["supervisor", "inspector", "evaluator"])
def test_those_who_read_every_task_see_it_and_its_menu_link(client, spread, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert f'href="{DASHBOARD}"' in response.content.decode()


@pytest.mark.parametrize("persona", ["lead_reporter", "lead_head", "stats_reviewer", "auditor", "administrator"])
def test_units_reviewers_and_administrators_are_refused_and_not_offered_it(client, spread, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(DASHBOARD).status_code == 403
    assert f'href="{DASHBOARD}"' not in client.get(OVERVIEW).content.decode()


# ----- the page -----------------------------------------------------------------------------------------------


def test_each_chart_has_its_data_and_a_table_of_the_same_numbers_linking_to_the_tasks(client, demo):
    client.force_login(demo["supervisor"])
    html = client.get(DASHBOARD, {"period": "2019-05"}).content.decode()
    assert "2019年5月" in html
    by_status = chart(html, "by-status")
    cells = zip(by_status["columns"], by_status["rows"][0]["cells"], strict=True)
    counts = {column["status"]: cell["value"] for column, cell in cells}
    assert counts == {s: TaskStatus.objects.filter(period=MAY, status=s).count() for s in Status}
    not_reported = overview_url(MAY, status=Status.NOT_REPORTED)
    assert f'<a href="{not_reported.replace("&", "&amp;")}">{counts[Status.NOT_REPORTED]}</a>' in html
    assert listed_tasks(client, not_reported) == counts[Status.NOT_REPORTED]
    for chart_id in ("by-type", "by-plan", "by-unit", "trend"):
        data = chart(html, chart_id)
        assert data["rows"] and f'data-chart="{chart_id}"' in html
        for row in data["rows"]:
            assert row["url"] or row["label"].startswith("其余")  # the rest of a long breakdown links nowhere
            for cell in row["cells"]:
                if cell["value"] and row["url"]:
                    assert f'<a href="{cell["url"].replace("&", "&amp;")}">{cell["value"]}</a>' in html
    assert len(chart(html, "trend")["rows"]) == 5  # January to May: no future month is drawn
    assert [row["seq"] for row in chart(html, "worst")["rows"]] == ["4"]


def test_every_link_of_a_chart_lists_as_many_tasks_as_it_counts(client, spread, supervisor):
    client.force_login(supervisor)
    html = client.get(DASHBOARD, {"period": "2019-09"}).content.decode()
    for chart_id in ("by-type", "by-plan"):
        for row in chart(html, chart_id)["rows"]:
            assert listed_tasks(client, row["url"]) == row["total"]
            cell = max(row["cells"], key=lambda c: c["value"])
            assert listed_tasks(client, cell["url"]) == cell["value"]
    worst_unit = chart(html, "by-unit")["rows"][0]
    assert listed_tasks(client, worst_unit["url"]) == worst_unit["total"]


def test_echarts_and_the_dashboard_script_are_static_files_loaded_with_the_nonce(client, spread, supervisor):
    client.force_login(supervisor)
    response = client.get(DASHBOARD)
    html = response.content.decode()
    nonce = re.search(r'<script src="[^"]*htmx[^"]*" nonce="([^"]+)"', html).group(1)
    assert nonce in response["Content-Security-Policy"]
    for path in ("vendor/echarts.min.js", "dashboard/dashboard.js"):
        assert finders.find(path)
        assert f'<script src="/static/{path}" nonce="{nonce}" defer></script>' in html
    assert "Apache License" in open(finders.find("vendor/echarts.LICENSE.txt"), encoding="utf-8").read()
    inline = [tag for tag in re.findall(r"<script[^>]*>", html) if "src=" not in tag and "application/json" not in tag]
    assert inline == [] and not re.search(r"<[^>]+\son[a-z]+=", html)  # no inline script, no inline handler


def test_a_period_without_statuses_says_so(client, seed, supervisor):
    client.force_login(supervisor)
    html = client.get(DASHBOARD, {"period": "2019-11"}).content.decode()
    assert "该报告期尚未计算状态" in html and 'type="application/json"' not in html


def test_queries_do_not_grow_with_tasks_and_units(client, spread, supervisor):
    client.force_login(supervisor)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(DASHBOARD, {"period": "2019-09"}).status_code == 200
        return len(queries)

    on_the_seed = count()
    add_city(tasks=600, units=90)
    assert Task.objects.count() == 763 and TaskStatus.objects.filter(period="2019-09-01").count() == 763
    assert count() == on_the_seed


# ----- the status list's filters ------------------------------------------------------------------------------


def test_the_status_list_filters_by_status_type_plan_and_unit(client, spread, supervisor):
    client.force_login(supervisor)
    september = TaskStatus.objects.filter(period=spread)
    livelihood = Plan.objects.get(kind=PlanKind.LIVELIHOOD)
    unit = Unit.objects.get(name="区发改经信局")
    cases = [
        ({"status": "behind"}, september.filter(status="behind")),
        ({"type": "A"}, september.filter(task__target_type="A")),
        ({"type": "none"}, september.filter(task__target_type="")),
        ({"plan": livelihood.pk}, september.filter(task__plan=livelihood)),
        ({"unit": unit.pk}, september.filter(task_id__in=unit_task_ids(unit.pk, UnitRole.LEAD))),
        ({"type": "A", "status": "not_reported"}, september.filter(task__target_type="A", status="not_reported")),
    ]
    for filters, expected in cases:
        assert expected.exists()
        assert listed_tasks(client, overview_url(spread, **filters)) == expected.count(), filters


def test_active_filters_are_shown_with_a_link_to_clear_them_and_months_keep_them(client, spread, supervisor):
    client.force_login(supervisor)
    html = client.get(overview_url(spread, status="behind", type="B")).content.decode()
    assert "状态：欠进度" in html and "目标类型：B类" in html
    assert '<a href="?period=2019-09">清除筛选</a>' in html
    assert 'href="?period=2019-08&amp;status=behind&amp;type=B"' in html
    assert "筛选：" not in client.get(OVERVIEW, {"period": "2019-09"}).content.decode()


@pytest.mark.parametrize("bad", [{"status": "late"}, {"type": "甲"}, {"plan": "999999"}, {"unit": "x"}])
def test_an_unknown_filter_value_is_not_found(client, spread, supervisor, bad):
    client.force_login(supervisor)
    assert client.get(OVERVIEW, {"period": "2019-09", **bad}).status_code == 404


def test_a_unit_filtering_the_list_still_sees_only_the_tasks_it_leads(client, spread, lead_reporter):
    client.force_login(lead_reporter)
    own = TaskStatus.objects.filter(
        period=spread, status="not_reported", task_id__in=unit_task_ids(lead_reporter.unit_id, UnitRole.LEAD)
    )
    assert listed_tasks(client, overview_url(spread, status="not_reported")) == own.count() > 0


# ----- the status list's pages --------------------------------------------------------------------------------


def test_the_status_list_shows_a_hundred_tasks_a_page_and_counts_them_all(client, spread, supervisor):
    client.force_login(supervisor)
    september = TaskStatus.objects.filter(period=spread)
    first = client.get(OVERVIEW, {"period": "2019-09"}).content.decode()
    assert listed_tasks(client, f"{OVERVIEW}?period=2019-09", every_page=False) == 100
    assert listed_tasks(client, f"{OVERVIEW}?period=2019-09&page=2") == 163 - 100
    assert "第 1 / 2 页，共 163 条" in first and 'href="?period=2019-09&amp;page=2">下一页' in first
    for status in Status:  # the counts above the list are the whole period's, not the page's
        n = september.filter(status=status).count()
        assert re.search(rf'<li class="status {status.value}"><strong>{n}</strong>', first), status
    seqs = lambda html: re.findall(r'<td class="num">([^<]*)</td>', html)  # noqa: E731
    second = client.get(OVERVIEW, {"period": "2019-09", "page": 2}).content.decode()
    assert len(set(seqs(first)) | set(seqs(second))) < 163  # 序号 repeat across plans; tasks do not
    ids = lambda html: re.findall(r'href="/tasks/(\d+)/"', html)  # noqa: E731
    assert len(set(ids(first) + ids(second))) == 163


def test_a_filtered_list_keeps_its_filters_from_page_to_page(client, spread, supervisor):
    client.force_login(supervisor)
    add_city(tasks=1000, units=90)
    behind = TaskStatus.objects.filter(period=spread, status="behind").count()
    assert behind > 100
    html = client.get(overview_url(spread, status="behind")).content.decode()
    assert 'href="?period=2019-09&amp;status=behind&amp;page=2">下一页' in html
    last = (behind - 1) // 100 + 1
    on_the_last = behind - (last - 1) * 100
    assert listed_tasks(client, overview_url(spread, status="behind") + f"&page={last}") == on_the_last
    assert listed_tasks(client, overview_url(spread, status="behind") + "&page=999") == on_the_last  # the last one
    assert listed_tasks(client, overview_url(spread, status="behind")) == behind


def test_the_status_list_runs_as_many_queries_for_a_city_as_for_the_seed(client, spread, supervisor):
    client.force_login(supervisor)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(OVERVIEW, {"period": "2019-09"}).status_code == 200
        return len(queries)

    on_the_seed = count()
    add_city(tasks=600, units=90)
    assert count() == on_the_seed


def test_a_long_breakdown_shows_the_worst_twenty_and_sums_the_rest_without_links(client, spread, supervisor):
    client.force_login(supervisor)
    add_city(tasks=600, units=90)
    html = client.get(DASHBOARD, {"period": "2019-09"}).content.decode()
    every_unit = counts_by_unit(spread)
    shown = chart(html, "by-unit")["rows"]
    assert len(every_unit) > 100 and len(shown) == 21
    assert [row["label"] for row in shown[:20]] == [row.label for row in every_unit[:20]]
    rest = shown[20]
    assert rest["label"] == f"其余{len(every_unit) - 20}项" and rest["url"] == ""
    assert [cell["value"] for cell in rest["cells"]] == [
        sum(r.counts[i] for r in every_unit[20:]) for i in range(len(STATUSES))
    ]
    assert all(cell["url"] == "" for cell in rest["cells"])
    assert f'<th scope="row">{rest["label"]}</th>' in html
    assert sum(row["total"] for row in shown) == sum(row.total for row in every_unit)


def test_the_worst_twenty_keep_their_breakdowns_order_and_one_more_row_is_shown_not_summed():
    from dukao.dashboard.charts import shown_rows
    from dukao.dashboard.selectors import Row

    def row(n: int, behind: int) -> Row:  # counts in STATUSES order: 已完成, 超进度, 达进度, 欠进度, …
        return Row(n, f"第{n}表", (10 - behind, 0, 0, behind) + (0,) * (len(STATUSES) - 4))

    plans = [row(n, behind=n % 7) for n in range(30)]  # in annex order
    shown = shown_rows(plans)
    worst = sorted(plans, key=lambda r: (-r.behind_share, -r.total, r.label))[:20]
    assert [r.key for r in shown[:20]] == sorted(r.key for r in worst)  # annex order kept
    assert shown[20].key is None and shown[20].label == "其余10项"
    assert shown_rows(plans[:21]) == plans[:21]
