"""``dukao changepassword [USERNAME]``: Django's command, refused for an administrator's account, whose password
is reset only through two administrators (docs/security.md, 双人审批)."""

import getpass

from django.contrib.auth.management.commands.changepassword import Command as DjangoCommand
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from dukao.accounts import permissions
from dukao.accounts.models import User


class Command(DjangoCommand):
    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"] or getpass.getuser()).first()
        if user is not None and permissions.credentials_need_approval(user):
            raise CommandError(_("管理员账号的密码须经双人审批后重置：由一名管理员在“双人审批”页面提出，另一名批准。"))
        return super().handle(*args, **options)
