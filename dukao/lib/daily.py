"""The shape of a daily job's command (``dukao send_reminders``, ``dukao warnings_send``): ``--date YYYY-MM-DD``
(default today) and ``--now`` (run in this process instead of queuing it for ``dukao db_worker``)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _


class DailyJobCommand(BaseCommand):
    """Subclasses give ``date_example`` and ``now_help`` and implement ``run_now(day)`` (returns the line to print)
    and ``queue(day)`` (returns the queued task's result)."""

    date_example = "2019-06-25"
    now_help = ""
    queued_text = ""

    def add_arguments(self, parser):
        parser.add_argument("--date", help=f"按哪一天计算（默认今天），如 {self.date_example}")
        parser.add_argument("--now", action="store_true", help=self.now_help)

    def handle(self, *args, date: str | None, now: bool, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(_("日期“%(date)s”格式不正确，应为 YYYY-MM-DD。") % {"date": date}) from exc
        if now:
            self.stdout.write(self.run_now(day))
        else:
            result = self.queue(day)
            self.stdout.write(f"已排队（任务 {result.id}），{self.queued_text}")

    def run_now(self, day: datetime.date) -> str:
        raise NotImplementedError

    def queue(self, day: datetime.date):
        raise NotImplementedError
