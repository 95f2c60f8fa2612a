"""``dukao ledger [--period 2019-06] [--status behind] [--unit 区教育局 --role any] … -o FILE.xlsx``: the 督查台账
as .xlsx with the filters of the 进度督察 page (the same workbook as its 导出 Excel)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from dukao.lib.periods import parse_period
from dukao.plans.selectors import linked_units, responsible_cadres
from dukao.supervision import selectors
from dukao.supervision.exports import ledger_xlsx
from dukao.supervision.forms import StatusFilterForm


class Command(BaseCommand):
    help = "导出督查台账（.xlsx），筛选条件与“进度督察”页面相同。"

    def add_arguments(self, parser):
        parser.add_argument("--period", help="报告期，如 2019-06（默认：最近计算过状态的报告期）")
        parser.add_argument("--status", default="", help="状态代码，如 behind、seriously_behind、not_reported")
        parser.add_argument("--type", default="", help="目标类型代码，如 A；none 为未分类")
        parser.add_argument("--plan", default="", help="分解表编号")
        parser.add_argument("--unit", default="", help="单位名称")
        parser.add_argument(
            "--role", default="lead", choices=["lead", "cooperating", "any"], help="单位作为牵头、配合或任一"
        )
        parser.add_argument("--leader", default="", help="责任领导姓名")
        parser.add_argument("--q", default="", help="关键词（任务名称、指标要求、序号、单位名称）")
        parser.add_argument("-o", "--output", type=Path, required=True, help="输出的 .xlsx 文件")

    def handle(self, *args, period: str | None, output: Path, **options):
        try:
            month = parse_period(period) if period else selectors.default_period(timezone.localdate())
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        data = {name: options[name] for name in ("status", "type", "plan", "role", "q")}
        data["unit"] = self._pk(linked_units(), options["unit"], "单位")
        data["leader"] = self._pk(responsible_cadres(), options["leader"], "责任领导")
        form = StatusFilterForm(data)
        if not form.is_valid():
            problems = "；".join(f"--{name}：{'、'.join(errors)}" for name, errors in form.errors.items())
            raise CommandError(_("筛选条件有误：%(problems)s") % {"problems": problems})
        status_filter = form.status_filter()
        rows = selectors.with_latest_progress(selectors.ledger_statuses(month, status_filter), month)
        try:
            output.write_bytes(ledger_xlsx(rows, month, status_filter))
        except OSError as exc:
            raise CommandError(
                _("无法写入“%(path)s”：%(strerror)s。") % {"path": output, "strerror": exc.strerror}
            ) from exc
        self.stderr.write(f"督查台账 {month:%Y-%m}：{len(rows)} 项任务 → {output}")

    @staticmethod
    def _pk(choices, name: str, label: str) -> str:
        """The id of the choice called ``name`` ("" for none); an unknown name is an error naming it."""
        if not name:
            return ""
        pk = choices.filter(name=name.strip()).values_list("pk", flat=True).first()
        if pk is None:
            raise CommandError(
                _("%(label)s“%(name)s”不在可选范围内（须为任务上列出的%(label)s）。") % {"label": label, "name": name}
            )
        return str(pk)
