"""`dukao import_plan`: reports on success; on bad input a Chinese error naming file, row and column,
a non-zero exit status, and the database unchanged."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dukao.plans.models import Plan, Task
from dukao.units.models import Unit
from tests.paths import SEED

HEADER = "序号 | 任务名称 | 指标要求 | 牵头部门 | 配合部门 | 目标类型 |"
LEGEND = "(注:A类指责任目标;B类指激励目标;C类指争先创优目标)"


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_plan", *map(str, args), stdout=out)
    return out.getvalue()


def table(tmp_path, *rows, name="bad.txt", header=HEADER):
    path = tmp_path / name
    lines = ["附件1 |", "2020年目标任务分解表", LEGEND, header, *rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def state():
    return Plan.objects.count(), Task.objects.count(), Unit.objects.count()


def test_seed_import_prints_the_report(db):
    out = run(SEED)
    assert "共 148 项任务" in out and "共 15 项任务" in out
    assert Plan.objects.count() == 2


def test_dry_run_prints_the_report_and_writes_nothing(db):
    before = state()
    out = run(SEED, "--dry-run")
    assert "预检模式" in out
    assert state() == before


@pytest.fixture
def loaded(db):
    run(SEED)
    return state()


def refused(path) -> str:
    with pytest.raises(CommandError) as failure:
        run(path)
    return str(failure.value)


def test_an_empty_file_is_refused(loaded, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    message = refused(path)
    assert "文件“empty.txt”" in message and "文件为空" in message
    assert state() == loaded


def test_a_file_that_is_not_a_decomposition_table_is_refused(loaded, tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("关于召开会议的通知\n请各单位准时参加。\n", encoding="utf-8")
    message = refused(path)
    assert "文件“letter.txt”" in message and "没有找到目标任务分解表" in message
    assert state() == loaded


def test_a_table_without_a_lead_column_is_refused_naming_the_header_row(loaded, tmp_path):
    path = table(tmp_path, "1 | 测试任务 | 完成 | 区财政局 |", header="序号 | 任务名称 | 指标要求 | 配合部门 |")
    message = refused(path)
    assert "文件“bad.txt”第4行“牵头部门”列" in message and "表头缺少“牵头部门”" in message
    assert state() == loaded


def test_an_unknown_type_code_is_refused_naming_row_and_column(loaded, tmp_path):
    path = table(tmp_path, "1 | 任务甲 | 完成 | 区财政局 | 区统计局 | A类 |", "2 | 任务乙 | 完成 | 区财政局 | | D类 |")
    message = refused(path)
    assert "文件“bad.txt”第6行“目标类型”列" in message and "“D类”无法识别" in message
    assert state() == loaded


def test_a_duplicate_seq_is_refused_naming_both_rows(loaded, tmp_path):
    path = table(tmp_path, "1 | 任务甲 | 完成 | 区财政局 | | A类 |", "1 | 任务乙 | 完成 | 区教育局 | | B类 |")
    message = refused(path)
    assert "文件“bad.txt”第6行“序号”列" in message and "与第5行重复" in message
    assert state() == loaded


def test_every_problem_of_a_file_is_listed_at_once(loaded, tmp_path):
    path = table(tmp_path, "1 | 任务甲 | 完成 | | | A类 |", "1 | 任务乙 | 完成 | 区教育局 | | X类 |")
    message = refused(path)
    assert "第5行“牵头部门”列" in message and "第6行“序号”列" in message and "第6行“目标类型”列" in message
    assert "数据库未作任何修改" in message
    assert state() == loaded


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="不存在"):
        run(tmp_path / "nowhere.txt")


def test_an_undecodable_file_is_refused(loaded, tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    assert "无法识别文件的文字编码" in refused(path)
    assert state() == loaded


def test_a_corrupt_workbook_is_refused(loaded, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is no workbook")
    assert "无法打开 Excel 文件" in refused(path)
    assert state() == loaded
