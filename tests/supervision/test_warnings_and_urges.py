"""Early warning through the database: lights stored with their reason, shown on the 督查台账, the task page, the
工作台 and the dashboard, told once per change (``dukao warnings_send``); 一键催办 from the 督查台账 and the
command line, seen on the unit's 工作台 and counted by the assessment when its rule is set."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from dukao.accounts.models import Role
from dukao.assessment.facts import urges_received
from dukao.assessment.services import assessment_run
from dukao.audit.models import Event as AuditEvent
from dukao.notices.models import Notice, NoticeKind
from dukao.plans.models import PlanKind, Task
from dukao.progress.models import ScheduleState
from dukao.progress.services import schedule_decide, schedule_generate_default
from dukao.supervision.early_warnings import warnings_refresh, warnings_send
from dukao.supervision.models import TaskWarning, Urge
from dukao.supervision.urges import UrgeError, urge_send
from dukao.units.models import Cadre, CadreRole, Unit
from tests.conftest import make_user
from tests.dashboard.conftest import SEPTEMBER, statuses_for

YEAR_END_WEEK = date(2019, 12, 28)


@pytest.fixture
def schedules(seed, supervisor):
    """The work report's tasks on their approved default schedules (as in the demo): quarterly checkpoints, so a
    task with nothing verified misses its first one; the livelihood projects keep the year end as their node."""
    for task in Task.objects.filter(plan__kind=PlanKind.WORK_REPORT):
        revision = schedule_generate_default(task=task, actor=supervisor)
        if revision is not None and revision.state == ScheduleState.PROPOSED:
            schedule_decide(revision=revision, user=supervisor, approve=True, note="同意")


@pytest.fixture
def people(schedules, lead_reporter, lead_head):
    """区发改经信局's reporter and head, and its 分管领导 李明 (a cadre of 区政府办公室) with an account."""
    leader = make_user("liming", Role.SUPERVISOR, "区政府办公室", last_name="李", first_name="明")
    cadre = Cadre.objects.create(name="李明", post="副区长", unit=leader.unit, role=CadreRole.IN_CHARGE)
    cadre.units_in_charge.add(Unit.objects.get(name="区发改经信局"))
    return {"reporter": lead_reporter, "head": lead_head, "leader": leader}


def _task(seq: str) -> Task:
    return Task.objects.get(plan__kind=PlanKind.WORK_REPORT, seq=seq)


def test_the_lights_are_stored_with_their_reason_and_yellow_and_red_both_occur(schedules):
    counts = warnings_refresh(today=YEAR_END_WEEK)
    assert counts["yellow"] > 0 and counts["red"] > 0 and sum(counts.values()) == Task.objects.in_force().count()
    red = TaskWarning.objects.filter(light="red").first()
    assert "已逾期" in red.reason and red.due < YEAR_END_WEEK and red.since == red.as_of == YEAR_END_WEEK
    yellow = TaskWarning.objects.filter(light="yellow").first()
    assert "尚未达成" in yellow.reason and YEAR_END_WEEK <= yellow.due


def test_each_new_light_is_told_once_to_the_unit_or_its_head_and_leader(people, django_capture_on_commit_callbacks):
    warnings_send(today=date(2019, 12, 1))
    before = Notice.objects.filter(kind=NoticeKind.WARNING).count()
    counts = warnings_send(today=YEAR_END_WEEK)  # year-end nodes now within 7 days: new yellow lights
    assert counts["told"] > 0
    notices = Notice.objects.filter(kind=NoticeKind.WARNING)
    yellow = notices.filter(title__contains="区发改经信局", title__endswith="即将逾期（黄灯）")
    assert {n.recipient for n in yellow} == {people["reporter"], people["head"]}
    red = notices.filter(title__contains="区发改经信局", title__endswith="已逾期（红灯）")
    assert {n.recipient for n in red} == {people["head"], people["leader"]}  # the head and the 分管领导, not reporters
    assert "分管领导：李明" in red.first().body and "计划" in red.first().body
    told = notices.count()
    assert told > before
    assert warnings_send(today=YEAR_END_WEEK)["told"] == 0  # a rerun tells nothing again
    assert notices.count() == told
    assert AuditEvent.objects.filter(action="warning.send").count() == 3


def test_warnings_send_runs_now_or_queues_and_refuses_a_bad_date(seed):
    out = StringIO()
    call_command("warnings_send", "--date", "2019-12-28", "--now", stdout=out)
    assert "红灯" in out.getvalue() and "新通知" in out.getvalue()
    queued = StringIO()
    call_command("warnings_send", "--date", "2019-12-28", stdout=queued)
    assert "已排队" in queued.getvalue()
    with pytest.raises(CommandError, match="格式不正确"):
        call_command("warnings_send", "--date", "2019-13-01")


