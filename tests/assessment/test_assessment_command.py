"""``dukao assessment``: the workflow from the command line on the demo data."""

from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from dukao.accounts.models import Role
from dukao.assessment import selectors, services
from dukao.assessment.models import Assessment
from tests.conftest import make_user


def test_run_show_and_export_from_the_command_line(demo, tmp_path):
    out = StringIO()
    call_command("assessment", "run", "--year", "2019", "--period", "2019-06", stdout=out)
    assessment = Assessment.objects.get()
    assert out.getvalue().startswith(f"考核 {assessment.pk}：2019年度目标任务考核，163 项任务")
    target = tmp_path / "考评.xlsx"
    call_command("assessment", "export", str(assessment.pk), "-o", str(target), stdout=StringIO())
    assert openpyxl.load_workbook(target).sheetnames[0] == "单位得分"
    call_command("assessment", "finalise", str(assessment.pk), stdout=(done := StringIO()))
    assessment.refresh_from_db()
    assert assessment.snapshot_sha256 in done.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--year", "2031"], "2031年没有已导入"),
        (["run", "--year", "2019", "--user", "reporter"], "只有区政府办公室"),
        (["run", "--year", "2019", "--user", "nobody"], "找不到账号"),
        (["finalise", "999"], "找不到编号为 999"),
        (["run", "--year", "2019", "--period", "2019-13"], "格式不正确"),
        (["open-appeals", "1", "--deadline", "abc"], "找不到编号为 1"),
    ],
)
def test_bad_requests_are_refused_in_chinese(demo, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("assessment", *args, stdout=StringIO())
    assert not Assessment.objects.exists()


def test_a_bad_deadline_or_an_unwritable_file_is_refused_in_chinese(demo, tmp_path):
    call_command("assessment", "run", "--year", "2019", stdout=StringIO())
    pk = str(Assessment.objects.get().pk)
    with pytest.raises(CommandError, match="格式不正确"):
        call_command("assessment", "open-appeals", pk, "--deadline", "2026-13-01", stdout=StringIO())
    with pytest.raises(CommandError, match="无法写入"):
        call_command("assessment", "export", pk, "-o", str(tmp_path / "missing" / "x.xlsx"), stdout=StringIO())


def test_appeals_are_listed_and_decided_from_the_command_line_and_the_year_finalised_the_same_day(demo, draft):
    veterans = make_user("veterans", Role.UNIT_HEAD, "区退役军人管理局")  # leads one task, nothing verified: at 0
    services.assessment_open_appeals(assessment=draft, user=demo["supervisor"], deadline=timezone.localdate())
    (_role, score), *_ = selectors.unit_task_scores(draft, veterans.unit_id)
    appeal = services.appeal_submit(assessment=draft, user=veterans, reason="已全面完成。", task=score.task)
    call_command("assessment", "appeals", str(draft.pk), stdout=(listed := StringIO()))
    assert f"{appeal.pk:>4} 待处理 区退役军人管理局" in listed.getvalue()
    args = ["decide", str(appeal.pk), "--accept", "--decision", "核实已完成", "--kind", "completion", "--value", "100"]
    call_command("assessment", *args, stdout=(decided := StringIO()))
    assert decided.getvalue().strip() == f"申诉 {appeal.pk} 已采纳：总分由0分变为95分（+95分）；任务基础分0→100"
    with pytest.raises(CommandError, match="该申诉已处理"):
        call_command("assessment", "decide", str(appeal.pk), "--reject", "--decision", "重复", stdout=StringIO())
    call_command("assessment", "finalise", str(draft.pk), stdout=StringIO())  # the window's last day: no waiting
    draft.refresh_from_db()
    assert draft.is_final and draft.unit_scores.get(unit=veterans.unit).score == 95
