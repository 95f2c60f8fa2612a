"""Every page on a phone: each HTML page of the URL table, as every role that may open it, at 390 × 844 in
Chromium — the document is no wider than the window (wide tables scroll inside their own box), the navigation
is folded behind 菜单 and opens with a tap, and links and buttons of the navigation are at least 44 px high. The
same pages at 1440 × 900, once each, stay as wide as the window too. The pages and their arguments are the
permission matrix's (``tests.test_permission_matrix``), so a new page is visited as soon as the matrix asks it."""

import pytest
from django.test import Client
from django.urls import reverse

from dukao.accounts import duties
from tests.browser.conftest import ARGS, CHROMIUM
from tests.test_permission_matrix import REQUESTS, world  # noqa: F401 — the matrix's world is this test's too

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1440, "height": 900}
#: Answers that are files or redirects, not pages a person reads: visited by the matrix, not here.
NOT_PAGES = ("export", "_file", "download", "render", "dingtalk_", "logout", "ledger_print", "_print")
#: The widest point of a page, and what makes it so (the first element wider than the window), for the message.
WIDTH = """() => {
  const wide = [...document.querySelectorAll('body *')].find(e => e.getBoundingClientRect().right > innerWidth + 1
    && !e.closest('.scroll, table.grid, iframe, .chart'));
  return [document.documentElement.scrollWidth, wide ? wide.tagName + '.' + wide.className : ''];
}"""


def pages() -> list[str]:
    return [n for n, (method, *_) in REQUESTS.items() if method == "get" and not any(s in n for s in NOT_PAGES)]


def cookie(live_server, user) -> dict:
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


@pytest.mark.usefixtures("transactional_db")
def test_every_page_fits_a_phone_as_every_role(live_server, world):  # noqa: F811
    from playwright.sync_api import sync_playwright

    too_wide, desktop_seen = [], set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for role, user in world["users"].items():
            for size in (PHONE, DESKTOP):
                context = browser.new_context(viewport=size, locale="zh-CN")
                context.add_cookies([cookie(live_server, user)])
                page = context.new_page()
                for name in pages():
                    if name.startswith("admin:") or not duties.page_allows(role, name):
                        continue
                    if size is DESKTOP:
                        if name in desktop_seen:
                            continue
                        desktop_seen.add(name)
                    url = reverse(name, args=REQUESTS[name][1](world, role))
                    response = page.goto(live_server.url + url, wait_until="domcontentloaded")
                    if response.status != 200 or "/login/" in page.url:
                        continue
                    width, culprit = page.evaluate(WIDTH)
                    if width > size["width"]:
                        too_wide.append(f"{size['width']} px {role} {url}: {width} px ({culprit})")
                context.close()
        browser.close()
    assert not too_wide, "\n".join(too_wide)


@pytest.mark.usefixtures("transactional_db")
def test_on_a_phone_the_menu_opens_with_a_tap_and_evidence_comes_from_the_camera(live_server, world):  # noqa: F811
    from playwright.sync_api import sync_playwright

    head, task = world["users"]["unit_head"], world["task"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport=PHONE, locale="zh-CN", has_touch=True, is_mobile=True)
        context.add_cookies([cookie(live_server, head)])
        page = context.new_page()
        page.goto(live_server.url + reverse("progress:report_page", args=[task.pk, "2019-08"]))  # a draft
        nav = page.locator("header nav")
        assert not nav.is_visible()  # folded: the first screen is the page, not the menu
        button = page.locator("label.menu-button")
        assert button.bounding_box()["height"] >= 44
        button.tap()
        assert nav.is_visible()
        heights = [link.bounding_box()["height"] for link in nav.locator("a").all()]
        assert heights and min(heights) >= 44, heights
        camera = page.locator("form.camera input[type=file]")
        assert camera.get_attribute("capture") == "environment" and camera.get_attribute("accept") == "image/*"
        browser.close()
