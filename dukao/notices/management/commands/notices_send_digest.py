"""``dukao notices_send_digest``: queue today's digests — for each person who chose a daily digest on a channel,
one message with the notices of the last day not yet sent there. The worker (``dukao db_worker``) sends them, after
the person's quiet hours. Scheduled once a day (cron ``0 8 * * * dukao notices_send_digest``); reruns send nothing
twice."""

from django.core.management.base import BaseCommand

from dukao.notices.services import digests_build


class Command(BaseCommand):
    help = "排队发送每日汇总通知（每人每个汇总渠道一条，含过去一天尚未在该渠道发送的消息）；重复运行不会重复发送。"

    def handle(self, *args, **options):
        built = digests_build()
        self.stdout.write(f"已排队 {built} 份每日汇总，由后台任务进程发送。")
