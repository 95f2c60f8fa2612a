"""``dukao import_cadres FILE [--dry-run]``: import a register of leading cadres and print what it changed."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.plans.cadres import cadres_import_file
from dukao.plans.parsing.errors import DocumentError


class Command(BaseCommand):
    help = "导入领导干部名册（.xlsx 或 .csv；列：姓名、职务、单位、角色、分管单位、任职起始、任职截止）。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="要导入的名册文件")
        parser.add_argument("--dry-run", action="store_true", help="只预检并输出报告，不写入数据库")

    def handle(self, *args, path: Path, dry_run: bool, **options):
        if not path.is_file():
            raise CommandError(_("文件“%(path)s”不存在或不是文件。") % {"path": path})
        try:
            report = cadres_import_file(path=path, dry_run=dry_run)
        except DocumentError as exc:
            raise CommandError(_("导入失败，数据库未作任何修改。\n%(problems)s") % {"problems": exc}) from exc
        self.stdout.write(report.render())
