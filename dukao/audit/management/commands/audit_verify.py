"""`dukao audit_verify`: re-compute the audit trail's hash chain and report where it breaks."""

from django.core.management.base import BaseCommand, CommandError

from dukao.audit.models import ChainHead
from dukao.audit.services import audit_verify


class Command(BaseCommand):
    help = "校验审计日志的 HMAC-SM3 链：报告被修改、插入或删除的事件，发现问题时以非零状态退出。"

    def handle(self, *args, **options):
        breaks = audit_verify()
        for found in breaks:
            self.stderr.write(str(found))
        if breaks:
            raise CommandError(f"审计日志链校验失败：{len(breaks)} 处问题（首个问题见上方第一行）。")
        head = ChainHead.objects.filter(pk=ChainHead.ID).first()
        seq, hmac = (head.seq, head.hmac) if head else (0, "")
        self.stdout.write(f"审计日志链完整：共 {seq} 条事件，链头校验值 {hmac or '（空）'}。")
