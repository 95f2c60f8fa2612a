"""The pages in a real browser (Debian's Chromium, driven by Playwright, against a server on loopback):
htmx works under the Content-Security-Policy, and the Chinese text renders."""

import os
from datetime import date

import pytest

from dukao.accounts.models import Role
from dukao.supervision.services import status_recompute
from tests.browser.conftest import signed_in
from tests.conftest import make_user


@pytest.fixture
def page(live_server, work_report):
    make_user("browser", Role.SUPERVISOR, "区政府办公室")
    with signed_in(live_server, "browser") as page:
        yield page


def test_filtering_a_plan_swaps_the_table_through_htmx(page, live_server, work_report):
    page.goto(f"{live_server.url}/plans/{work_report.pk}/")
    assert page.locator("table.tasks tbody tr").count() == 148
    with page.expect_response(lambda r: "target_type=C" in r.url and r.request.headers.get("hx-request") == "true"):
        page.select_option("select[name=target_type]", "C")
    page.wait_for_function("document.querySelectorAll('table.tasks tbody tr').length === 2")
    assert "target_type=C" in page.url  # hx-push-url keeps the filter in the address bar
    assert page.csp_errors == []


def test_the_task_page_loads_its_progress_panel(page, live_server, work_report):
    task = work_report.tasks.get(seq="1")
    page.goto(f"{live_server.url}/tasks/{task.pk}/")
    page.wait_for_selector("#task-progress")
    assert "进展与填报" in page.inner_text("#task-progress")
    shot = page.screenshot(full_page=True)  # DUKAO_SCREENSHOT=file.png keeps it for a person to look at
    assert shot.startswith(b"\x89PNG")
    if os.environ.get("DUKAO_SCREENSHOT"):
        with open(os.environ["DUKAO_SCREENSHOT"], "wb") as f:
            f.write(shot)
    assert page.csp_errors == []


def test_the_dashboard_draws_its_charts_and_clicks_through_to_the_tasks(page, live_server, work_report):
    status_recompute(period=date(2019, 6, 1), today=date(2019, 6, 30))  # every task 未报送: no report came in
    page.goto(f"{live_server.url}/dashboard/")
    page.locator('[data-chart="trend"] canvas').wait_for()  # the last chart drawn (none are behind: no worst ten)
    assert page.locator(".chart canvas").count() == page.locator("[data-chart]").count() == 5
    box = page.locator('[data-chart="by-status"]').bounding_box()
    ring = min(box["width"], box["height"]) / 4  # half-way between the pie's inner (35 %) and outer (65 %) radius
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2 - ring)  # the tooltip, in the canvas
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2 - ring)
    assert "status=not_reported" in page.url and "状态：未报送" in page.inner_text("main")
    assert page.locator("table.tasks tbody tr").count() == 100 and "共 163 条" in page.inner_text("nav.pager")
    page.go_back()
    page.click(f'section.bar a[href*="plan={work_report.pk}"][href*="status=not_reported"]')
    page.wait_for_url(f"**plan={work_report.pk}**")
    assert page.locator("table.tasks tbody tr").count() == 100 and "共 148 条" in page.inner_text("nav.pager")
    page.click("nav.pager >> text=下一页")
    page.wait_for_url("**page=2**")
    assert page.locator("table.tasks tbody tr").count() == 48 and f"plan={work_report.pk}" in page.url
    assert page.csp_errors == []
