"""``dukao bulletin_publish ID [--unpublish] [--user NAME]``: publish an issued bulletin on the public portal, or
take it off, acting as a named 区政府办公室 account (default: the first active 督查员), through the same service as
the bulletin page."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.accounts.commands import acting_user
from dukao.supervision.models import Bulletin
from dukao.supervision.services import bulletin_publish


class Command(BaseCommand):
    help = "在公开页面发布（或撤回）已印发的督察通报。"

    def add_arguments(self, parser):
        parser.add_argument("bulletin", type=int, help="通报编号")
        parser.add_argument("--unpublish", action="store_true", help="从公开页面撤回")
        parser.add_argument("--user", default="", help="以该区政府办公室账号的名义操作")

    def handle(self, *args, bulletin: int, unpublish: bool, user: str, **options):
        found = Bulletin.objects.filter(pk=bulletin).first()
        if found is None:
            raise CommandError(_("找不到编号为 %(bulletin)s 的通报。") % {"bulletin": bulletin})
        try:
            done = bulletin_publish(bulletin=found, user=acting_user(user), publish=not unpublish)
        except (PermissionDenied, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        state = "已从公开页面撤回" if unpublish else "已在公开页面发布"
        self.stdout.write(f"{done.document_number} {done.title}：{state}")
