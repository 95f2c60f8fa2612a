"""A milestone judged node by node on the demo's 建设数字E谷 (annex 1 row 8), whose verified monthly reports name
the node reached: 主体结构施工 (Jan–Feb), 主体结构封顶 (Mar), 外立面施工 (Apr), 室内装修 (May; June still a draft, so
May is the month judged here)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from dukao.accounts.models import User
from dukao.progress.services import PointInput, schedule_decide, schedule_propose
from dukao.supervision import services
from dukao.supervision.models import TaskStatus
from dukao.supervision.rules import Status

MAY = date(2019, 5, 1)


@pytest.fixture
def demo(seed):
    call_command("demo_accounts", stdout=StringIO())
    call_command("demo_data", stdout=StringIO())
    return {u.username: u for u in User.objects.all()}


def approve_nodes(demo, task, nodes):
    indicator = task.indicators.get()
    points = [PointInput(indicator.pk, due, node=node) for due, node in nodes]
    revision = schedule_propose(task=task, user=demo["reporter"], points=points, reason="按施工合同分节点")
    schedule_decide(revision=revision, user=demo["supervisor"], approve=True)


def may_status(task):
    services.status_recompute(period=MAY, today=date(2019, 6, 30))
    return TaskStatus.objects.get(task=task, period=MAY)


def test_a_two_node_schedule_drafts_a_bulletin(demo, work_report, client):
    """The blocker: two dated nodes made the status rules raise, and the bulletin draft answered HTTP 500."""
    task = work_report.tasks.get(seq="8")
    approve_nodes(demo, task, [(date(2019, 3, 31), "主体结构封顶"), (date(2019, 12, 31), "竣工")])
    client.force_login(demo["supervisor"])
    response = client.post(reverse("supervision:bulletin_new"), {"period": "2019-05"})
    assert response.status_code == 302 and "/bulletins/" in response["Location"]
    status = TaskStatus.objects.get(task=task, period=MAY)
    assert status.status == Status.ON_TRACK
    assert "计划12月31日前竣工，尚未到期（已达成1/2个节点）" in status.reason


def test_a_node_reached_late_is_named_and_a_missed_node_decides(demo, work_report):
    task = work_report.tasks.get(seq="8")
    approve_nodes(
        demo,
        task,
        [
            (date(2019, 2, 28), "主体结构封顶"),  # reached in March (31 March): 31 days late
            (date(2019, 4, 15), "室内装修"),  # reached in May (31 May): 46 days late
            (date(2019, 4, 30), "竣工验收"),  # not reached: 31 days overdue at the end of May
            (date(2019, 12, 31), "交付使用"),
        ],
    )
    status = may_status(task)
    assert status.status == Status.SERIOUSLY_BEHIND
    assert "计划4月30日前竣工验收，已逾期31天未完成（已达成2/4个节点）" in status.reason
    assert "节点“室内装修”计划4月15日，5月31日达成，晚46天" in status.reason


def test_reaching_a_later_node_reaches_the_earlier_ones(demo, work_report):
    task = work_report.tasks.get(seq="8")
    approve_nodes(demo, task, [(date(2019, 3, 31), "基础验收"), (date(2019, 5, 31), "室内装修")])
    status = may_status(task)
    assert status.status == Status.COMPLETED  # every node of the approved schedule reached


def test_the_report_form_offers_the_scheduled_nodes(demo, work_report, client):
    task = work_report.tasks.get(seq="8")
    approve_nodes(demo, task, [(date(2019, 3, 31), "主体结构封顶"), (date(2019, 12, 31), "竣工")])
    client.force_login(demo["reporter"])
    page = client.get(reverse("progress:report_page", args=[task.pk, "2019-06"])).content.decode()
    assert '<option value="主体结构封顶">' in page and '<option value="竣工">' in page
