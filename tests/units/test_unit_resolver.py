"""Resolving the unit names an import meets: registry, aliases, groups, suspected aliases."""

from dukao.plans.models import TaskUnit
from dukao.plans.services import plan_import
from dukao.units.models import AliasState, Unit, UnitAlias, UnitGroup
from dukao.units.services import UnitResolver, alias_confirm, alias_reject

TABLE = """附件1 |
2020年目标任务分解表
序号 | 任务名称 | 指标要求 | 牵头部门 | 配合部门 |
1 | 任务甲 | 完成 | {lead} | {cooperating} |
"""


def import_table(lead: str, cooperating: str = ""):
    content = TABLE.format(lead=lead, cooperating=cooperating).encode()
    return plan_import(content=content, file_name="t.txt")


def test_registry_holds_every_seed_unit_and_the_two_offices_outside_the_tables(db):
    assert Unit.objects.count() == 61
    assert Unit.objects.filter(name__in=["区委办公室", "区纪委(区监委)"]).count() == 2
    assert UnitGroup.objects.get(name="各街道办事处").members.count() == 6


def test_width_and_spacing_of_brackets_do_not_matter(db):
    resolver = UnitResolver.load()
    assert resolver.resolve("区纪委（区监委）").unit.name == "区纪委(区监委)"
    assert resolver.resolve(" 区财政局 ").unit.name == "区财政局"


def test_a_near_name_is_created_apart_and_reported_as_a_suspected_alias(db):
    report = import_table("区住房和城健局")
    assert report.new_units == ["区住房和城健局"]
    assert report.suspected_aliases == ["“区住房和城健局”与已有单位“区住房和城建局”相近"]
    alias = UnitAlias.objects.get(name="区住房和城健局")
    assert alias.state == AliasState.SUSPECTED and alias.unit.name == "区住房和城建局"
    assert Unit.objects.get(name="区住房和城健局").needs_review


def test_a_far_name_is_a_new_unit_without_suspicion(db):
    report = import_table("区国防动员办公室")
    assert report.new_units == ["区国防动员办公室"] and report.suspected_aliases == []


def test_confirming_a_suspected_alias_moves_the_tasks_to_the_canonical_unit(db):
    import_table("区住房和城健局")
    canonical = alias_confirm(alias=UnitAlias.objects.get(name="区住房和城健局"))
    assert canonical.name == "区住房和城建局"
    assert not Unit.objects.filter(name="区住房和城健局").exists()
    assert TaskUnit.objects.get(task__name="任务甲").unit == canonical
    again = import_table("区住房和城健局")
    assert again.new_units == [] and again.aliases == ["“2020年目标任务分解表”序号1：“区住房和城健局”→“区住房和城建局”"]


def test_rejecting_a_suspected_alias_keeps_the_unit(db):
    import_table("区住房和城健局")
    alias_reject(alias=UnitAlias.objects.get(name="区住房和城健局"))
    assert not Unit.objects.get(name="区住房和城健局").needs_review
    assert UnitAlias.objects.get(name="区住房和城健局").state == AliasState.REJECTED
