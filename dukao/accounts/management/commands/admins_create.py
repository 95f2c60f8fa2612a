"""``dukao admins_create --unit 区政府办公室 SYSTEM SECURITY AUDIT``: the first three administrators of a production
database (docs/deploy.md). Each gets a password shown once, changed at the first sign-in, where the second factor
is enrolled. Refused once any administrator exists."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.accounts.models import Role
from dukao.accounts.services import admins_create
from dukao.units.models import Unit


class Command(BaseCommand):
    help = "创建首批系统管理员、安全管理员、审计管理员账号（已有管理员时拒绝）。"

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="管理员所在单位，如“区政府办公室”")
        parser.add_argument("system", help="系统管理员的用户名")
        parser.add_argument("security", help="安全管理员的用户名")
        parser.add_argument("audit", help="审计管理员的用户名")

    def handle(self, *args, unit, system, security, audit, **options):
        if len({system, security, audit}) != 3:
            raise CommandError(_("三名管理员须是三个不同的账号。"))
        found = Unit.objects.filter(name=unit).first()
        if found is None:
            raise CommandError(_("单位“%(unit)s”不在单位名录中。") % {"unit": unit})
        usernames = {Role.ADMIN: system, Role.SECURITY_ADMIN: security, Role.AUDITOR: audit}
        try:
            issued = admins_create(unit=found, usernames=usernames)
        except PermissionDenied as refusal:
            raise CommandError(str(refusal)) from None
        for username, password in issued.items():
            self.stdout.write(f"{username}\t{password}")
        self.stdout.write("以上初始密码只显示这一次；首次登录时须修改密码并绑定动态口令。")
