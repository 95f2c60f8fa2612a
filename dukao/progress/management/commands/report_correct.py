"""``dukao report_correct REPORT --reason TEXT --user NAME``: reopen a verified report for a correction (更正) as
the reporting unit's head, through the same service as the report page; the unit then submits a new version, which
is verified again."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.accounts.commands import acting_user
from dukao.progress.models import ProgressReport
from dukao.progress.services import WorkflowError, report_correct


class Command(BaseCommand):
    help = "更正已核定的进展报告：由填报单位负责人说明理由后重新打开，修改后签发提交并重新核定。"

    def add_arguments(self, parser):
        parser.add_argument("report", type=int, help="报告编号")
        parser.add_argument("--reason", default="", help="更正理由（必填）")
        parser.add_argument("--user", required=True, help="以该填报单位负责人账号的名义操作")

    def handle(self, *args, report: int, reason: str, user: str, **options):
        found = ProgressReport.objects.select_related("task", "unit").filter(pk=report).first()
        if found is None:
            raise CommandError(_("找不到编号为 %(report)s 的报告。") % {"report": report})
        try:
            correction = report_correct(report=found, user=acting_user(user), reason=reason)
        except (PermissionDenied, ValueError, WorkflowError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{found}：第{correction.corrects.number}版已重新打开更正，待签发提交后重新核定。")
