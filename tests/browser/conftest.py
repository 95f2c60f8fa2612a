"""Browser tests: Debian's Chromium driven by Playwright against a live server on loopback."""

import os
from contextlib import contextmanager

import pytest
from playwright.sync_api import sync_playwright

from dukao.plans.models import Plan, PlanKind
from dukao.plans.services import plan_import

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture
def work_report(django_db_serialized_rollback, transactional_db, seed_bytes):
    """The seed imported outside a wrapping transaction, so that the live server's thread sees it; the
    registry loaded by data migrations is restored after each test (serialized rollback)."""
    plan_import(content=seed_bytes, file_name="seed.txt")
    return Plan.objects.get(kind=PlanKind.WORK_REPORT)


@contextmanager
def signed_in(live_server, username: str):
    """A Chromium page signed in as ``username`` (password ``Test-pass-2019``) that records CSP errors in
    ``page.csp_errors``."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(locale="zh-CN")
        page.csp_errors = []
        page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", "Test-pass-2019")
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url)  # the role's landing page (accounts.duties.LANDING)
        yield page
        browser.close()
