"""``dukao warnings_send [--date YYYY-MM-DD] [--now]``: queue (or, with --now, run) the early warning (预警).

Scheduled once a day after the statuses (e.g. cron ``20 0 * * * dukao warnings_send``); a worker (``dukao
db_worker``) runs the queued task. Each light is told once: reruns tell nothing again.
"""

from dukao.lib.daily import DailyJobCommand
from dukao.supervision.early_warnings import warnings_send
from dukao.supervision.tasks import warnings_send_task


class Command(DailyJobCommand):
    help = (
        "计算当天的任务预警（红灯、黄灯），通知新亮黄灯任务的牵头单位、新亮红灯任务的单位负责人和分管领导；"
        "重复运行不会重复通知。"
    )
    now_help = "立即在本进程计算并通知，而不是交给后台任务进程"
    queued_text = "由后台任务进程计算并通知。"

    def run_now(self, day):
        counts = warnings_send(today=day)
        return (
            f"红灯 {counts['red']} 项，黄灯 {counts['yellow']} 项，绿灯 {counts['green']} 项；"
            f"新通知 {counts['told']} 项。"
        )

    def queue(self, day):
        return warnings_send_task.enqueue(day.isoformat())
