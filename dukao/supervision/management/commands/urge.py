"""``dukao urge (--task ID … | --unit NAME …) [--year 2019] [--message TEXT] [--user NAME]``: 一键催办 from the
command line, through the same service as the 督查台账: the lead units of the tasks named, or every task of the
year a named unit leads, acting as a 区政府办公室 account (default: the first active 督查员)."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max
from django.utils.translation import gettext as _

from dukao.accounts.commands import acting_user
from dukao.plans.models import Plan, Task, UnitRole
from dukao.plans.selectors import unit_task_ids
from dukao.supervision.urges import UrgeError, urge_send
from dukao.units.models import Unit


class Command(BaseCommand):
    help = "一键催办：向所列任务（或所列单位牵头的任务）的牵头单位发送催办，并记入年终考核。"

    def add_arguments(self, parser):
        parser.add_argument("--task", type=int, action="append", default=[], help="任务编号（可重复）")
        parser.add_argument("--unit", action="append", default=[], help="单位名称：催办其牵头的全部任务（可重复）")
        parser.add_argument("--year", type=int, help="--unit 时的年度（默认最近的分解表年度）")
        parser.add_argument("--message", default="", help="催办内容（默认：请对照目标任务和时间节点……）")
        parser.add_argument("--user", default="", help="以该区政府办公室账号的名义操作")

    def handle(self, *args, task: list[int], unit: list[str], year: int | None, message: str, user: str, **options):
        if not task and not unit:
            raise CommandError(_("请用 --task 指定任务，或用 --unit 指定单位。"))
        found = list(Task.objects.in_force().filter(pk__in=task).select_related("plan"))
        missing = set(task) - {t.pk for t in found}
        if missing:
            raise CommandError(_("找不到任务：%(ids)s。") % {"ids": "、".join(str(pk) for pk in sorted(missing))})
        year = year or Plan.objects.aggregate(year=Max("year"))["year"]
        for name in unit:
            own = Unit.objects.filter(name=name).first()
            if own is None:
                raise CommandError(_("找不到单位“%(name)s”。") % {"name": name})
            led = Task.objects.in_force().filter(pk__in=unit_task_ids(own.pk, UnitRole.LEAD), plan__year=year)
            found += [t for t in led.select_related("plan").order_by("plan", "position") if t not in found]
        try:
            urges = urge_send(user=acting_user(user), tasks=found, message=message)
        except (PermissionDenied, UrgeError) as exc:
            raise CommandError(str(exc)) from exc
        for urge in urges:
            self.stdout.write(f"已催办 {urge.unit}：{urge.tasks.count()} 项任务")
