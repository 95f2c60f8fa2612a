"""``dukao assessment``: the workflow from the command line on the demo data."""

from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from dukao.assessment.models import Assessment


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
