"""``dukao assessment run|recompute|open-appeals|finalise|export|show``: the assessment workflow from the command
line, acting as a named 区政府办公室 account (``--user``), each step through the same services as the pages."""

from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from dukao.accounts.models import User
from dukao.assessment import services
from dukao.assessment.exports import assessment_xlsx
from dukao.assessment.models import Assessment
from dukao.lib.periods import parse_period


class Command(BaseCommand):
    help = "年度考核：生成草稿、重新计算、开放申诉、定稿、导出综合考评表、查看排名。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="step", required=True)
        run = sub.add_parser("run", help="按当前数据生成考核草稿")
        run.add_argument("--year", type=int, required=True)
        run.add_argument("--period", help="截至报告期，如 2019-12（默认12月）")
        for name in ("recompute", "open-appeals", "finalise", "export", "show"):
            step = sub.add_parser(name)
            step.add_argument("assessment", type=int, help="考核编号")
            if name == "open-appeals":
                step.add_argument("--deadline", required=True, help="申诉截止日期，如 2020-01-15")
            if name == "export":
                step.add_argument("-o", "--output", type=Path, required=True)
        for step in sub.choices.values():
            step.add_argument("--user", default="", help="以该区政府办公室账号的名义操作")

    def handle(self, *args, step: str, user: str, **options):
        try:
            self._step(step, user, options)
        except (services.AssessmentError, PermissionDenied, ValueError) as exc:
            raise CommandError(str(exc)) from exc

    def _step(self, step: str, username: str, options: dict) -> None:
        if step == "run":
            period = parse_period(options["period"]) if options.get("period") else None
            a = services.assessment_run(year=options["year"], user=self._user(username), period=period)
            self.stdout.write(f"考核 {a.pk}：{a.title}，{a.task_scores.count()} 项任务、{a.unit_scores.count()} 个单位")
            return
        assessment = self._assessment(options["assessment"])
        if step == "recompute":
            services.assessment_recompute(assessment=assessment, user=self._user(username))
            self.stdout.write(f"考核 {assessment.pk} 已按当前数据重新计算")
        elif step == "open-appeals":
            deadline = _date(options["deadline"])
            services.assessment_open_appeals(assessment=assessment, user=self._user(username), deadline=deadline)
            self.stdout.write(f"考核 {assessment.pk} 已公布，申诉截止 {deadline:%Y-%m-%d}")
        elif step == "finalise":
            assessment = services.assessment_finalise(assessment=assessment, user=self._user(username))
            self.stdout.write(f"已定稿，快照 SHA-256 {assessment.snapshot_sha256}")
        elif step == "export":
            try:
                options["output"].write_bytes(assessment_xlsx(assessment))
            except OSError as exc:
                raise CommandError(f"无法写入“{options['output']}”：{exc.strerror}。") from exc
            self.stdout.write(f"已导出 → {options['output']}")
        else:
            for s in assessment.unit_scores.select_related("unit").order_by("rank", "unit__name"):
                self.stdout.write(f"{s.rank:>3} {s.unit.name} {s.score}")

    def _user(self, username: str) -> User:
        users = User.objects.filter(is_active=True)
        user = users.filter(username=username).first() if username else users.filter(role="supervisor").first()
        if user is None:
            raise CommandError(
                f"找不到账号“{username}”。" if username else "没有区政府办公室督查员账号，请用 --user 指定。"
            )
        return user

    def _assessment(self, pk: int) -> Assessment:
        try:
            return Assessment.objects.get(pk=pk)
        except Assessment.DoesNotExist as exc:
            raise CommandError(f"找不到编号为 {pk} 的考核。") from exc


def _date(text: str) -> date:
    """An ISO date from the command line; a malformed one is a Chinese ``CommandError``."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"日期“{text}”格式不正确，应为“年-月-日”，如 2020-01-15。") from exc
