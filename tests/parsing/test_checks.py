"""Decomposition checks on the seed's task groups and on a group that does not add up."""

import pytest

from dukao.plans.parsing.checks import Row, check_decomposition, same_work
from dukao.plans.parsing.document import parse_document
from dukao.plans.parsing.indicators import parse_indicators
from dukao.plans.parsing.reader import read_lines
from tests.paths import SEED


def rows_of(plan) -> list[Row]:
    return [Row(t.seq, t.name, parse_indicators(t.requirement, t.name)) for t in plan.tasks]


@pytest.fixture(scope="module")
def seed_plans():
    return parse_document(read_lines(SEED.read_bytes(), SEED.name), SEED.name).plans


def test_seed_task_groups_add_up(seed_plans):
    for plan in seed_plans:
        assert check_decomposition(plan.title, rows_of(plan)) == []


def test_a_group_that_does_not_add_up_is_a_warning(seed_plans):
    work_report = seed_plans[0]
    rows = rows_of(work_report)
    rows = [r for r in rows if r.seq != "81"]  # drop 紫阳街道's 765 套
    (warning,) = check_decomposition(work_report.title, rows)
    assert "序号79、80同为“实现征迁1100户,清零项目11个,安置900套”" in warning
    assert "任务名称写明900套，各行合计135套" in warning


def test_named_items_count_toward_a_total(seed_plans):
    livelihood = seed_plans[1]
    rows = [r for r in rows_of(livelihood) if r.seq in {"8", "9"}]
    assert check_decomposition(livelihood.title, rows) == []
    assert "各行合计3座" in check_decomposition(livelihood.title, rows[1:] + [Row("8", rows[0].name, [])])[0]


def test_rows_of_two_plans_describing_the_same_work_are_paired(seed_plans):
    rows = [[(t.seq, t.requirement, t.lead_units) for t in plan.tasks] for plan in seed_plans]
    assert same_work(rows) == [((0, "97"), (1, "1")), ((0, "101"), (1, "8"))]


def test_same_requirement_under_another_lead_unit_is_not_the_same_work():
    rows = [
        [("1", "完成紫阳街道污水零直排区试点建设", ["区城管局"])],
        [("1", "完成紫阳街道污水零直排区试点建设", ["区住房和城建局"])],
    ]
    assert same_work(rows) == []
