"""Fixtures shared by every test: the seed document, the seed imported, and the standing personas."""

import pytest
from django.core.cache import cache
from hypothesis import settings

from dukao.accounts.models import Role, User
from dukao.plans.models import Plan, PlanKind
from dukao.plans.services import plan_import
from dukao.units.models import Unit
from tests.paths import SEED

# Property tests judge what the rules answer, not how fast: a loaded two-core CI machine must not fail them on time.
settings.register_profile("dukao", deadline=None)
settings.load_profile("dukao")


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


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with empty rate-limit counters (the cache is one process's memory in tests)."""
    cache.clear()


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
def lead_head(db) -> User:
    """The unit head of 区发改经信局: signs off its reports."""
    return make_user("fgj_head", Role.UNIT_HEAD, "区发改经信局")


@pytest.fixture
def cooperating_reporter(db) -> User:
    """The reporter of 区财政局, a cooperating unit of annex 1 row 1 (not a lead)."""
    return make_user("czj", Role.REPORTER, "区财政局")


@pytest.fixture
def housing_reporter(db) -> User:
    """The reporter of 区住房和城建局, second lead unit of 固定资产投资 in ``tests.two_leads``."""
    return make_user("zjj", Role.REPORTER, "区住房和城建局")


@pytest.fixture
def housing_head(db) -> User:
    """The unit head of 区住房和城建局: signs off its part."""
    return make_user("zjj_head", Role.UNIT_HEAD, "区住房和城建局")


@pytest.fixture
def unrelated_head(db) -> User:
    """The unit head of 区教育局, which has nothing to do with annex 1 rows 1 and 8."""
    return make_user("jyj_head", Role.UNIT_HEAD, "区教育局")


@pytest.fixture
def stats_reviewer(db) -> User:
    """区统计局's reviewer: verifies economic figures."""
    return make_user("tjj", Role.STATS_REVIEWER, "区统计局")


@pytest.fixture
def construction_reviewer(db) -> User:
    """区发改经信局's reviewer: confirms construction progress."""
    return make_user("fgj_review", Role.CONSTRUCTION_REVIEWER, "区发改经信局")


@pytest.fixture
def inspector(db) -> User:
    """区纪委(区监委)'s inspector: follows every task."""
    return make_user("jw", Role.INSPECTOR, "区纪委(区监委)")


@pytest.fixture
def auditor(db) -> User:
    return make_user("audit", Role.AUDITOR, "区委办公室")


@pytest.fixture
def administrator(db) -> User:
    """The system administrator (系统管理员): accounts, units and the plans' data in the admin site; no superuser."""
    return make_user("admin", Role.ADMIN, "区政府办公室")


@pytest.fixture
def security_admin(db) -> User:
    """The security administrator (安全管理员): roles, unlocks and second factors."""
    return make_user("security", Role.SECURITY_ADMIN, "区政府办公室")


@pytest.fixture(autouse=True)
def demo_mode(settings):
    """The suite signs in with ``force_login`` or a password alone, and builds state with the demo commands:
    demo mode, no second factor. The tests of those rules (``tests/accounts/``) switch them back on."""
    settings.DUKAO_DEMO = True
    settings.DUKAO_REQUIRE_OTP = False


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many accounts; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and staged files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
