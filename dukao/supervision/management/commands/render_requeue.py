"""``dukao render_requeue``: queue again every file render the task worker never ran in
``DUKAO_RENDER_EXPIRY_MINUTES`` (its page says 超时); each one audited. Safe to schedule (e.g. cron every 10
minutes): a render still within its time is left alone."""

from django.core.management.base import BaseCommand

from dukao.supervision.services import bulletin_render_requeue, stale_renders


class Command(BaseCommand):
    help = "重新排队所有超时未生成的文件（通报的 Word、PDF 文件），交给后台任务进程。"

    def handle(self, *args, **options):
        renders = list(stale_renders().select_related("bulletin"))
        for render in renders:
            bulletin_render_requeue(render=render, user=None)
            self.stdout.write(f"已重新排队：{render.bulletin.title}（{render.fmt.upper()}）")
        self.stdout.write(f"共重新排队 {len(renders)} 个文件。")
