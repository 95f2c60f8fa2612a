"""`dukao demo_accounts`: one account per role, rerunnable without duplicates."""

from io import StringIO

from django.core.management import call_command

from dukao.accounts.models import Role, User
from dukao.accounts.services import DEMO_PASSWORD


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
