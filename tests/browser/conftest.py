"""Browser tests: Debian's Chromium driven by Playwright against a live server on loopback."""

import os

import pytest

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
