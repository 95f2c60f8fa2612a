"""``dukao send_reminders [--date YYYY-MM-DD] [--now]``: queue (or, with --now, send) today's reminders.

Scheduled once a day (e.g. cron ``0 9 * * * dukao send_reminders``); a worker (``dukao db_worker``) runs the
queued task. Reruns are harmless: each reminder is sent once.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from dukao.supervision.reminders import reminders_send
from dukao.supervision.tasks import send_reminders_task


class Command(BaseCommand):
    help = "发送（或排队发送）当天到期的催报提醒与逾期通知；重复运行不会重复发送。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天计算（默认今天），如 2019-06-22")
        parser.add_argument("--now", action="store_true", help="立即在本进程发送，而不是交给后台任务进程")

    def handle(self, *args, date: str | None, now: bool, **options):
        try:
            day = _date(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(_("日期“%(date)s”格式不正确，应为 YYYY-MM-DD。") % {"date": date}) from exc
        if now:
            counts = reminders_send(day)
            self.stdout.write(
                f"已发送 {counts['sent']} 条，跳过已发送 {counts['skipped']} 条，失败 {counts['failed']} 条。"
            )
        else:
            result = send_reminders_task.enqueue(day.isoformat())
            self.stdout.write(f"已排队（任务 {result.id}），由后台任务进程发送。")


def _date(text: str):
    return date.fromisoformat(text)
