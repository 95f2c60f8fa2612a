"""Failure kinds seen on real decomposition documents (docs/import.md). The examples are invented; the kinds
(header wording, tables without 序号, leader group rows, co-responsible lists) are those of real notices."""

import pytest

from dukao.plans.parsing.document import parse_document
from dukao.plans.parsing.reader import read_lines
from dukao.plans.parsing.shapes import header_key, heading_leaders, split_names


def parse(text: str, name: str = "doc.txt"):
    return parse_document(read_lines(text.encode(), name), name)


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("目   标   与   任   务", "name"),
        ("重点工作任务", "name"),
        ("主要工作举措", "name"),
        ("事项", "name"),
        ("牵头责任单位", "lead"),
        ("牵头负责部门", "lead"),
        ("主办单位", "lead"),
        ("责任股室（单位）", "responsible"),
        ("承办单位", "responsible"),
        ("协同责任单位", "cooperating"),
        ("协办单位", "cooperating"),
        ("包抓领导", "leaders"),
        ("区政府分管领导", "leaders"),
        ("责任人", "leaders"),
        ("牵头单位?", "lead"),
        ("配合单位\u00a0", "cooperating"),
        ("事项（共12项）", "name"),
        ("目标值", "target_value"),
        ("类别", "category"),
        ("任务来源", "source"),
        ("进展情况", None),
    ],
)
def test_header_cells_are_named_by_role(cell, key):
    assert header_key(cell) == key


@pytest.mark.parametrize(
    ("text", "leaders"),
    [
        ("一、张某市长主抓重点工作", ["张某"]),
        ("（一）李某副市长牵头重点工作", ["李某"]),
        ("二、赵一鸣县长负责事项（共9项）", ["赵一鸣"]),
        ("三、钱多常务副区长牵头重点工作", ["钱多"]),
        ("（二）稳增长工作目标（牵头领导：甲某、乙某、丙某）", ["甲某", "乙某", "丙某"]),
        ("一、做大做强主导产业", None),
    ],
)
def test_leaders_given_in_section_headings(text, leaders):
    assert heading_leaders(text) == leaders


_NO_SEQ = """\
2020年重点工作责任分解表
牵头单位 | 目 标 任 务 | 责 任 单 位 |
甲局 | 完成第一件事 | 乙局、丙局 |
丁局 | 完成第二件事 | 戊局 |
"""


def test_a_table_without_seq_is_numbered_in_order_and_says_so():
    document = parse(_NO_SEQ)
    tasks = document.plans[0].tasks
    assert [(t.seq, t.name, t.lead_units, t.responsible_units) for t in tasks] == [
        ("1", "完成第一件事", ["甲局"], ["乙局", "丙局"]),
        ("2", "完成第二件事", ["丁局"], ["戊局"]),
    ]
    assert any("没有“序号”列" in repair and "序号1至2" in repair for repair in document.repairs)


_GROUPS = """\
2022年重点工作责任清单
序号 | 重点工作 | 牵头责任单位 | 协同责任单位 | 类别 |
一、周某市长负责事项(共2项)
1 | 第一件事 | 甲局 | 乙局 | 甲文件 |
2 | 第二件事 | 丙局 | 丁局 | 乙文件 |
二、做大做强主导产业
3 | 第三件事 | 戊局 |  |  |
"""


def test_group_rows_give_leaders_and_sections_and_columns_are_kept():
    tasks = parse(_GROUPS).plans[0].tasks
    assert [(t.seq, t.leaders, t.cooperating_units, t.category) for t in tasks] == [
        ("1", ["周某"], ["乙局"], "甲文件"),
        ("2", ["周某"], ["丁局"], "乙文件"),
        ("3", ["周某"], [], ""),
    ]
    assert [t.section for t in tasks] == ["一", "一", "二"]


_RESTARTING = """\
2025年重点工作任务清单
一、甲某市长牵头重点工作
1. 完成第一件事。
牵头单位：甲局
配合单位：乙局
二、乙某副市长牵头重点工作
1. 完成第二件事。
牵头单位：丙局
"""


