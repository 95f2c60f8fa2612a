"""``dukao export_plan [--plan ID] --format json|xlsx [-o FILE]``: export plans (JSON to stdout by default)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.plans import selectors
from dukao.plans.exports import plans_export_json, plans_export_xlsx


class Command(BaseCommand):
    help = "导出目标任务分解表：JSON（默认输出到标准输出）或 .xlsx（与来源表格同列）。"

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, action="append", help="分解表 ID（可重复；默认全部）")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("-o", "--output", type=Path, help="输出文件（xlsx 必须指定）")

    def handle(self, *args, plan: list[int] | None, format: str, output: Path | None, **options):
        plans = list(selectors.plan_list().filter(pk__in=plan) if plan else selectors.plan_list())
        if plan and len(plans) != len(set(plan)):
            missing = sorted(set(plan) - {p.pk for p in plans})
            raise CommandError(_("没有 ID 为 %(ids)s 的分解表。") % {"ids": "、".join(map(str, missing))})
        if format == "xlsx":
            if output is None:
                raise CommandError(_("导出 xlsx 需要用 -o 指定输出文件。"))
            if not plans:
                raise CommandError(_("没有可导出的分解表。"))
            self._write(output, plans_export_xlsx(plans))
            self.stderr.write(f"已导出 {len(plans)} 张分解表到 {output}")
            return
        text = json.dumps(plans_export_json(plans), ensure_ascii=False, indent=1)
        if output is None:
            self.stdout.write(text)
        else:
            self._write(output, (text + "\n").encode())

    def _write(self, output: Path, content: bytes) -> None:
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(
                _("无法写入“%(output)s”：%(strerror)s。") % {"output": output, "strerror": exc.strerror}
            ) from exc
