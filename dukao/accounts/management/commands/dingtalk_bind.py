"""``dukao dingtalk_bind USERNAME USERID``: bind an account to a DingTalk / 浙政钉 userid for sign-in with
DingTalk (``--unbind`` removes it); audited."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.accounts.models import User
from dukao.accounts.services import dingtalk_bind


class Command(BaseCommand):
    help = (
        "把账号绑定到浙政钉/钉钉通讯录的 userid（绑定后可用钉钉登录，仍须动态口令）；--unbind 解除绑定。记入审计日志。"
    )

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="USERNAME")
        parser.add_argument("userid", nargs="?", default="", metavar="USERID")
        parser.add_argument("--unbind", action="store_true", help="解除绑定")

    def handle(self, *args, username, userid, unbind, **options):
        if bool(userid) == unbind:
            raise CommandError(_("请给出钉钉 userid，或用 --unbind 解除绑定（二者择一）。"))
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("找不到账号“%(username)s”。") % {"username": username})
        try:
            dingtalk_bind(actor=None, user=user, userid=userid)
        except PermissionDenied as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(f"{username}：已绑定钉钉 userid {userid}" if userid else f"{username}：已解除钉钉绑定")