def test_numbering_restarting_in_each_section_is_kept_unique_by_its_section():
    document = parse(_RESTARTING)
    tasks = document.plans[0].tasks
    assert [(t.seq, t.seq_as_printed, t.section, t.leaders) for t in tasks] == [
        ("一-1", "1", "一", ["甲某"]),
        ("二-1", "1", "二", ["乙某"]),
    ]
    assert any("重新编号" in repair for repair in document.repairs)


_ONE_CELL_PER_LINE = """\
2024年工作任务分解表
序号
主要工作举措
牵头单位
配合单位
责任领导
一、做强产业
1
完成第一件事。
甲局
乙局、丙局等有关部门
2
完成第二件事。
丁局
戊局
某某
"""

_FLATTENED = """\
2016年量化指标任务分工
序号 工 作 任 务 牵头负责部门
1 居民收入增长 6% 左右 甲部
2 新建公路 100 公里 乙部
"""


def test_a_grid_given_one_cell_per_line_is_rebuilt_and_a_dropped_cell_padded():
    document = parse(_ONE_CELL_PER_LINE)
    tasks = document.plans[0].tasks
    assert [(t.section, t.seq, t.name, t.lead_units, t.cooperating_units, t.leaders) for t in tasks] == [
        ("一", "1", "完成第一件事。", ["甲局"], ["乙局", "丙局"], []),
        ("一", "2", "完成第二件事。", ["丁局"], ["戊局"], ["某某"]),
    ]
    assert any("每个单元格占一行" in repair for repair in document.repairs)


def test_a_flattened_grid_is_split_on_spaces():
    tasks = parse(_FLATTENED).plans[0].tasks
    assert [(t.seq, t.name, t.lead_units) for t in tasks] == [
        ("1", "居民收入增长 6% 左右", ["甲部"]),
        ("2", "新建公路 100 公里", ["乙部"]),
    ]


_CUT_OFF = """\
2024年重点工作任务清单
1. 完成第一件事。
牵头单位：甲局
2. 完成第二件事。
牵头单位：甲
"""


def test_a_last_row_cut_off_without_its_lead_is_left_out_with_a_warning():
    document = parse(_CUT_OFF)
    assert [t.seq for t in document.plans[0].tasks] == ["1"]
    assert any("截断" in warning and "序号2" in warning for warning in document.warnings)


def _workbook(*rows) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("cell", "deadline"),
    [(43646, "2019年6月30日"), (45657, "2024年12月31日"), ("6月底前", "6月底前"), (2024, "2024")],
)
def test_a_date_kept_as_a_serial_number_in_a_general_cell_is_read_as_the_date(cell, deadline):
    header = ["序号", "任务名称", "牵头单位", "完成时限"]
    content = _workbook(["2019年重点工作任务分解表"], header, [1, "任务", "甲局", cell])
    document = parse_document(read_lines(content, "表.xlsx"), "表.xlsx")
    assert document.plans[0].tasks[0].deadline_text == deadline
    assert any("以数字保存的日期" in repair for repair in document.repairs) == (deadline != str(cell))


def test_a_target_value_column_becomes_part_of_the_requirement_and_is_reported():
    content = _workbook(
        ["2016年目标任务分解表"],
        ["序号", "任务名称", "目标值", "牵头单位"],
        [1, "城镇新增就业人数", "5800人", "甲局"],
        [2, "地区生产总值增长", "", "乙局"],
    )
    document = parse_document(read_lines(content, "表.xlsx"), "表.xlsx")
    first, second = document.plans[0].tasks
    assert (first.target_value, first.requirement) == ("5800人", "目标值5800人")
    assert second.requirement == ""
    assert sum("目标值" in repair for repair in document.repairs) == 1


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("市发改委、国土局、规划局", ["市发改委", "市国土局", "市规划局"]),
        ("市政府各部门、各直属单位", ["市政府各部门", "市政府各直属单位"]),
        ("市发改委、宁波证监局", ["市发改委", "宁波证监局"]),
        ("自然资源分局、区发展改革局", ["自然资源分局", "区发展改革局"]),
        ("甲局等、乙局等有关部门、丙", ["甲局", "乙局"]),
    ],
)
def test_unit_lists_restore_elided_prefixes_and_drop_etc_from_every_piece(cell, names):
    assert split_names(cell) == names
