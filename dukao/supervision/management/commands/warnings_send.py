"""``dukao warnings_send [--date YYYY-MM-DD] [--now]``: queue (or, with --now, run) the early warning (预警).

Scheduled once a day after the statuses (e.g. cron ``20 0 * * * dukao warnings_send``); a worker (``dukao
db_worker``) runs the queued task. Each light is told once: reruns tell nothing again.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from dukao.supervision.early_warnings import warnings_send
from dukao.supervision.tasks import warnings_send_task


class Command(BaseCommand):
    help = (
        "计算当天的任务预警（红灯、黄灯），通知新亮黄灯任务的牵头单位、新亮红灯任务的单位负责人和分管领导；"
        "重复运行不会重复通知。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天计算（默认今天），如 2019-06-25")
        parser.add_argument("--now", action="store_true", help="立即在本进程计算并通知，而不是交给后台任务进程")

    def handle(self, *args, date: str | None, now: bool, **options):
        try:
            day = _date(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(_("日期“%(date)s”格式不正确，应为 YYYY-MM-DD。") % {"date": date}) from exc
        if now:
            counts = warnings_send(today=day)
            self.stdout.write(
                f"红灯 {counts['red']} 项，黄灯 {counts['yellow']} 项，绿灯 {counts['green']} 项；"
                f"新通知 {counts['told']} 项。"
            )
        else:
            result = warnings_send_task.enqueue(day.isoformat())
            self.stdout.write(f"已排队（任务 {result.id}），由后台任务进程计算并通知。")


def _date(text: str):
    return date.fromisoformat(text)
