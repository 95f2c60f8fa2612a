"""System checks: production settings may not switch off the second factor, nor keep a superuser."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import connection


@register()
def second_factor_required(app_configs, **kwargs):
    """GB/T 22239-2019 8.1.4.1 d: DUKAO_REQUIRE_OTP may be off only in demo mode (``make demo``) or with DEBUG."""
    if settings.DUKAO_REQUIRE_OTP or settings.DUKAO_DEMO or settings.DEBUG:
        return []
    return [
        Error(
            "DUKAO_REQUIRE_OTP is off outside demo mode.",
            hint="Unset DUKAO_REQUIRE_OTP (every account then signs in with a one-time code), or set DUKAO_DEMO=1.",
            id="dukao.E010",
        )
    ]


@register(Tags.database)
def no_superuser_in_production(app_configs, databases=None, **kwargs):
    """三权分立 (GB/T 22239-2019 8.1.4.2 c): outside demo mode no account may hold every right at once — a Django
    superuser would be system, security and audit administrator together. Runs with ``check --database``."""
    if settings.DUKAO_DEMO or settings.DEBUG or not databases:
        return []
    from dukao.accounts.models import User

    if User._meta.db_table not in connection.introspection.table_names():
        return []  # ``migrate`` runs the database checks before it creates the table
    names = list(User.objects.filter(is_superuser=True).values_list("username", flat=True)[:5])
    if not names:
        return []
    return [
        Error(
            f"Superuser accounts exist outside demo mode: {', '.join(names)}.",
            hint="Give each administrator one role (系统管理员, 安全管理员 or 审计管理员) and remove is_superuser.",
            id="dukao.E011",
        )
    ]
