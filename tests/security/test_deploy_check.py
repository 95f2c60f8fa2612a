"""Production settings pass ``check --deploy --fail-level WARNING`` (GB/T 22239-2019 8.1.4.x; ASVS V14.4, V3.4):
HSTS, Secure/HttpOnly/SameSite cookies, HTTPS redirect, a real secret key and keys outside the database. The check
runs in a fresh process because settings are read once, from the environment, as in production."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DUKAO_HTTPS": "1",
    "DUKAO_DEBUG": "0",
    "DUKAO_DEMO": "0",
    "DUKAO_REQUIRE_OTP": "1",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DUKAO_AUDIT_KEY": secrets.token_hex(32),
    "DUKAO_FIELD_KEY": secrets.token_hex(16),
    "ALLOWED_HOSTS": "dukao.example.gov.cn",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "DUKAO_AUDIT_CHECKPOINT": "/var/log/dukao/audit-head.log",
    "DATABASE_URL": "postgres://dukao_app@127.0.0.1:5432/dukao",  # read, not connected to, by the check
    "DATABASE_MIGRATE_URL": "postgres://dukao_owner@127.0.0.1:5432/dukao",
}


def _check(**env: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set for Playwright
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "dukao.settings", **env}
    return subprocess.run(command, env=environment, capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=120)


def test_production_settings_pass_the_deploy_check():
    result = _check(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_without_https_or_with_the_development_key():
    plain = _check(**{**PRODUCTION, "DUKAO_HTTPS": "0"})
    assert plain.returncode != 0 and "security.W004" in plain.stderr  # no HSTS
    default_key = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    assert "security.W009" in _check(**default_key).stderr


def test_the_deploy_check_warns_without_a_checkpoint_outside_or_with_one_database_role():
    unprotected = {k: v for k, v in PRODUCTION.items() if k not in {"DUKAO_AUDIT_CHECKPOINT", "DATABASE_MIGRATE_URL"}}
    result = _check(**unprotected)
    assert result.returncode != 0 and "dukao.W002" in result.stderr and "dukao.W003" in result.stderr
    same_user = PRODUCTION | {"DATABASE_MIGRATE_URL": PRODUCTION["DATABASE_URL"]}
    assert "dukao.W003" in _check(**same_user).stderr
