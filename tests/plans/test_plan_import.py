"""plan_import on the real seed: counts, repairs, aliases, groups, idempotency, dry run."""

import pytest

from dukao.plans.models import Indicator, Plan, PlanKind, Task, TaskUnit, UnitRole
from dukao.plans.services import plan_import
from dukao.units.models import Unit, UnitAlias

REPAIRED_ROWS = ["12", "13", "20", "85", "104", "109", "130"]


def names(task: Task, role: str) -> list[str]:
    return [link.name for link in task.unit_links.filter(role=role).select_related("unit", "group")]


def task(plan: Plan, seq: str) -> Task:
    return plan.tasks.get(seq=seq)


def test_seed_gives_148_work_report_tasks_and_15_livelihood_projects(seed, work_report, livelihood):
    assert work_report.tasks.count() == 148
    assert livelihood.tasks.count() == 15
    assert [p.state for p in seed.plans] == ["created", "created"]


def test_notice_header_is_kept_on_each_plan(work_report, livelihood):
    for plan in (work_report, livelihood):
        assert plan.issuer == "杭州市上城区人民政府办公室"
        assert plan.issued_on.isoformat() == "2019-02-15"
        assert plan.disclosure == "此件可公开发布"
        assert plan.is_public
        assert plan.year == 2019
        assert plan.notice_body.startswith("为确保完成区十五届人大三次会议")
    assert work_report.title == "2019年《政府工作报告》目标任务分解表"
    assert livelihood.title == "2019年民生实事项目目标任务分解表"
    assert work_report.kind == PlanKind.WORK_REPORT and livelihood.kind == PlanKind.LIVELIHOOD


def test_target_type_legend_is_data_of_the_plan(work_report, livelihood):
    assert work_report.target_types == {"A": "责任目标", "B": "激励目标", "C": "争先创优目标"}
    assert livelihood.target_types == {}
    counts = {code: work_report.tasks.filter(target_type=code).count() for code in "ABC"}
    assert counts == {"A": 131, "B": 15, "C": 2}
    assert not livelihood.tasks.exclude(target_type="").exists()


@pytest.mark.parametrize("seq", REPAIRED_ROWS)
def test_type_in_cooperating_column_is_repaired_and_reported(seed, work_report, seq):
    repaired = task(work_report, seq)
    assert repaired.target_type in {"A", "B"}
    assert names(repaired, UnitRole.COOPERATING) == []
    assert any(f"序号{seq}（" in line for line in seed.repairs)


def test_exactly_the_seven_rows_are_repaired(seed):
    assert len(seed.repairs) == 7
    assert task(Plan.objects.get(kind=PlanKind.WORK_REPORT), "20").target_type == "B"


@pytest.mark.parametrize(
    ("plan_kind", "seq", "role", "written", "canonical"),
    [
        (PlanKind.WORK_REPORT, "103", UnitRole.COOPERATING, "区市场监督局", "区市场监管局"),
        (PlanKind.WORK_REPORT, "95", UnitRole.COOPERATING, "区文化和广电旅游体局", "区文化和广电旅游体育局"),
        (PlanKind.WORK_REPORT, "148", UnitRole.COOPERATING, "区文化和广电旅游体局", "区文化和广电旅游体育局"),
        (PlanKind.WORK_REPORT, "133", UnitRole.COOPERATING, "市生态资源局上城分局", "市生态环境局上城分局"),
        (PlanKind.LIVELIHOOD, "9", UnitRole.LEAD, "区文化和广电旅游局", "区文化和广电旅游体育局"),
    ],
)
def test_spelling_variants_resolve_to_canonical_units(seed, plan_kind, seq, role, written, canonical):
    row = task(Plan.objects.get(kind=plan_kind), seq)
    assert canonical in names(row, role)
    assert written not in names(row, role)
    assert row.unit_links.filter(written_as=written, unit__name=canonical).exists()
    assert any(f"“{written}”→“{canonical}”" in line for line in seed.aliases)


def test_no_variant_spelling_becomes_a_unit(seed):
    variants = ["区市场监督局", "区文化和广电旅游体局", "区文化和广电旅游局", "市生态资源局上城分局"]
    assert not Unit.objects.filter(name__in=variants).exists()
    assert seed.new_units == [] and seed.suspected_aliases == []


def test_street_offices_group_expands_to_the_six_of_row_33(work_report):
    link = task(work_report, "1").unit_links.get(group__name="各街道办事处")
    members = sorted(m.name for m in link.group.members.all())
    listed_in_row_33 = sorted(n for n in names(task(work_report, "33"), UnitRole.COOPERATING) if "街道" in n)
    assert members == listed_in_row_33
    assert len(members) == 6


def test_construction_hq_group_stays_one_entry(work_report):
    assert "各建设指挥部" in names(task(work_report, "4"), UnitRole.COOPERATING)
    assert "各建设指挥部" in names(task(work_report, "94"), UnitRole.COOPERATING)


