"""django-axes' reset commands, refused: they lift login locks without an audit event. ``dukao account_unlock``
does the same through ``accounts.services.account_unlock``, audited (GB/T 22239-2019 8.1.4.3). These commands
take the names of axes' own; ``axes`` is listed after ``dukao.accounts`` in ``INSTALLED_APPS`` so that they win."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class RefusedCommand(BaseCommand):
    help = "已停用：请用 dukao account_unlock USERNAME 解除锁定（记入审计日志）。"

    def add_arguments(self, parser):
        parser.add_argument("args", nargs="*")

    def handle(self, *args, **options):
        raise CommandError(
            _("此命令会绕过审计解除登录锁定，已停用。请用 dukao account_unlock 账号 …（记入审计日志）。")
        )
