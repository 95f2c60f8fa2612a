"""System checks of the security settings: audit retention, keys, crypto backend, the chain head kept outside the
database and the two database roles."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.utils.module_loading import import_string

from dukao.lib.crypto import configured_key

#: GB/T 22239-2019 8.1.4.3 c and 网络安全法 第二十一条: network logs are kept no less than six months.
MIN_RETENTION_DAYS = 180
#: Each key setting and its length in bytes.
KEYS = {"DUKAO_AUDIT_KEY": 32, "DUKAO_FIELD_KEY": 16}


@register(Tags.security)
def check_audit_retention(app_configs, **kwargs):
    """``DUKAO_AUDIT_RETENTION_DAYS`` may not promise less than 180 days."""
    if settings.DUKAO_AUDIT_RETENTION_DAYS < MIN_RETENTION_DAYS:
        message = f"DUKAO_AUDIT_RETENTION_DAYS 为 {settings.DUKAO_AUDIT_RETENTION_DAYS}，审计日志至少保存 180 天。"
        return [Error(message, id="dukao.E001")]
    return []


@register(Tags.security)
def check_keys_and_backend(app_configs, **kwargs):
    """Each key setting, when set, is hex of the right length; the crypto backend can be imported."""
    errors = []
    for name, length in KEYS.items():
        try:
            if getattr(settings, name):
                configured_key(name, length)
        except ValueError as exc:
            errors.append(Error(str(exc), id="dukao.E002"))
    try:
        import_string(settings.DUKAO_CRYPTO_BACKEND)
    except ImportError as exc:
        errors.append(Error(f"DUKAO_CRYPTO_BACKEND 无法导入：{exc}", id="dukao.E003"))
    return errors


@register(Tags.security, deploy=True)
def check_keys_set_for_production(app_configs, **kwargs):
    """In production (``dukao check --deploy``) each key comes from the environment, not from SECRET_KEY."""
    hint = "在环境变量中设置独立密钥（十六进制），并与数据库分开保管。"
    return [
        Warning(f"{name} 未设置：正在使用由 SECRET_KEY 派生的开发密钥。", hint=hint, id="dukao.W001")
        for name in KEYS
        if not getattr(settings, name)
    ]


@register(Tags.security, deploy=True)
def check_audit_trail_protected_in_production(app_configs, **kwargs):
    """In production the chain head is written outside the database, and on PostgreSQL the application connects
    as a role of its own, apart from the owner that migrates (``ops.roles``)."""
    found = []
    if not settings.DUKAO_AUDIT_CHECKPOINT:
        found.append(
            Warning(
                "DUKAO_AUDIT_CHECKPOINT 未设置：审计链尾连同链头一起被删除时无法发现。",
                hint="设为应用不能改写的文件（chattr +a）或 syslog（docs/security.md）。",
                id="dukao.W002",
            )
        )
    app, owner = settings.DATABASES["default"], settings.DUKAO_DATABASE_MIGRATE
    if app["ENGINE"].endswith("postgresql") and (not owner or owner.get("USER") == app.get("USER")):
        found.append(
            Warning(
                "DATABASE_MIGRATE_URL 未设置或与 DATABASE_URL 同一用户：应用以属主身份连接，能改删或清空审计表。",
                hint="用 dukao db_roles 建立属主与应用两个角色（docs/deploy.md）。",
                id="dukao.W003",
            )
        )
    return found