def test_row_113_splits_on_the_half_width_comma(work_report):
    cooperating = names(task(work_report, "113"), UnitRole.COOPERATING)
    assert cooperating[-2:] == ["区市场监管局", "各街道办事处"]
    assert len(cooperating) == 6


def test_annex_2_rows_6_and_14_have_no_cooperating_unit(livelihood):
    assert names(task(livelihood, "6"), UnitRole.COOPERATING) == []
    assert names(task(livelihood, "14"), UnitRole.COOPERATING) == []
    assert names(task(livelihood, "14"), UnitRole.LEAD) == ["望江指挥部"]


def test_requirement_is_kept_verbatim(work_report):
    assert task(work_report, "101").requirement.count("富春江路公厕 、棚桥公厕") == 1
    assert task(work_report, "1").requirement == "增长5.5%(市下达指标)"


def test_every_task_has_a_lead_unit_and_an_indicator(seed):
    assert not Task.objects.exclude(unit_links__role=UnitRole.LEAD).exists()
    assert not Task.objects.filter(indicators__isnull=True).exists()


def snapshot():
    return (
        list(Plan.objects.values_list("title", "content_sha256", "updated_at")),
        list(Task.objects.order_by("pk").values_list("pk", "seq", "name", "requirement", "target_type", "updated_at")),
        list(TaskUnit.objects.order_by("pk").values_list("task_id", "role", "unit_id", "group_id")),
        Indicator.objects.count(),
        Unit.objects.count(),
        UnitAlias.objects.count(),
    )


def test_reimport_changes_nothing_and_says_so(seed, seed_bytes):
    before = snapshot()
    again = plan_import(content=seed_bytes, file_name="seed.txt")
    assert [p.state for p in again.plans] == ["unchanged", "unchanged"]
    assert "未作任何修改" in again.render()
    assert snapshot() == before


def test_dry_run_writes_nothing_on_an_empty_database(db, seed_bytes):
    units_before = Unit.objects.count()
    report = plan_import(content=seed_bytes, file_name="seed.txt", dry_run=True)
    assert [p.task_count for p in report.plans] == [148, 15]
    assert [p.state for p in report.plans] == ["created", "created"]
    assert "预检模式" in report.render()
    assert Plan.objects.count() == 0 and Task.objects.count() == 0
    assert Unit.objects.count() == units_before


def test_changed_row_updates_the_task_in_place(seed, seed_bytes, work_report):
    original = task(work_report, "6")
    edited = seed_bytes.decode().replace("| 11000人 |", "| 12000人 |").encode()
    report = plan_import(content=edited, file_name="seed-edited.txt")
    assert [p.state for p in report.plans] == ["updated", "unchanged"]
    assert report.plans[0].changed == ["6"]
    updated = task(work_report, "6")
    assert updated.pk == original.pk and updated.requirement == "12000人"


def test_a_changed_row_rewrites_that_task_alone(seed, seed_bytes, work_report):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    edited = seed_bytes.decode().replace("| 11000人 |", "| 12000人 |").encode()
    positions = dict(work_report.tasks.values_list("seq", "position"))
    with CaptureQueriesContext(connection) as queries:
        plan_import(content=edited, file_name="seed-edited.txt")
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "plans_task"')]
    assert len(updates) == 1 and updates[0].endswith(f'WHERE "plans_task"."id" IN ({task(work_report, "6").pk})')
    assert dict(work_report.tasks.values_list("seq", "position")) == positions


def test_report_names_counts_and_types(seed):
    text = seed.render()
    assert "《2019年《政府工作报告》目标任务分解表》：新建，共 148 项任务（A类 131 项，B类 15 项，C类 2 项）" in text
    assert "《2019年民生实事项目目标任务分解表》：新建，共 15 项任务" in text
    assert "修复：7 条" in text


def test_rows_of_both_plans_describing_the_same_work_are_linked(seed, work_report, livelihood):
    assert list(task(livelihood, "1").same_work.all()) == [task(work_report, "97")]
    assert list(task(work_report, "101").same_work.all()) == [task(livelihood, "8")]
    assert len(seed.links) == 2


def test_seed_task_groups_add_up_so_the_report_has_no_warning(seed):
    assert seed.warnings == []


def test_an_absurd_number_is_flagged_not_fatal(db):
    content = (
        "2020年目标任务分解表\n序号 | 任务名称 | 指标要求 | 牵头部门 |\n1 | 招商 | 完成招商引资1e30亿元 | 区投促局 |\n"
    )
    content = content.replace("1e30", "9" * 30)
    plan_import(content=content.encode(), file_name="big.txt")
    indicator = Indicator.objects.get(task__seq="1")
    assert indicator.target is None and indicator.needs_confirmation


def test_each_created_plan_is_in_the_audit_trail_and_an_unchanged_reimport_adds_nothing(seed, seed_bytes):
    from dukao.audit.models import Event

    assert list(Event.objects.values_list("action", "actor_name")) == [("plan.import.created", "system")] * 2
    plan_import(content=seed_bytes, file_name="seed.txt")
    assert Event.objects.count() == 2
