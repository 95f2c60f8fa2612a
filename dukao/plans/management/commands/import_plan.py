"""``dukao import_plan PATH [--dry-run] [--title T] [--year Y] [--missing-rows withdraw|refuse]``: import a
decomposition document, print the import report; the title and year stand in where the document gives none, and
``--missing-rows`` says what becomes of a stored row with records that the document no longer lists."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.plans.models import LeadRule, MissingRows
from dukao.plans.parsing.errors import DocumentError
from dukao.plans.services import plan_import_file


class Command(BaseCommand):
    help = "导入目标任务分解文件（通知文本格式 .txt、.xlsx、.docx、.csv），输出导入报告。"

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="要导入的文件")
        parser.add_argument("--dry-run", action="store_true", help="只预检并输出报告，不写入数据库")
        parser.add_argument(
            "--lead-rule",
            choices=[LeadRule.FIRST_LISTED.value, LeadRule.ALL_JOINTLY.value],
            default=LeadRule.FIRST_LISTED.value,
            help="表格只有“责任单位”列时谁牵头：first_listed 第一个单位牵头（默认），all_jointly 共同负责",
        )
        parser.add_argument("--title", default="", help="文件中没有分解表标题时使用的标题")
        parser.add_argument("--year", type=int, default=0, help="文件中没有年度时使用的年度（如 2024）")
        parser.add_argument(
            "--missing-rows",
            choices=MissingRows.values,
            default=MissingRows.WITHDRAW.value,
            help="已导入、文件不再列出且已有记录的任务：withdraw 保留并标记为已撤销（默认），refuse 拒绝整个导入",
        )

    def handle(self, *args, path: Path, dry_run: bool, lead_rule: str, title: str, year: int, **options):
        if not path.is_file():
            raise CommandError(_("文件“%(path)s”不存在或不是文件。") % {"path": path})
        try:
            report = plan_import_file(
                path=path, dry_run=dry_run, lead_rule=lead_rule, title=title, year=year, missing=options["missing_rows"]
            )
        except DocumentError as exc:
            raise CommandError(_("导入失败，数据库未作任何修改。\n%(problems)s") % {"problems": exc}) from exc
        self.stdout.write(report.render())
