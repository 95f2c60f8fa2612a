"""Re-importing the seed without a row that has history: nothing is deleted or detached. The row is kept
marked 已撤销 with every record on it (or, when the office says so, the whole import is refused naming it); a
row nothing hangs on is deleted; importing a document that lists the row again restores it."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from dukao.assessment.facts import year_tasks
from dukao.audit.models import Event
from dukao.plans.models import Indicator, MissingRows, Plan, PlanKind, Task, TaskUnit
from dukao.plans.parsing.errors import DocumentError
from dukao.plans.services import plan_import
from dukao.progress import services as progress
from dukao.progress.models import CoordinationRequest, ProgressReport, ReportVersion
from dukao.supervision.models import SupervisionCase, TaskStatus
from dukao.supervision.services import case_open, status_recompute
from dukao.supervision.snapshot import bulletin_snapshot
from tests.paths import SEED
from tests.progress.factories import JUNE, submitted

#: Annex 1 row 4 (固定资产投资, led by 区发改经信局) and row 2 (服务业增加值), as the seed prints them.
ROW_4 = "4 | 固定资产投资 |"
ROW_2 = "2 | 服务业增加值 |"
JULY = date(2019, 7, 1)


def without(seed_bytes: bytes, *row_starts: str) -> bytes:
    """The seed with the annex 1 rows starting with ``row_starts`` left out (each occurs once)."""
    lines = seed_bytes.decode("utf-8").splitlines(keepends=True)
    for start in row_starts:
        assert sum(line.startswith(start) for line in lines) == 1
    return "".join(line for line in lines if not line.startswith(row_starts)).encode("utf-8")


@pytest.fixture
def row_4(work_report) -> Task:
    return work_report.tasks.get(seq="4")


@pytest.fixture
def history(row_4, lead_reporter, lead_head, inspector):
    """Row 4 with a signed-off June report, June statuses, an open 督办 case and a coordination request."""
    submitted(row_4, lead_reporter, lead_head, p0="60")
    status_recompute(period=JUNE, today=date(2019, 7, 10))
    case = case_open(unit=lead_reporter.unit, tasks=[row_4], trigger="严重滞后", user=inspector)
    request = progress.request_raise(task=row_4, user=lead_reporter, subject="土地指标", needed="请协调用地指标")
    return case, request


def records(task: Task) -> dict[str, int]:
    return {
        "reports": ProgressReport.objects.filter(task=task).count(),
        "versions": ReportVersion.objects.filter(report__task=task).count(),
        "statuses": TaskStatus.objects.filter(task=task).count(),
        "cases": SupervisionCase.objects.filter(tasks=task).count(),
        "requests": CoordinationRequest.objects.filter(task=task).count(),
        "units": TaskUnit.objects.filter(task=task).count(),
        "indicators": Indicator.objects.filter(task=task).count(),
    }


def test_a_row_with_history_left_out_is_kept_withdrawn_with_every_record(
    seed_bytes, row_4, history, client, supervisor
):
    case, request = history
    before = records(row_4)
    assert all(before.values())
    report = plan_import(content=without(seed_bytes, ROW_4), file_name=SEED.name)
    outcome = report.plans[0]
    assert outcome.state == "updated" and outcome.removed == []
    assert [w.seq for w in outcome.withdrawn] == ["4"]
    hanging = outcome.withdrawn[0].records
    for label in ("进展报告（1）", "任务状态（1）", "督办案件（1）", "协调事项（1）"):
        assert label in hanging
    assert "标记为已撤销" in report.render() and "序号4“固定资产投资”" in report.render()
    task = Task.objects.get(pk=row_4.pk)
    assert task.is_withdrawn and task.withdrawn_at is not None
    assert records(task) == before
    assert list(SupervisionCase.objects.get(pk=case.pk).tasks.all()) == [task]
    assert CoordinationRequest.objects.get(pk=request.pk).task_id == task.pk
    event = Event.objects.get(action="task.withdraw")
    assert event.object_id == str(task.pk) and "督办案件（1）" in event.summary
    client.force_login(supervisor)
    plan_page = client.get(reverse("plans:plan_detail", args=[task.plan_id]))
    assert plan_page.status_code == 200 and "已撤销" in plan_page.content.decode()
    task_page = client.get(reverse("plans:task_detail", args=[task.pk]))
    assert task_page.status_code == 200 and "不再接受填报" in task_page.content.decode()
    assert client.get(reverse("supervision:case_detail", args=[case.pk])).status_code == 200


def test_a_withdrawn_task_takes_no_report_no_new_status_no_bulletin_count_no_assessment(
    seed_bytes, row_4, history, lead_reporter
):
    plan_import(content=without(seed_bytes, ROW_4), file_name=SEED.name)
    task = Task.objects.get(pk=row_4.pk)
    with pytest.raises(ValueError, match="撤销"):
        progress.report_open(task=task, period=JULY, user=lead_reporter)
    status_recompute(period=JULY, today=date(2019, 8, 10))
    assert TaskStatus.objects.filter(task=task, period=JUNE).exists()  # history kept
    assert not TaskStatus.objects.filter(task=task, period=JULY).exists()  # not judged going forward
    june = TaskStatus.objects.filter(period=JUNE)
    bulletin = bulletin_snapshot(JUNE, "通报", "1号")
    assert sum(row["count"] for row in bulletin["totals"]) == june.count() - 1 == june.exclude(task=task).count()
    assert "固定资产投资" not in str(bulletin)
    assert task not in year_tasks(2019) and len(year_tasks(2019)) == 162


def test_a_row_nothing_hangs_on_is_deleted(seed, seed_bytes, work_report):
    report = plan_import(content=without(seed_bytes, ROW_2), file_name=SEED.name)
    assert report.plans[0].removed == ["2"] and report.plans[0].withdrawn == []
    assert not work_report.tasks.filter(seq="2").exists()
    assert not Event.objects.filter(action="task.withdraw").exists()


def test_importing_a_document_that_lists_the_row_again_restores_it(seed_bytes, row_4, history):
    plan_import(content=without(seed_bytes, ROW_4), file_name=SEED.name)
    before = records(Task.objects.get(pk=row_4.pk))
    report = plan_import(content=seed_bytes, file_name=SEED.name)
    assert report.plans[0].restored == ["4"] and report.plans[0].withdrawn == []
    task = Task.objects.get(pk=row_4.pk)
    assert not task.is_withdrawn and task.withdrawn_by is None
    assert records(task) == before
    assert Event.objects.filter(action="task.restore", object_id=str(task.pk)).exists()
    again = plan_import(content=without(seed_bytes, ROW_4), file_name=SEED.name)  # and withdrawn a second time
    assert [w.seq for w in again.plans[0].withdrawn] == ["4"]


def test_refusing_names_the_row_and_what_hangs_on_it_and_writes_nothing(seed_bytes, row_4, history):
    count = Task.objects.count()
    with pytest.raises(DocumentError) as refused:
        plan_import(content=without(seed_bytes, ROW_4, ROW_2), file_name=SEED.name, missing=MissingRows.REFUSE)
    row_2, row_4 = map(str, refused.value.problems)  # row 2 has June statuses, row 4 everything
    where = f"文件“{SEED.name}”分解表“2019年《政府工作报告》目标任务分解表”“序号”列："
    assert row_2.startswith(where) and row_4.startswith(where)
    assert "序号2“服务业增加值”不在本文件中，而该任务已有任务状态（1）；" in row_2
    assert "序号4“固定资产投资”不在本文件中" in row_4 and "督办案件（1）" in row_4 and "进展报告（1）" in row_4
    assert Task.objects.count() == count
    assert not Task.objects.filter(withdrawn_at__isnull=False).exists()


def test_the_preview_lists_each_withdrawn_row_with_its_records_and_writes_nothing(
    client, administrator, tmp_path, seed_bytes, row_4, history
):
    path = tmp_path / SEED.name
    path.write_bytes(without(seed_bytes, ROW_4))
    client.force_login(administrator)
    with open(path, "rb") as f:
        response = client.post(
            reverse("plans:plan_import"), {"file": f, "lead_rule": "first_listed", "missing": "withdraw"}
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "新版不再列出、已有记录的任务" in html and "固定资产投资" in html and "督办案件（1）" in html
    assert not Task.objects.get(pk=row_4.pk).is_withdrawn
    confirm = {"token": response.context["token"], "lead_rule": "first_listed", "missing": "withdraw"}
    done = client.post(reverse("plans:plan_import_confirm"), confirm)
    assert done.status_code == 200 and "导入报告" in done.content.decode()
    assert Task.objects.get(pk=row_4.pk).withdrawn_by == administrator


def test_the_office_refuses_through_the_page(client, administrator, tmp_path, seed_bytes, row_4, history):
    path = tmp_path / SEED.name
    path.write_bytes(without(seed_bytes, ROW_4))
    client.force_login(administrator)
    with open(path, "rb") as f:
        response = client.post(
            reverse("plans:plan_import"), {"file": f, "lead_rule": "first_listed", "missing": "refuse"}
        )
    html = response.content.decode()
    assert response.status_code == 200 and "导入失败，数据库未作任何修改" in html
    assert "序号4“固定资产投资”不在本文件中" in html and 'name="token"' not in html
    assert not Task.objects.get(pk=row_4.pk).is_withdrawn


def test_the_command_withdraws_by_default_and_refuses_with_the_flag(tmp_path, seed_bytes, row_4, history):
    path = tmp_path / SEED.name
    path.write_bytes(without(seed_bytes, ROW_4))
    with pytest.raises(CommandError) as refused:
        call_command("import_plan", str(path), "--missing-rows", "refuse", stdout=StringIO())
    assert "数据库未作任何修改" in str(refused.value) and "序号4“固定资产投资”不在本文件中" in str(refused.value)
    assert not Task.objects.get(pk=row_4.pk).is_withdrawn
    out = StringIO()
    call_command("import_plan", str(path), stdout=out)
    assert "序号4“固定资产投资”：" in out.getvalue() and Task.objects.get(pk=row_4.pk).is_withdrawn


def test_an_export_gives_the_current_version_without_withdrawn_rows(client, supervisor, seed_bytes, row_4, history):
    plan_import(content=without(seed_bytes, ROW_4), file_name=SEED.name)
    plan = Plan.objects.get(kind=PlanKind.WORK_REPORT)
    client.force_login(supervisor)
    exported = client.get(reverse("plans:plan_export", args=[plan.pk, "json"])).json()
    assert "4" not in [t["seq"] for t in exported["plans"][0]["tasks"]]
    assert len(exported["plans"][0]["tasks"]) == 147
