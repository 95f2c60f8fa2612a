"""``dukao db_roles --admin-url URL``: make the owner and application roles of DATABASE_MIGRATE_URL and
DATABASE_URL (``ops.roles``), once per database, as a PostgreSQL superuser."""

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from dukao.ops.roles import Login, roles_create


class Command(BaseCommand):
    help = (
        "以超级用户身份创建两个数据库角色：属主（DATABASE_MIGRATE_URL，拥有模式，执行迁移）与应用角色"
        "（DATABASE_URL，不拥有任何对象，对审计表只能查询和追加）；可重复执行。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-url", required=True, help="超级用户的连接，如 postgres://postgres@127.0.0.1:5432/postgres"
        )

    def handle(self, *args, admin_url: str, **options):
        app, owner = settings.DATABASES[DEFAULT_DB_ALIAS], settings.DUKAO_DATABASE_MIGRATE
        admin = dj_database_url.parse(admin_url)
        for name, db in (("DATABASE_URL", app), ("DATABASE_MIGRATE_URL", owner), ("--admin-url", admin)):
            if not db.get("ENGINE", "").endswith("postgresql"):
                raise CommandError(
                    _("%(name)s 须为 PostgreSQL 数据库（postgres://…）：两个角色只在 PostgreSQL 上设置。")
                    % {"name": name}
                )
        if owner["NAME"] != app["NAME"] or owner["USER"] == app["USER"] or not owner["USER"] or not app["USER"]:
            raise CommandError(_("DATABASE_MIGRATE_URL 与 DATABASE_URL 须指向同一数据库、使用两个不同的用户名。"))
        connect = {"host": admin["HOST"], "port": admin["PORT"], "user": admin["USER"], "password": admin["PASSWORD"]}
        granted = roles_create(
            admin={k: v for k, v in connect.items() if v} | {"dbname": admin["NAME"] or "postgres"},
            database=app["NAME"],
            owner=Login(owner["USER"], owner["PASSWORD"]),
            app=Login(app["USER"], app["PASSWORD"]),
        )
        self.stdout.write(
            f"数据库“{app['NAME']}”：属主 {owner['USER']}，应用角色 {app['USER']}；已授权 {granted} 个表与序列。"
            "请以 DATABASE_MIGRATE_URL 执行 dukao migrate。"
        )
