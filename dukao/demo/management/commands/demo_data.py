"""``dukao demo_data``: a first half-year of demo reports (for ``make demo``; never in production)."""

from django.core.management.base import BaseCommand

from dukao.demo.services import demo_data_ensure


class Command(BaseCommand):
    help = "为演示账号生成2019年上半年的进展填报、核定和协调事项演示数据（标注【演示数据】）。重复运行不会重复生成。"

    def handle(self, *args, **options):
        made = demo_data_ensure()
        if made:
            self.stdout.write(f"已生成演示数据：{made} 份进展报告、2 件协调事项；全部进度计划已按默认方案批准。")
        else:
            self.stdout.write("演示数据已存在（或尚未导入种子分解表），未作修改。")
