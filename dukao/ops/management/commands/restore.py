"""``dukao restore FILE``: verify an archive's checksums, then replace the database and uploaded files with it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.ops.backup import ArchiveInvalid, backup_restore


class Command(BaseCommand):
    help = "校验备份归档的 SHA-256 后，用其内容替换数据库与上传文件。"

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="dukao backup 生成的归档文件")

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(_("文件“%(path)s”不存在。") % {"path": path})
        try:
            files = backup_restore(path=path)
        except ArchiveInvalid as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已从 {path} 恢复：数据库 1 份、文件 {len(files) - 1} 个，校验全部通过。")
