"""``dukao status_recompute [--period YYYY-MM]``: compute every task's status for a period."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dukao.lib.periods import parse_period, period_label, period_of
from dukao.supervision.rules import STATUS_LABELS
from dukao.supervision.services import status_recompute


class Command(BaseCommand):
    help = "按已批准的进度计划和核定数据，计算某一报告期（默认本月）全部任务的状态。"

    def add_arguments(self, parser):
        parser.add_argument("--period", help="报告期，如 2019-06（默认本月）")

    def handle(self, *args, period: str | None, **options):
        try:
            month = parse_period(period) if period else period_of(timezone.localdate())
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        counts = status_recompute(period=month)
        summary = "，".join(f"{STATUS_LABELS[s]} {n} 项" for s, n in counts.items())
        self.stdout.write(f"{period_label(month)}：{summary or '没有任务'}")
