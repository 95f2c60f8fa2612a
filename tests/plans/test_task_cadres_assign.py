"""task_cadres_assign: a task's 责任领导, set by the plans' office, audited, and a no-op when unchanged."""

import pytest
from django.core.exceptions import PermissionDenied

from dukao.audit.models import Event
from dukao.plans.cadres import cadres_import, task_cadres_assign
from dukao.units.models import Cadre
from tests.paths import FIXTURES

REGISTER = FIXTURES / "registers" / "cadres.csv"


@pytest.fixture
def cadres(db):
    cadres_import(content=REGISTER.read_bytes(), file_name=REGISTER.name)
    return {c.name: c for c in Cadre.objects.all()}


def test_supervisor_assigns_and_the_event_names_the_leaders(work_report, cadres, supervisor):
    task = work_report.tasks.get(seq="1")
    assert task_cadres_assign(task=task, cadres=[cadres["陈立新"]], actor=supervisor)
    assert list(task.responsible_cadres.all()) == [cadres["陈立新"]]
    event = Event.objects.get(action="task.cadres.assign")
    assert event.actor == supervisor and event.after == {"cadres": ["陈立新（常务副区长）"]}
    assert not task_cadres_assign(task=task, cadres=[cadres["陈立新"]], actor=supervisor)
    assert Event.objects.filter(action="task.cadres.assign").count() == 1


def test_a_unit_may_not_choose_its_leaders(work_report, cadres, lead_head):
    with pytest.raises(PermissionDenied):
        task_cadres_assign(task=work_report.tasks.get(seq="1"), cadres=[cadres["张建国"]], actor=lead_head)
