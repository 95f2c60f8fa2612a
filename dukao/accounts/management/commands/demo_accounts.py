"""``dukao demo_accounts``: one demo account per role (for ``make demo``; never in production)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.accounts.services import DEMO_PASSWORD, demo_accounts_ensure


class Command(BaseCommand):
    help = "创建或重置演示账号（每个角色一个），并打印账号与密码。仅用于演示环境。"

    def handle(self, *args, **options):
        if not (settings.DUKAO_DEMO or settings.DEBUG):
            # No default accounts with a published password outside a demo (GB/T 22239-2019 8.1.4.1 a).
            raise CommandError(_("演示账号只能在演示环境中创建：请设置 DUKAO_DEMO=1（make demo 已设置）。"))
        rows = demo_accounts_ensure()
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for account, created in rows:
            state = "新建" if created else "已存在，密码已重置"
            self.stdout.write(
                f"  {account.username:<13} {account.role.label:<22} {account.unit}（{account.full_name}，{state}）"
            )