def test_the_lights_show_on_the_ledger_the_task_page_the_desk_and_the_dashboard(client, people, supervisor, inspector):
    statuses_for(list(Task.objects.order_by("plan__kind", "position")), SEPTEMBER)
    warnings_refresh(today=YEAR_END_WEEK)
    warning = TaskWarning.objects.select_related("task").filter(light="red").first()
    reds = TaskWarning.objects.filter(light="red").count()
    client.force_login(supervisor)
    ledger = client.get(reverse("supervision:status_overview"), {"period": "2019-09"}).content.decode()
    assert f'<li class="light red"><strong>{reds}</strong> 已逾期</li>' in ledger
    assert warning.reason in ledger and '<span class="light yellow"' in ledger
    page = client.get(reverse("plans:task_detail", args=[warning.task_id])).content.decode()
    assert f'<span class="light red">已逾期</span> {warning.reason}' in page
    client.force_login(inspector)
    dashboard = client.get(reverse("dashboard:index"), {"period": "2019-09"}).content.decode()
    assert f'<li class="light red"><strong>{reds}</strong> 已逾期</li>' in dashboard
    client.force_login(people["head"])
    desk = client.get(reverse("desk:home")).content.decode()
    own = TaskWarning.objects.filter(task__unit_links__unit__name="区发改经信局", task__unit_links__role="lead").first()
    assert own.reason in desk


def test_urge_send_records_one_urge_per_lead_unit_and_tells_its_people(people, supervisor):
    tasks = [_task("1"), _task("4")]
    urges = urge_send(user=supervisor, tasks=tasks, message="请加快进度。")
    fgj = next(u for u in urges if u.unit.name == "区发改经信局")
    assert set(fgj.tasks.all()) == set(tasks) and fgj.year == 2019 and fgj.message == "请加快进度。"
    notice = Notice.objects.get(kind=NoticeKind.URGE, recipient=people["reporter"])
    assert "请加快进度。" in notice.body and notice.url.endswith("#urges")
    assert AuditEvent.objects.filter(action="urge.send").count() == len(urges)
    assert urges_received(2019)[fgj.unit_id] == 1
    with pytest.raises(PermissionDenied):
        urge_send(user=people["head"], tasks=tasks)
    with pytest.raises(UrgeError, match="请至少选择一项任务"):
        urge_send(user=supervisor, tasks=[])
    with pytest.raises(UrgeError, match="不能超过500字"):
        urge_send(user=supervisor, tasks=tasks, message="催" * 501)


def test_urging_from_the_filtered_ledger_ticked_tasks_or_all_listed_units(client, people, supervisor):
    statuses_for(list(Task.objects.order_by("plan__kind", "position")), SEPTEMBER)
    client.force_login(supervisor)
    url = reverse("supervision:urge_send") + "?period=2019-09&status=behind"
    ticked = _task("4")
    listed = ticked.statuses.get(period=SEPTEMBER).status == "behind"
    response = client.post(url, {"scope": "selected", "task": [ticked.pk], "message": ""}, follow=True)
    assert response.redirect_chain[-1][0].endswith("?period=2019-09&status=behind")
    assert Urge.objects.filter(tasks=ticked).exists() == listed  # a task outside the filtered list is not urged
    Urge.objects.all().delete()
    response = client.post(url, {"scope": "all", "message": "本月请加快"}, follow=True)
    behind = Task.objects.filter(statuses__period=SEPTEMBER, statuses__status="behind")
    assert set(Task.objects.filter(urges__isnull=False)) == set(behind)
    assert "已向" in response.content.decode()
    nothing = client.post(url, {"scope": "selected"}, follow=True).content.decode()
    assert "请至少选择一项任务。" in nothing
    client.force_login(people["head"])
    assert client.post(url, {"scope": "all"}).status_code == 403
    desk = client.get(reverse("desk:home")).content.decode()
    assert 'id="urges"' in desk and "本月请加快" in desk


def test_dukao_urge_by_task_or_by_unit(people, supervisor):
    out = StringIO()
    call_command("urge", "--task", str(_task("1").pk), "--message", "请报送", stdout=out)
    assert "已催办 区发改经信局" in out.getvalue()
    call_command("urge", "--unit", "区发改经信局", "--year", "2019", stdout=StringIO())
    urge = Urge.objects.filter(unit__name="区发改经信局").first()
    assert urge.tasks.count() > 1 and urge.message.startswith("请对照目标任务")
    with pytest.raises(CommandError, match="找不到单位"):
        call_command("urge", "--unit", "区不存在局")
    with pytest.raises(CommandError, match="请用 --task"):
        call_command("urge")


@pytest.mark.parametrize(
    ("rules", "deducted"), [({}, None), ({"urge_deduction": "0.5"}, "收到催办2次，每次扣0.5分，扣1分")]
)
def test_the_assessment_counts_the_urges_only_when_its_rule_is_set(people, supervisor, settings, rules, deducted):
    settings.DUKAO_ASSESSMENT_RULES = rules
    urge_send(user=supervisor, tasks=[_task("1")])
    urge_send(user=supervisor, tasks=[_task("4")])
    unit = assessment_run(year=2019, user=supervisor).unit_scores.get(unit__name="区发改经信局")
    lines = [line for line in unit.explanation if "催办" in line]
    assert lines == ([deducted] if deducted else [])
