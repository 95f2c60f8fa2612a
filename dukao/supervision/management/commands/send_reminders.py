"""``dukao send_reminders [--date YYYY-MM-DD] [--now]``: queue (or, with --now, send) today's reminders.

Scheduled once a day (e.g. cron ``0 9 * * * dukao send_reminders``); a worker (``dukao db_worker``) runs the
queued task. Reruns are harmless: each reminder is sent once.
"""

from dukao.lib.daily import DailyJobCommand
from dukao.supervision.reminders import reminders_send
from dukao.supervision.tasks import send_reminders_task


class Command(DailyJobCommand):
    help = "发送（或排队发送）当天到期的催报提醒与逾期通知；重复运行不会重复发送。"
    date_example = "2019-06-22"
    now_help = "立即在本进程发送，而不是交给后台任务进程"
    queued_text = "由后台任务进程发送。"

    def run_now(self, day):
        counts = reminders_send(day)
        return f"已发送 {counts['sent']} 条，跳过已发送 {counts['skipped']} 条，失败 {counts['failed']} 条。"

    def queue(self, day):
        return send_reminders_task.enqueue(day.isoformat())
