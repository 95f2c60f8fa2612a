"""``dukao synth --districts N --years Y [--months M] [--seed S]``: synthetic districts for scale tests."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dukao.synth.generator import synth_build


class Command(BaseCommand):
    help = "按种子分解表生成 N 个合成区县（计划、进度计划、月度报告、核定、协调事项、督办案件与状态），用于规模测试。"

    def add_arguments(self, parser):
        parser.add_argument("--districts", type=int, required=True, help="区县数：区 1，市 13，省 90")
        parser.add_argument("--years", type=int, default=1, help="年度数，自种子年度起")
        parser.add_argument("--months", type=int, default=12, help="每年填报的月数（1–12）")
        parser.add_argument("--seed", type=int, default=2019, help="随机种子：同一种子生成同样的数据")

    def handle(self, *args, districts: int, years: int, months: int, seed: int, **options):
        if districts < 1 or years < 1 or not 1 <= months <= 12:
            raise CommandError(_("区县数、年度数须为正整数，月数须在 1–12 之间。"))
        summary = synth_build(districts=districts, years=years, months=months, seed=seed)
        self.stdout.write("，".join(f"{name} {n}" for name, n in summary.items()))
