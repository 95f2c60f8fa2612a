"""`dukao demo_accounts`: one account per role, rerunnable without duplicates."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dukao.accounts.models import Role, User
from dukao.accounts.services import DEMO_PASSWORD
from tests.paths import ROOT

MAKEFILE = ROOT / "Makefile"


def test_one_account_per_role_printed_with_password(db):
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert sorted(User.objects.values_list("role", flat=True)) == sorted(Role.values)
    assert DEMO_PASSWORD in out.getvalue() and "inspector" in out.getvalue()
    stats = User.objects.get(username="stats")
    assert stats.check_password(DEMO_PASSWORD) and stats.unit.name == "区统计局" and not stats.must_change_password


def test_running_it_again_duplicates_nothing(db):
    call_command("demo_accounts", stdout=StringIO())
    call_command("demo_accounts", stdout=StringIO())
    assert User.objects.count() == len(Role.values)


def test_outside_demo_mode_no_account_with_the_published_password_is_made(db, settings):
    settings.DUKAO_DEMO = settings.DEBUG = False
    with pytest.raises(CommandError, match="DUKAO_DEMO=1"):
        call_command("demo_accounts", stdout=StringIO())
    assert not User.objects.exists()


def test_make_demo_runs_in_demo_mode_without_a_second_factor():
    demo = re.search(r"^demo: export DUKAO_DEMO := 1\ndemo: export DUKAO_REQUIRE_OTP := 0$", MAKEFILE.read_text(), re.M)
    assert demo is not None
