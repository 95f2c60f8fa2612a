"""``dukao case_document issue CASE --kind reminder|talk|order --user NAME [--due 2019-07-25] [--demand …]
[--arrangement …]``: issue a 提示函, 约谈通知 or 督办单 on a case, as a named 区纪委(区监委) account, through the same
service as the case page; ``dukao case_document write DOCUMENT --format html|docx|pdf -o FILE`` writes an issued
one as it was issued."""

from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.accounts.commands import acting_user
from dukao.supervision.models import LETTER_KINDS, CaseDocument, SupervisionCase
from dukao.supervision.services import case_document_issue, case_document_render


class Command(BaseCommand):
    help = "督办文书：按案件事实印发提示函、约谈通知或督办单，或输出已印发的文书。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="step", required=True)
        issue = sub.add_parser("issue", help="印发督办文书")
        issue.add_argument("case", type=int, help="案件编号")
        issue.add_argument(
            "--kind", choices=list(LETTER_KINDS), required=True, help="reminder 提示函、talk 约谈通知、order 督办单"
        )
        issue.add_argument("--user", required=True, help="以该区纪委(区监委)账号的名义印发")
        issue.add_argument("--due", help="反馈或整改期限，如 2019-07-25（默认案件的整改期限）")
        issue.add_argument("--demand", default="", help="要求（默认按文书类型的表述）")
        issue.add_argument("--arrangement", default="", help="约谈的时间和地点（约谈通知必填）")
        write = sub.add_parser("write", help="输出已印发的督办文书")
        write.add_argument("document", type=int, help="文书编号")
        write.add_argument("--format", choices=["html", "docx", "pdf"], default="pdf")
        write.add_argument("-o", "--output", type=Path, required=True)

    def handle(self, *args, step: str, **options):
        if step == "issue":
            self._issue(options)
        else:
            self._write(options)

    def _issue(self, options: dict) -> None:
        case = SupervisionCase.objects.filter(pk=options["case"]).first()
        if case is None:
            raise CommandError(_("找不到案件 %(case)s。") % {"case": options["case"]})
        try:
            due_on = date.fromisoformat(options["due"]) if options["due"] else None
            document = case_document_issue(
                case=case,
                kind=options["kind"],
                user=acting_user(options["user"]),
                due_on=due_on,
                demand=options["demand"],
                arrangement=options["arrangement"],
            )
        except (ValueError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"文书 {document.pk}：{document.document_number} {document.title}")

    def _write(self, options: dict) -> None:
        document = CaseDocument.objects.filter(pk=options["document"]).first()
        if document is None:
            raise CommandError(_("找不到督办文书 %(document)s。") % {"document": options["document"]})
        try:
            options["output"].write_bytes(case_document_render(document, options["format"]))
        except OSError as exc:
            raise CommandError(
                _("无法写入“%(path)s”：%(strerror)s。") % {"path": options["output"], "strerror": exc.strerror}
            ) from exc
        self.stderr.write(f"{document.document_number} {document.title} → {options['output']}")
