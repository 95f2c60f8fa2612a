"""`dukao audit_verify`: re-compute the audit trail's hash chain and report where it breaks, comparing its end
with the last checkpoint written outside the database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.audit.checkpoint import checkpoint_read
from dukao.audit.models import ChainHead
from dukao.audit.services import audit_verify


class Command(BaseCommand):
    help = (
        "校验审计日志的 HMAC-SM3 链：报告被修改、插入或删除（含链尾被截断）的事件，发现问题时以非零状态退出。"
        "链尾与库外检查点（DUKAO_AUDIT_CHECKPOINT 或 --checkpoint 指定的文件）比对。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoint", type=Path, help="含链头检查点的文件（如日志服务器上收集的 syslog），默认为配置的文件"
        )

    def handle(self, *args, checkpoint: Path | None = None, **options):
        if checkpoint is not None and not checkpoint.is_file():
            raise CommandError(_("检查点文件“%(checkpoint)s”不存在。") % {"checkpoint": checkpoint})
        breaks = audit_verify(checkpoint)
        for found in breaks:
            self.stderr.write(str(found))
        if breaks:
            raise CommandError(
                _("审计日志链校验失败：%(count)s 处问题（首个问题见上方第一行）。") % {"count": len(breaks)}
            )
        head = ChainHead.objects.filter(pk=ChainHead.ID).first()
        seq, hmac = (head.seq, head.hmac) if head else (0, "")
        self.stdout.write(f"审计日志链完整：共 {seq} 条事件，链头校验值 {hmac or '（空）'}。")
        outside = checkpoint_read(checkpoint)
        if outside is None:
            self.stdout.write("未读到库外检查点：无法发现链尾连同链头一起被删除的事件（见 DUKAO_AUDIT_CHECKPOINT）。")
        else:
            self.stdout.write(f"库外检查点记录到第 {outside[0]} 号，与链一致。")
