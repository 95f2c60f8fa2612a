"""`dukao evidence_verify`: re-compute the SHA-256 of every stored evidence and appeal file."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.assessment.models import Appeal
from dukao.lib.files import stored_file_problems
from dukao.progress.models import Evidence


class Command(BaseCommand):
    help = "重新计算所有佐证材料与申诉材料文件的 SHA-256，报告缺失或被改动的文件；发现问题时以非零状态退出。"

    def handle(self, *args, **options):
        querysets = (Evidence.objects.order_by("pk"), Appeal.objects.exclude(file="").order_by("pk"))
        checked = problems = 0
        for queryset in querysets:
            checked += queryset.count()
            for problem in stored_file_problems(queryset.iterator()):
                problems += 1
                self.stderr.write(str(problem))
        if problems:
            raise CommandError(
                _("已校验 %(checked)s 个文件，%(problems)s 个有问题。") % {"checked": checked, "problems": problems}
            )
        self.stdout.write(f"已校验 {checked} 个文件，全部完整。")
