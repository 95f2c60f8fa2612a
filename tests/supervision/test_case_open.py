"""A case is opened on a unit for the tasks it answers for (lead or co-responsible) and are in force: another
unit's task or a task 已撤销 is refused with a Chinese message, and no case is opened."""

import pytest
from django.urls import reverse
from django.utils import timezone

from dukao.supervision import services
from dukao.supervision.models import SupervisionCase
from dukao.units.models import Unit


def _open(client, unit, task):
    data = {"unit": unit.pk, "tasks": [task.pk], "trigger": "严重滞后"}
    return client.post(reverse("supervision:case_open"), data, follow=True).content.decode()


def test_a_task_the_unit_does_not_lead_is_refused(client, work_report, inspector):
    task = work_report.tasks.get(seq="1")  # led by 区发改经信局
    client.force_login(inspector)
    page = _open(client, Unit.objects.get(name="区教育局"), task)
    assert "区教育局不是任务 1 的牵头单位或责任单位" in page and not SupervisionCase.objects.exists()


def test_a_withdrawn_task_is_refused(client, work_report, inspector):
    task = work_report.tasks.get(seq="1")
    task.withdrawn_at = timezone.now()
    task.save()
    client.force_login(inspector)
    page = _open(client, task.lead_links[0].unit, task)
    assert "任务 1 已撤销，不能立案督办" in page and not SupervisionCase.objects.exists()


def test_the_lead_unit_is_opened_a_case_on_its_task(work_report, inspector):
    task = work_report.tasks.get(seq="1")
    case = services.case_open(unit=task.lead_links[0].unit, tasks=[task], trigger="提醒", user=inspector)
    assert list(case.tasks.all()) == [task]


def test_the_service_refuses_the_same(work_report, inspector):
    task = work_report.tasks.get(seq="1")
    with pytest.raises(ValueError, match="牵头单位或责任单位"):
        services.case_open(unit=Unit.objects.get(name="区教育局"), tasks=[task], trigger="提醒", user=inspector)
