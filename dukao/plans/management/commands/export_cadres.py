"""``dukao export_cadres -o FILE.xlsx``: export the register of leading cadres (the columns import_cadres reads)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.plans import selectors
from dukao.plans.cadres import cadres_export_xlsx


class Command(BaseCommand):
    help = "导出领导干部名册为 .xlsx（与 import_cadres 读取的列相同）。"

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", type=Path, required=True, help="输出的 .xlsx 文件")

    def handle(self, *args, output: Path, **options):
        cadres = selectors.cadre_list()
        try:
            output.write_bytes(cadres_export_xlsx(cadres))
        except OSError as exc:
            raise CommandError(
                _("无法写入“%(output)s”：%(strerror)s。") % {"output": output, "strerror": exc.strerror}
            ) from exc
        self.stderr.write(f"已导出 {cadres.count()} 名领导干部到 {output}")
