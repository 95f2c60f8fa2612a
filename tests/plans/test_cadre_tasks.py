"""cadre_tasks: what a principal, a district leader and a named 责任领导 answer for, in constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dukao.plans.cadres import cadres_import, task_cadres_assign
from dukao.plans.models import UnitRole
from dukao.plans.selectors import cadre_tasks, unit_tasks
from dukao.units.models import Cadre, Unit
from tests.paths import FIXTURES

REGISTER = FIXTURES / "registers" / "cadres.csv"


@pytest.fixture
def cadres(seed):
    cadres_import(content=REGISTER.read_bytes(), file_name=REGISTER.name)
    return {c.name: c for c in Cadre.objects.all()}


def seqs(tasks) -> set[tuple[str, str]]:
    return {(t.plan.kind, t.seq) for t in tasks}


def test_a_principal_answers_for_the_tasks_their_unit_leads(cadres):
    led = unit_tasks(Unit.objects.get(name="区发改经信局"), UnitRole.LEAD)
    assert seqs(cadre_tasks(cadres["张建国"])) == seqs(led) and ("work_report", "1") in seqs(led)


def test_a_district_leader_answers_for_the_units_in_charge_and_groups(cadres):
    zhao = cadres["赵志刚"]
    expected = set()
    for unit in zhao.units_in_charge.all():
        expected |= seqs(unit_tasks(unit, UnitRole.LEAD))
    assert seqs(cadre_tasks(zhao)) == expected
    assert ("work_report", "6") in expected  # 区人力社保局 leads 新增城镇就业人数
    assert ("work_report", "81") in expected  # 紫阳街道办事处, one of 各街道办事处


def test_named_tasks_are_added(cadres, work_report):
    li = cadres["李明"]  # 区商务局 leads row 3, not row 30
    task = work_report.tasks.get(seq="30")
    before = seqs(cadre_tasks(li))
    assert ("work_report", "30") not in before
    task_cadres_assign(task=task, cadres=[li])
    assert seqs(cadre_tasks(li)) == before | {("work_report", "30")}


def test_query_count_does_not_grow_with_the_number_of_tasks(cadres):
    def count(cadre: Cadre) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            tasks = list(cadre_tasks(cadre))
            for task in tasks:
                _ = [link.name for link in task.lead_links], list(task.responsible_cadres.all()), task.plan.title
        return len(tasks), len(queries)

    few, many = count(cadres["李明"]), count(cadres["陈立新"])
    assert few[0] < many[0] and few[1] == many[1]
