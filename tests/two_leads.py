"""The real seed with one task led by two units, as district documents often write it: 固定资产投资 (annex 1 row 4,
全年完成固定资产投资130亿元, verified by 区统计局) with its 牵头部门 "区发改经信局、区住房和城建局"."""

from decimal import Decimal

from dukao.plans.models import Plan, PlanKind, Task, TaskUnit, UnitRole
from dukao.plans.services import plan_import
from dukao.reviews.services import review_decide
from tests.paths import SEED

ROW_4 = "| 区发改经信局 | 区住房和城建局、区统计局、"
TWO_LEADS = "| 区发改经信局、区住房和城建局 | 区统计局、"


def seed_with_two_leads() -> Task:
    """Import the seed with annex 1 row 4 led by 区发改经信局 and 区住房和城建局; returns that task."""
    text = SEED.read_text(encoding="utf-8")
    assert text.count(ROW_4) == 1
    plan_import(content=text.replace(ROW_4, TWO_LEADS).encode(), file_name=SEED.name)
    task = Plan.objects.get(kind=PlanKind.WORK_REPORT).tasks.get(seq="4")
    leads = TaskUnit.objects.filter(task=task, role=UnitRole.LEAD).order_by("position")
    assert [link.unit.name for link in leads] == ["区发改经信局", "区住房和城建局"]
    return task


def verify(task: Task, version, reviewer, value: str) -> None:
    """``reviewer`` verifies ``value`` on the task's one indicator in ``version``."""
    review_decide(
        version=version, indicator=task.indicators.get(), user=reviewer, approve=True, verified_value=Decimal(value)
    )
