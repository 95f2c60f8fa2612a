"""``dukao migrate``: Django's, connected as the owner when ``DATABASE_MIGRATE_URL`` is set, and leaving the
application's role with its grants on every table (``ops.roles.as_owner``)."""

from django.core.management.commands.migrate import Command as MigrateCommand

from dukao.ops.roles import as_owner


class Command(MigrateCommand):
    help = MigrateCommand.help + " 设置 DATABASE_MIGRATE_URL 时以属主角色连接，结束后重新授予应用角色的权限。"

    def handle(self, *args, **options):
        with as_owner(options["database"]):
            super().handle(*args, **options)
