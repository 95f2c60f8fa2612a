"""``dukao status_recompute [--period YYYY-MM | --queue] [--date YYYY-MM-DD]``: compute every task's status.

Without ``--period`` it computes the periods the day decides (this month, and on a month's first day the month
before): scheduled once a day (e.g. cron ``10 0 * * * dukao status_recompute --queue``), so that a reporting day
passing turns missing reports into 未报送; ``--queue`` hands the work to the task worker (``dukao db_worker``).
Events (sign-offs, reviews, approved schedules, corrected indicators) update their tasks' statuses themselves.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from dukao.lib.periods import parse_period, period_label
from dukao.supervision.models import ComputationTrigger
from dukao.supervision.rules import STATUS_LABELS
from dukao.supervision.services import status_recompute, status_recompute_day
from dukao.supervision.tasks import status_recompute_task


class Command(BaseCommand):
    help = "按已批准的进度计划和核定数据，计算全部任务的状态（默认本月；每月1日含上月），可交给后台任务进程。"

    def add_arguments(self, parser):
        parser.add_argument("--period", help="只计算这一报告期，如 2019-06")
        parser.add_argument("--date", help="按哪一天计算（默认今天），如 2019-06-26")
        parser.add_argument("--queue", action="store_true", help="交给后台任务进程计算（定时任务用）")

    def handle(self, *args, period: str | None, date: str | None, queue: bool, **options):
        try:
            month = parse_period(period) if period else None
            day = _date(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if queue and month:
            raise CommandError(_("--queue 计算当天决定的报告期，不能与 --period 同用。"))
        if queue:
            result = status_recompute_task.enqueue(day.isoformat())
            self.stdout.write(f"已排队（任务 {result.id}），由后台任务进程计算。")
            return
        if month:
            counts = {month: status_recompute(period=month, today=day, trigger=ComputationTrigger.COMMAND)}
        else:
            counts = status_recompute_day(today=day, trigger=ComputationTrigger.COMMAND)
        for each, by_status in counts.items():
            summary = "，".join(f"{STATUS_LABELS[s]} {n} 项" for s, n in by_status.items())
            self.stdout.write(f"{period_label(each)}：{summary or '没有任务'}")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(_("日期“%(text)s”格式不正确，应为 YYYY-MM-DD。") % {"text": text}) from exc
