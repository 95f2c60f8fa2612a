"""``dukao bulletin --period 2019-06 --format html|docx|pdf -o FILE``: write a period's bulletin — the issued
one if there is one (from its frozen snapshot), otherwise a fresh draft (audited as the system's)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.lib.periods import parse_period
from dukao.supervision.models import Bulletin, BulletinState
from dukao.supervision.services import bulletin_draft, bulletin_render


class Command(BaseCommand):
    help = "输出某一报告期的督察通报（已印发的按快照原样重现，否则生成草稿）。"

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="报告期，如 2019-06")
        parser.add_argument("--format", choices=["html", "docx", "pdf"], default="html")
        parser.add_argument("-o", "--output", type=Path, required=True)

    def handle(self, *args, period: str, format: str, output: Path, **options):
        try:
            month = parse_period(period)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        bulletin = Bulletin.objects.filter(period=month, state=BulletinState.ISSUED).order_by("-issued_at").first()
        if bulletin is None:  # a draft from the command line: no account needed (a fresh database has none)
            bulletin = bulletin_draft(period=month, user=None)
        try:
            output.write_bytes(bulletin_render(bulletin, format))
        except OSError as exc:
            raise CommandError(
                _("无法写入“%(path)s”：%(strerror)s。") % {"path": output, "strerror": exc.strerror}
            ) from exc
        state = "已印发" if bulletin.state == BulletinState.ISSUED else "草稿"
        self.stderr.write(f"{bulletin.document_number} {bulletin.title}（{state}）→ {output}")
