"""三权分立 (GB/T 22239-2019 8.1.4.2 c/d): the system, security and audit administrators each hold their own
rights and no other; no superuser outside demo mode."""

import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.core.checks import run_checks
from django.urls import reverse

from dukao.accounts.models import Role
from dukao.accounts.permissions import NOBODY_EDITS
from dukao.units.models import Unit
from tests.conftest import make_user


@pytest.fixture
def reporter(db):
    return make_user("fgj2", Role.REPORTER, "区发改经信局")


def test_the_system_administrator_keeps_accounts_and_units_but_not_roles_or_the_audit_log(
    client, administrator, reporter
):
    client.force_login(administrator)
    unit = Unit.objects.get(name="区教育局")
    assert client.get(reverse("admin:units_unit_change", args=[unit.pk])).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200
    page = client.get(reverse("admin:accounts_user_change", args=[reporter.pk])).content.decode()
    assert 'name="last_name"' in page and 'name="role"' not in page
    assert client.get(reverse("audit:event_list")).status_code == 403


def test_the_security_administrator_sets_roles_and_nothing_else(client, security_admin, reporter):
    client.force_login(security_admin)
    page = client.get(reverse("admin:accounts_user_change", args=[reporter.pk])).content.decode()
    assert 'name="role"' in page and 'name="last_name"' not in page
    unit = Unit.objects.get(name="区教育局")
    assert client.get(reverse("admin:units_unit_change", args=[unit.pk])).status_code == 403
    assert client.get(reverse("audit:event_list")).status_code == 403


def test_the_audit_administrator_reads_the_log_and_has_no_admin_site(client, auditor):
    client.force_login(auditor)
    assert client.get(reverse("audit:event_list")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 403  # not its duty (accounts.duties)


def test_the_admin_site_follows_the_role(administrator, security_admin, auditor):
    assert (administrator.is_staff, security_admin.is_staff, auditor.is_staff) == (True, True, False)
    auditor.role = Role.ADMIN
    auditor.save()
    assert auditor.is_staff


def test_a_superuser_fails_the_check_outside_demo_mode(settings, administrator):
    administrator.is_superuser = True
    administrator.save()
    settings.DUKAO_DEMO = False
    assert "dukao.E011" in {m.id for m in run_checks(databases=["default"])}
    settings.DUKAO_DEMO = True
    assert "dukao.E011" not in {m.id for m in run_checks(databases=["default"])}


def test_a_fresh_production_database_migrates_past_the_superuser_check(tmp_path):
    """``migrate`` runs the database checks before the tables exist: the check waits for the table."""
    env = {k: v for k, v in os.environ.items() if k not in {"DUKAO_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}", "DJANGO_SETTINGS_MODULE": "dukao.settings"}
    command = [sys.executable, "-m", "django", "migrate", "--noinput"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]


def test_nobody_reads_the_task_queue_in_the_admin(client, administrator):
    """The queue holds the tasks' arguments and tracebacks; every label of ``NOBODY_EDITS`` is an installed app's."""
    assert NOBODY_EDITS <= {config.label for config in apps.get_app_configs()}
    client.force_login(administrator)
    assert client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).status_code == 403
    assert "django_tasks_database" not in client.get(reverse("admin:index")).content.decode()
