"""``dukao assessment run|recompute|open-appeals|appeals|decide|finalise|export|report|show``: the assessment
workflow from the command line (``report`` issues the year-end report of a final assessment if it has none and
writes it, ``--format pdf|docx|html -o FILE``), acting as a named 区政府办公室 account (``--user``), each step
through the same services as the pages."""

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.accounts.commands import acting_user
from dukao.assessment import selectors, services
from dukao.assessment.exports import assessment_xlsx
from dukao.assessment.models import AdjustmentKind, Appeal, Assessment
from dukao.lib.periods import parse_period


class Command(BaseCommand):
    help = "年度考核：生成草稿、重新计算、开放申诉、列出与处理申诉、定稿、导出综合考评表、查看排名。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="step", required=True)
        run = sub.add_parser("run", help="按当前数据生成考核草稿")
        run.add_argument("--year", type=int, required=True)
        run.add_argument("--period", help="截至报告期，如 2019-12（默认12月）")
        decide = sub.add_parser("decide", help="处理一件申诉（采纳或不予采纳，可随之调整）")
        decide.add_argument("appeal", type=int, help="申诉编号（见 appeals 列表）")
        verdict = decide.add_mutually_exclusive_group(required=True)
        verdict.add_argument("--accept", action="store_true", help="采纳")
        verdict.add_argument("--reject", action="store_true", help="不予采纳")
        decide.add_argument("--decision", required=True, help="处理意见")
        decide.add_argument("--kind", choices=AdjustmentKind.values, help="随之调整的方式")
        decide.add_argument("--value", help="更正完成率按百分数（如 95），加减分填分值（如 -2）")
        for name in ("recompute", "open-appeals", "appeals", "finalise", "export", "report", "show"):
            step = sub.add_parser(name)
            step.add_argument("assessment", type=int, help="考核编号")
            if name == "open-appeals":
                step.add_argument("--deadline", required=True, help="申诉截止日期，如 2020-01-15")
            if name in ("export", "report"):
                step.add_argument("-o", "--output", type=Path, required=True)
            if name == "report":
                step.add_argument("--format", choices=["pdf", "docx", "html"], default="pdf")
        for step in sub.choices.values():
            step.add_argument("--user", default="", help="以该区政府办公室账号的名义操作")

    def handle(self, *args, step: str, user: str, **options):
        try:
            self._step(step, user, options)
        except (services.AssessmentError, PermissionDenied, ValueError) as exc:
            raise CommandError(str(exc)) from exc

    def _step(self, step: str, username: str, options: dict) -> None:
        if step == "decide":
            self._decide(username, options)
            return
        if step == "run":
            period = parse_period(options["period"]) if options.get("period") else None
            a = services.assessment_run(year=options["year"], user=acting_user(username), period=period)
            self.stdout.write(f"考核 {a.pk}：{a.title}，{a.task_scores.count()} 项任务、{a.unit_scores.count()} 个单位")
            return
        assessment = self._assessment(options["assessment"])
        if step == "recompute":
            services.assessment_recompute(assessment=assessment, user=acting_user(username))
            self.stdout.write(f"考核 {assessment.pk} 已按当前数据重新计算")
        elif step == "open-appeals":
            deadline = _date(options["deadline"])
            services.assessment_open_appeals(assessment=assessment, user=acting_user(username), deadline=deadline)
            self.stdout.write(f"考核 {assessment.pk} 已公布，申诉截止 {deadline:%Y-%m-%d}")
        elif step == "appeals":
            for a in assessment.appeals.select_related("unit", "task"):
                task = f"{a.task.seq} {a.task.name}" if a.task else "总体得分"
                said = a.effect or a.reason[:40]
                self.stdout.write(f"{a.pk:>4} {a.get_state_display()} {a.unit.name} · {task} · {said}")
        elif step == "finalise":
            assessment = services.assessment_finalise(assessment=assessment, user=acting_user(username))
            self.stdout.write(f"已定稿，快照 SHA-256 {assessment.snapshot_sha256}")
        elif step == "export":
            try:
                options["output"].write_bytes(assessment_xlsx(assessment))
            except OSError as exc:
                raise CommandError(
                    _("无法写入“%(path)s”：%(strerror)s。") % {"path": options["output"], "strerror": exc.strerror}
                ) from exc
            self.stdout.write(f"已导出 → {options['output']}")
        elif step == "report":
            self._report(assessment, username, options)
        else:
            for s in assessment.unit_scores.select_related("unit"):
                self.stdout.write(f"{s.rank or '—':>3} {s.unit.name} {s.score}")

    def _report(self, assessment: Assessment, username: str, options: dict) -> None:
        """Write the year-end report, issuing it first (as ``--user``) when the final assessment has none."""
        report = selectors.year_report(assessment) or services.year_report_issue(
            assessment=assessment, user=acting_user(username)
        )
        try:
            options["output"].write_bytes(services.year_report_render(report, options["format"]))
        except OSError as exc:
            raise CommandError(
                _("无法写入“%(path)s”：%(strerror)s。") % {"path": options["output"], "strerror": exc.strerror}
            ) from exc
        self.stdout.write(f"{report.document_number} {report.title} → {options['output']}")

    def _decide(self, username: str, options: dict) -> None:
        appeal = Appeal.objects.select_related("assessment", "task").filter(pk=options["appeal"]).first()
        if appeal is None:
            raise CommandError(_("找不到编号为 %(appeal)s 的申诉。") % {"appeal": options["appeal"]})
        change = None
        if options.get("kind"):
            value = _number(options["value"]) if options.get("value") else None
            if value is not None and options["kind"] == AdjustmentKind.COMPLETION:
                value = value / 100
            change = services.AdjustmentInput(options["kind"], options["decision"], appeal.task, value)
        appeal = services.appeal_decide(
            appeal=appeal,
            user=acting_user(username),
            accept=options["accept"],
            decision=options["decision"],
            change=change,
        )
        self.stdout.write(f"申诉 {appeal.pk} {appeal.get_state_display()}：{appeal.effect}")

    def _assessment(self, pk: int) -> Assessment:
        try:
            return Assessment.objects.get(pk=pk)
        except Assessment.DoesNotExist as exc:
            raise CommandError(_("找不到编号为 %(pk)s 的考核。") % {"pk": pk}) from exc


def _date(text: str) -> date:
    """An ISO date from the command line; a malformed one is a Chinese ``CommandError``."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(_("日期“%(text)s”格式不正确，应为“年-月-日”，如 2020-01-15。") % {"text": text}) from exc


def _number(text: str) -> Decimal:
    """A number from the command line; anything else is a Chinese ``CommandError``."""
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise CommandError(_("调整值“%(text)s”不是数字。") % {"text": text}) from exc
