"""``dukao backup -o FILE``: the database and uploaded files in one archive with SHA-256 checksums."""

from pathlib import Path

from django.core.management.base import BaseCommand

from dukao.ops.backup import backup_write


class Command(BaseCommand):
    help = "备份数据库与上传文件（佐证材料、申诉材料）到一个归档文件，附 SHA-256 校验清单。"

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", type=Path, required=True, help="归档文件（.tar.gz）")

    def handle(self, *args, output: Path, **options):
        files = backup_write(path=output)
        self.stdout.write(f"已备份到 {output}：数据库 1 份、文件 {len(files) - 1} 个。")
