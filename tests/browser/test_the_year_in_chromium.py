"""The year walked in a real browser, as the demo's people do it: a unit reports with evidence and its head
signs off; 区统计局 verifies; the status light changes; 区政府办公室 issues the bulletin and downloads it, runs the
assessment and opens it for appeals; the unit appeals; the cadre's record and the public portal show the result.
Screenshots of the main pages are written to ``DUKAO_SCREENSHOTS`` (default ``var/screenshots``) as artefacts."""

import os
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from dukao.demo.cadres import cadres_demo_ensure
from dukao.plans.models import Task
from dukao.supervision.models import TaskStatus
from dukao.supervision.services import status_recompute
from tests.browser.conftest import ARGS, CHROMIUM
from tests.progress.evidence_samples import PNG

PASSWORD = "Dukao@2019"
SHOTS = Path(os.environ.get("DUKAO_SCREENSHOTS", "var/screenshots"))


@pytest.fixture
def year(live_server, work_report):
    call_command("demo_accounts", stdout=StringIO())
    cadres_demo_ensure()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser, live_server.url
        browser.close()


def session(browser, base: str, username: str | None):
    """A fresh browser context, signed in as ``username`` (or anonymous), collecting CSP violations."""
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))
    if username:
        page.goto(f"{base}/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/my/")
    return page


def shoot(page, name: str) -> None:
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    assert page.csp_errors == [], page.csp_errors


def status_of(task: Task) -> str:
    return TaskStatus.objects.get(task=task, period=date(2019, 6, 1)).get_status_display()


def test_the_year_from_report_to_portal(year, work_report, tmp_path):
    browser, base = year
    gdp = work_report.tasks.get(seq="1")  # 地区生产总值 增长5.5%, led by 区发改经信局, verified by 区统计局
    status_recompute(period=date(2019, 6, 1), today=date(2019, 6, 10))
    assert status_of(gdp) == "需年终评定"  # a rate with no verified figure yet

    reporter = session(browser, base, "reporter")
    reporter.goto(f"{base}/tasks/{gdp.pk}/reports/2019-06/")
    indicator = gdp.indicators.get()
    reporter.fill(f"input[name=v-{indicator.pk}-value]", "5.9")
    reporter.fill("textarea[name=narrative]", "上半年地区生产总值增长5.9%，数字经济核心产业增加值增长15%。")
    reporter.click("button[value=save]")
    reporter.set_input_files(
        "input[name=file]", files=[{"name": "统计快报.png", "mimeType": "image/png", "buffer": PNG}]
    )
    reporter.click("section.card button[type=submit]")
    expect(reporter.locator("section.card")).to_contain_text("统计快报.png")
    shoot(reporter, "01-report-draft")

    head = session(browser, base, "unithead")
    head.goto(f"{base}/tasks/{gdp.pk}/reports/2019-06/")
    head.click("button[value=submit]")
    head.click("button.confirm-yes")  # 签发提交 is confirmed first
    expect(head.locator("main")).to_contain_text("已提交")

    stats = session(browser, base, "stats")
    stats.goto(f"{base}/reviews/")
    stats.click(f"text={gdp.seq}. {gdp.name}")
    stats.fill("input[name=verified_value]", "5.9")
    stats.fill("input[name=reason]", "与统计快报一致")
    stats.click("main form button[type=submit]")
    expect(stats.locator("main")).to_contain_text("已记录核定结论")  # and on to the next in the queue
    expect(stats.locator("main")).to_contain_text("核定队列已清空")
    shoot(stats, "02-review")

    office = session(browser, base, "supervisor")
    office.goto(f"{base}/supervision/bulletins/")
    office.select_option("select[name=period]", "2019-06")
    office.click("text=按当前数据生成草稿")
    assert status_of(gdp) == "达进度"  # the draft recomputed June: 5.9 against 5.5, the light turned green
    office.goto(f"{base}/supervision/?period=2019-06")
    expect(office.locator(f"tr:has(a[href='/tasks/{gdp.pk}/']) .status")).to_have_text("达进度")
    office.goto(f"{base}/supervision/bulletins/")
    office.click("table.grid a >> nth=0")
    office.click("text=印发（编号并冻结）")
    office.click("button.confirm-yes")
    with office.expect_download() as download:
        office.click("text=下载 Word")
    saved = tmp_path / "bulletin.docx"
    download.value.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"
    shoot(office, "03-bulletin")

    office.goto(f"{base}/assessment/")
    office.fill("input[name=year]", "2019")
    office.fill("input[name=period]", "2019-06-30")
    office.click("text=按当前数据生成考核草稿")
    expect(office.locator("h1")).to_have_text("2019年度目标任务考核")
    office.fill("input[name=deadline]", f"{timezone.localdate() + timedelta(days=7):%Y-%m-%d}")
    office.click("text=公布得分，开放申诉")
    office.click("button.confirm-yes")
    shoot(office, "04-assessment")

    head.goto(f"{base}/assessment/")
    head.click("text=2019年度目标任务考核")
    head.click("table.grid a:has-text('区发改经信局')")
    head.fill("textarea[name=appeal-reason]", "6月数据已核定，请按核定数计分。")
    head.click("text=提交申诉")
    expect(head.locator("main")).to_contain_text("待处理")
    shoot(head, "05-appeal")

    evaluator = session(browser, base, "evaluator")
    evaluator.goto(f"{base}/assessment/records/?year=2019")
    evaluator.click("text=陈立新")
    expect(evaluator.locator("main")).to_contain_text("研判：同类比较")
    shoot(evaluator, "06-cadre-record")
    evaluator.goto(f"{base}/dashboard/?period=2019-06")
    evaluator.locator(".chart canvas").first.wait_for()
    shoot(evaluator, "07-dashboard")

    public = session(browser, base, None)
    public.goto(f"{base}/public/")
    public.click(f"text={work_report.title}")
    public.select_option("select[name=period]", "2019-06")
    public.click("text=查询")
    expect(public.locator("main")).to_contain_text("上半年地区生产总值增长5.9%")
    expect(public.locator("main")).not_to_contain_text("统计快报.png")
    shoot(public, "08-portal")
