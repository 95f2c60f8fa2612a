"""Fixtures shared by every test: the seed document, the seed imported, and the standing personas."""

import pytest

from dukao.accounts.models import Role, User
from dukao.plans.models import Plan, PlanKind
from dukao.plans.services import plan_import
from dukao.units.models import Unit
from tests.paths import SEED


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def seed(db, seed_bytes):
    """The seed imported; returns the import report."""
    return plan_import(content=seed_bytes, file_name=SEED.name)


@pytest.fixture
def work_report(seed) -> Plan:
    return Plan.objects.get(kind=PlanKind.WORK_REPORT)


@pytest.fixture
def livelihood(seed) -> Plan:
    return Plan.objects.get(kind=PlanKind.LIVELIHOOD)


def make_user(username: str, role: Role, unit_name: str, **extra) -> User:
    user = User.objects.create_user(
        username=username, password="Test-pass-2019", role=role, unit=Unit.objects.get(name=unit_name), **extra
    )
    return user


@pytest.fixture
def supervisor(db) -> User:
    """区政府办公室's supervisor: reads everything."""
    return make_user("supervisor", Role.SUPERVISOR, "区政府办公室")


@pytest.fixture
def lead_reporter(db) -> User:
    """The reporter of 区发改经信局, lead unit of annex 1 rows 1, 2, 4, 7 …"""
    return make_user("fgj", Role.REPORTER, "区发改经信局")


@pytest.fixture
def administrator(db) -> User:
    return make_user("admin", Role.ADMIN, "区政府办公室", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and staged files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
