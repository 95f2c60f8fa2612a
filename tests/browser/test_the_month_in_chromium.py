"""A month (July 2019) walked in a real browser by the people who live it, each asserting what they see: a
multi-node schedule proposed by the unit and approved by 区政府办公室; two reports drafted and signed off in one
batch from the 工作台; one verified by 区统计局 and the other returned by its verifier; the statuses current
without anyone recomputing; each person's to-do counts on the 工作台 and in the navigation's badges; a bulletin
drafted, issued and published; a supervision case answered by the unit's head with its 整改报告."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from dukao.accounts.models import User
from dukao.plans.models import Task, UnitRole
from dukao.supervision.models import StatusComputation
from dukao.supervision.services import case_open, status_recompute
from tests.browser.conftest import ARGS, CHROMIUM
from tests.browser.test_the_year_in_chromium import session
from tests.progress.evidence_samples import PNG

JULY = date(2019, 7, 1)
#: The demo account that verifies an indicator routed to each unit (none routed: 区政府办公室).
VERIFIERS = {"区统计局": "stats", "区发改经信局": "construction", "区政府办公室": "supervisor", None: "supervisor"}


@pytest.fixture
def month(live_server, work_report):
    call_command("demo_accounts", stdout=StringIO())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser, live_server.url
        browser.close()


def badge(page, key: str) -> str:
    """The count the 工作台 shows for a kind of to-do ("" when the role has no such kind)."""
    found = page.locator(f".todo-counts .badge[data-todo={key}]")
    return found.inner_text() if found.count() else ""


def nav_badge(page, label: str) -> str:
    """The badge of a navigation link ("" when it shows none)."""
    found = page.locator(f"nav a:has-text('{label}') .badge")
    return found.inner_text() if found.count() else ""


def desk(page, base: str):
    page.goto(f"{base}/my/")
    return page


def second_task(work_report, gdp: Task) -> Task:
    """Another task 区发改经信局 leads, with one quantity indicator whose verifier is not 区统计局."""
    led = Task.objects.filter(
        plan=work_report, unit_links__role=UnitRole.LEAD, unit_links__unit__name="区发改经信局"
    ).exclude(pk=gdp.pk)
    for task in led.order_by("position").prefetch_related("indicators__verifier"):
        indicators = list(task.indicators.all())
        if len(indicators) == 1 and indicators[0].kind in ("quantity", "money") and indicators[0].target:
            if getattr(indicators[0].verifier, "name", None) != "区统计局":
                return task
    raise AssertionError("the seed has no such task")


def test_a_month_as_each_person_sees_it(month, work_report):
    browser, base = month
    gdp = work_report.tasks.get(seq="1")  # 地区生产总值 增长5.5%, verified by 区统计局
    other = second_task(work_report, gdp)
    other_indicator = other.indicators.get()
    returner = VERIFIERS[getattr(other_indicator.verifier, "name", None)]
    status_recompute(period=JULY, today=date(2019, 8, 10))  # the worker's computation, July's reporting day passed
    computations = StatusComputation.objects.count()

    # The unit proposes a schedule with two more nodes; 区政府办公室 sees it waiting and approves it.
    reporter = session(browser, base, "reporter")
    reporter.goto(f"{base}/tasks/{other.pk}/schedule/")
    rows = int(reporter.input_value("input[name=points-TOTAL_FORMS]"))
    reporter.evaluate(
        """(n) => { const total = document.querySelector('input[name=points-TOTAL_FORMS]');
        const row = document.querySelector(`select[name=points-${n - 1}-indicator]`).closest('tr');
        const copy = row.cloneNode(true);
        copy.innerHTML = copy.innerHTML.replaceAll(`points-${n - 1}-`, `points-${n}-`);
        row.after(copy); total.value = n + 1; }""",
        rows,
    )
    for n, (due, share) in enumerate([("2019-07-31", "60"), ("2019-10-31", "85")], start=rows - 1):
        reporter.select_option(f"select[name=points-{n}-indicator]", str(other_indicator.pk))
        reporter.fill(f"input[name=points-{n}-due]", due)
        reporter.fill(f"input[name=points-{n}-share]", share)
    reporter.fill("[name=reason]", "7月、10月各增一个节点，便于按月跟踪。")
    reporter.click("text=提交调整")
    expect(reporter.locator("main")).to_contain_text("等待区政府办公室审批")

    office = session(browser, base, "supervisor")
    desk(office, base)
    assert badge(office, "schedules") == "1"
    expect(office.locator("#schedules")).to_contain_text(f"{other.seq}. {other.name}")
    office.click(f"#schedules a:has-text('{other.name}')")
    office.click("text=批准为基线")
    expect(office.locator("main")).to_contain_text("已批准")
    expect(office.locator("main")).to_contain_text("2019-10-31")
    assert badge(desk(office, base), "schedules") == "0"

    # Two July reports drafted by the reporter; the head sees them waiting and signs them off in one batch.
    reporter.goto(f"{base}/tasks/{gdp.pk}/reports/2019-07/")
    reporter.fill(f"input[name=v-{gdp.indicators.get().pk}-value]", "5.9")
    reporter.fill("textarea[name=narrative]", "1-7月地区生产总值增长5.9%。")
    reporter.click("button[value=save]")
    reporter.set_input_files("input[name=file]", files=[{"name": "快报.png", "mimeType": "image/png", "buffer": PNG}])
    reporter.click("section.card button[type=submit]")
    expect(reporter.locator("section.card")).to_contain_text("快报.png")
    reporter.goto(f"{base}/tasks/{other.pk}/reports/2019-07/")
    reporter.fill(f"input[name=v-{other_indicator.pk}-value]", "1")
    reporter.fill("textarea[name=narrative]", "7月按新节点推进。")
    reporter.click("button[value=save]")
    reporter.wait_for_load_state("networkidle")
    office.goto(f"{base}/supervision/?period=2019-07")
    expect(office.locator(f"tr:has(a[href='/tasks/{gdp.pk}/']) .status")).to_have_text("未报送")

    head = session(browser, base, "unithead")
    desk(head, base)
    assert badge(head, "sign_off") == "2" and nav_badge(head, "工作台") == str(_total(head))
    head.check(f"#sign_off input[aria-label='{gdp.seq}. {gdp.name}']")
    head.check(f"#sign_off input[aria-label='{other.seq}. {other.name}']")
    head.click("text=签发提交所选报告")
    head.click("button.confirm-yes")  # 签发提交 is confirmed first
    expect(head.locator("main")).to_contain_text("已签发提交 2 份报告")
    assert badge(head, "sign_off") == "0" and badge(head, "returned") == "0"

    # Statuses are current without a manual step: July's GDP is signed off and waits for 区统计局's figure.
    office.goto(f"{base}/supervision/?period=2019-07")
    expect(office.locator(f"tr:has(a[href='/tasks/{gdp.pk}/']) .status")).to_have_text("待核定")

    # 区统计局 sees the GDP report waiting and verifies it; its count drops.
    stats = session(browser, base, "stats")
    desk(stats, base)
    waiting = int(badge(stats, "review"))
    assert waiting >= 1 and nav_badge(stats, "核定") == str(waiting)
    stats.click(f"#review a:has-text('{gdp.name}')")
    stats.fill("input[name=verified_value]", "5.9")
    stats.fill("input[name=reason]", "与统计快报一致")
    stats.click("main form button[type=submit]")
    expect(stats.locator("main")).to_contain_text("已记录核定结论")
    assert badge(desk(stats, base), "review") == str(waiting - 1)
    office.goto(f"{base}/supervision/?period=2019-07")
    expect(office.locator(f"tr:has(a[href='/tasks/{gdp.pk}/']) .status")).to_have_text("达进度")
    expect(office.locator("main")).to_contain_text("核定")  # the page says what computed the statuses last

    # The other report's verifier returns it; the unit sees it returned, in its count and its badge.
    verifier = office if returner == "supervisor" else session(browser, base, returner)
    desk(verifier, base)
    verifier.click(f"#review a:has-text('{other.name}')")
    verifier.select_option("select[name=decision]", "returned")
    verifier.fill("input[name=reason]", "请补充7月节点的佐证材料")
    verifier.click("main form button[type=submit]")
    expect(verifier.locator("main")).to_contain_text("已记录核定结论")
    desk(reporter, base)
    assert badge(reporter, "returned") == "1"
    expect(reporter.locator("#returned")).to_contain_text(other.name)
    assert nav_badge(reporter, "工作台") == str(_total(reporter))
    assert StatusComputation.objects.count() >= computations + 3  # sign-off, verification, return: no hand
    assert not StatusComputation.objects.filter(trigger="manual").exists()

    # 区政府办公室 drafts, issues and publishes July's bulletin; the public sees it and the verified value only.
    office.goto(f"{base}/supervision/bulletins/")
    office.select_option("select[name=period]", "2019-07")
    office.click("text=按当前数据生成草稿")
    expect(office.locator("main")).to_contain_text("草稿")
    office.click("text=印发（编号并冻结）")
    office.click("button.confirm-yes")
    expect(office.locator("main")).to_contain_text("通报已印发")
    expect(office.locator("main")).to_contain_text("未在公开页面发布")
    public = session(browser, base, None)
    public.goto(f"{base}/public/")
    expect(public.locator("main")).not_to_contain_text("2019年7月")
    office.click("button:has-text('在公开页面发布')")
    office.click("button.confirm-yes")
    expect(office.locator("main")).to_contain_text("通报已在公开页面发布")
    public.goto(f"{base}/public/")
    expect(public.locator("main")).to_contain_text("关于2019年7月")
    public.click(f"text={work_report.title}")
    public.select_option("select[name=period]", "2019-07")
    public.click("text=查询")
    expect(public.locator("tr:has(td.num:text-is('1')) td.verified")).to_have_text("核定 5.9%")
    expect(public.locator("main")).not_to_contain_text("快报.png")

    # 区纪委 opens a case on the unit; its head sees it in the count and badge and answers with a 整改报告.
    inspector_user = User.objects.get(username="inspector")
    case = case_open(
        unit=gdp.unit_links.get(role=UnitRole.LEAD).unit,
        tasks=[other],
        trigger="7月报告被退回，节点滞后",
        user=inspector_user,
    )
    desk(head, base)
    assert badge(head, "cases") == "1" and nav_badge(head, "督办") == "1"
    head.click(f"#cases a:has-text('{case.trigger}')")
    head.fill("form.rectification textarea[name=note]", "已补充佐证材料，7月节点已完成。")
    head.set_input_files(
        "form.rectification input[name=file]",
        files=[{"name": "整改报告.png", "mimeType": "image/png", "buffer": PNG}],
    )
    head.click("form.rectification button[type=submit]")
    expect(head.locator("main")).to_contain_text("已记录办理环节")
    expect(head.locator("main")).to_contain_text("整改报告.png")

    inspector = session(browser, base, "inspector")
    desk(inspector, base)
    assert badge(inspector, "cases") == "1" and badge(inspector, "sign_off") == ""
    inspector.click(f"#cases a:has-text('{case.trigger}')")
    expect(inspector.locator("main")).to_contain_text("已补充佐证材料，7月节点已完成。")
    expect(inspector.locator("main")).to_contain_text("整改报告.png")
    for page in (reporter, head, stats, office, public, inspector):
        assert page.csp_errors == [], page.csp_errors


def _total(page) -> int:
    """The sum of the counts the 工作台 shows: what the navigation's 工作台 badge must say."""
    return sum(int(b) for b in page.locator(".todo-counts .badge").all_inner_texts())
