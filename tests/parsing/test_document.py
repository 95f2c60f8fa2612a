"""The document parser (pure Python): notice header, tables, repairs, unit lists, errors."""

import csv
import io

import openpyxl
import pytest

from dukao.plans.parsing.document import parse_document
from dukao.plans.parsing.errors import DocumentError
from dukao.plans.parsing.reader import read_lines
from dukao.plans.parsing.shapes import split_names
from tests.paths import FIXTURES, SEED


def parse(content: bytes, name: str = "doc.txt", **kwargs):
    return parse_document(read_lines(content, name), name, **kwargs)


@pytest.fixture(scope="module")
def seed_document():
    return parse(SEED.read_bytes(), SEED.name)


def test_notice_header_of_the_seed(seed_document):
    notice = seed_document.notice
    assert notice.recipients == "区政府各部门、各直属单位,各街道办事处"
    assert notice.issuer == "杭州市上城区人民政府办公室"
    assert str(notice.issued_on) == "2019-02-15"
    assert notice.disclosure == "此件可公开发布"
    assert notice.attachments == {1: "2019年《政府工作报告》目标任务分解表", 2: "2019年民生实事项目目标任务分解表"}
    assert "区纪委(区监委)负责对目标任务实施情况进行全程跟踪" in notice.body
    assert notice.issuer not in notice.body


def test_seed_annexes_become_two_plans(seed_document):
    first, second = seed_document.plans
    assert (first.annex_no, first.kind, len(first.tasks)) == (1, "work_report", 148)
    assert (second.annex_no, second.kind, len(second.tasks)) == (2, "livelihood", 15)
    assert first.target_types == {"A": "责任目标", "B": "激励目标", "C": "争先创优目标"}
    assert second.title == "2019年民生实事项目目标任务分解表"  # from the line above its table
    assert first.title == "2019年《政府工作报告》目标任务分解表"  # from the notice's 附件 list


def test_repairs_name_the_source_line(seed_document):
    assert seed_document.repairs[0].startswith("“2019年《政府工作报告》目标任务分解表”序号12（文件“")
    assert "第22行" in seed_document.repairs[0]


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("区市场监管局,各街道办事处", ["区市场监管局", "各街道办事处"]),
        ("区财政局、区税务局，区统计局", ["区财政局", "区税务局", "区统计局"]),
        ("区财政局 区税务局\n区统计局", ["区财政局", "区税务局", "区统计局"]),
        ("各县（市、区）政府、市财政局", ["各县（市、区）政府", "市财政局"]),
        ("区教育局、区卫生健康局等", ["区教育局", "区卫生健康局"]),
        ("", []),
        ("、 ,", []),
    ],
)
def test_unit_lists_split_on_separators_but_not_inside_brackets(cell, names):
    assert split_names(cell) == names


def table_text(*rows: str, header: str = "序号 | 任务名称 | 指标要求 | 责任单位 | 责任领导 |") -> bytes:
    return "\n".join(["2021年重点工作任务分解表", header, *rows]).encode()


def test_responsible_column_first_listed_leads_by_default():
    plan = parse(table_text("1 | 任务 | 完成 | 区财政局、区税务局 | 王 强、李明 |")).plans[0]
    task = plan.tasks[0]
    assert plan.lead_rule == "first_listed"
    assert (task.lead_units, task.cooperating_units) == (["区财政局"], ["区税务局"])
    assert task.leaders == ["王强", "李明"]


def test_responsible_column_all_jointly_when_chosen():
    plan = parse(table_text("1 | 任务 | 完成 | 区财政局、区税务局 | |"), lead_rule="all_jointly").plans[0]
    assert plan.lead_rule == "all_jointly"
    assert plan.tasks[0].lead_units == ["区财政局", "区税务局"]


def test_letter_spaced_headers_are_recognised():
    plan = parse(
        table_text("1 | 任务 | 完成 | 区财政局 |", header="序 号 | 任 务 名 称 | 指 标 要 求 | 牵 头 单 位 |")
    ).plans[0]
    assert plan.tasks[0].lead_units == ["区财政局"]


def test_csv_in_gb18030_reads_like_the_text_format():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([["2020年民生实事项目分解表"], ["序号", "项目名称", "目标要求", "牵头单位", "配合单位"]])
    writer.writerow(["1", "新建公园2个", "完成", "区城管局", "区财政局、区住房和城建局"])
    plan = parse(buffer.getvalue().encode("gb18030"), "projects.csv").plans[0]
    assert plan.kind == "livelihood" and plan.year == 2020
    assert plan.tasks[0].cooperating_units == ["区财政局", "区住房和城建局"]


def test_xlsx_merged_lead_cell_gives_each_row_its_value():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2020年目标任务分解表"])
    sheet.append(["序号", "任务名称", "指标要求", "牵头部门"])
    sheet.append([1, "任务甲", "完成", "区财政局"])
    sheet.append([2, "任务乙", "完成", None])
    sheet.merge_cells("D3:D4")
    buffer = io.BytesIO()
    book.save(buffer)
    plan = parse(buffer.getvalue(), "merged.xlsx").plans[0]
    assert [t.lead_units for t in plan.tasks] == [["区财政局"], ["区财政局"]]
    assert plan.tasks[1].location.part == "工作表“Sheet”" and plan.tasks[1].location.row == 4


def test_a_table_needs_a_title_or_a_year():
    with pytest.raises(DocumentError) as failure:
        parse("序号 | 任务名称 | 牵头部门 |\n1 | 任务 | 区财政局 |".encode())
    assert [p.location.column for p in failure.value.problems] == ["标题", "年度"]
    given = parse("序号 | 任务名称 | 牵头部门 |\n1 | 任务 | 区财政局 |".encode(), title="重点工作", year=2024)
    assert (given.plans[0].title, given.plans[0].year) == ("重点工作", 2024)


def test_errors_name_file_row_and_column():
    content = table_text("| 任务乙 | 完成 | 区财政局 |", "1 | 任务 | 完成 | |")
    with pytest.raises(DocumentError) as failure:
        parse(content, "工作.txt")
    messages = [str(p) for p in failure.value.problems]
    assert messages == [
        "文件“工作.txt”第3行“序号”列：序号为空。",
        "文件“工作.txt”第4行“责任单位”列：序号1没有牵头部门。",
    ]


def test_a_row_without_seq_continues_the_task_above_with_another_lead_unit():
    header = "序号 | 任务名称 | 指标要求 | 牵头单位 | 目标类型 |"
    content = table_text(
        "1 | 推进征迁安置 | 完成征迁500户 | 甲街道 | A类 |",
        "| | 完成征迁300户 | 乙街道 | |",
        "2 | 另一任务 | 完成 | 丙局 | B类 |",
        header=header,
    )
    document = parse(content)
    tasks = document.plans[0].tasks
    assert [(t.seq, t.name, t.requirement, t.lead_units, t.target_type) for t in tasks] == [
        ("1", "推进征迁安置", "完成征迁500户", ["甲街道"], "A"),
        ("1-2", "推进征迁安置", "完成征迁300户", ["乙街道"], "A"),
        ("2", "另一任务", "完成", ["丙局"], "B"),
    ]
    assert "视为序号1的续行（牵头部门乙街道），编为序号1-2" in document.repairs[0]


def test_a_merged_seq_cell_makes_sub_rows_in_a_workbook():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2020年目标任务分解表"])
    sheet.append(["序号", "任务名称", "指标要求", "牵头部门"])
    sheet.append([1, "实施老旧小区改造", "改造10个小区", "甲街道"])
    sheet.append([None, None, "改造5个小区", "乙街道"])
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:B4")
    buffer = io.BytesIO()
    book.save(buffer)
    tasks = parse(buffer.getvalue(), "subrows.xlsx").plans[0].tasks
    assert [(t.seq, t.name, t.lead_units) for t in tasks] == [
        ("1", "实施老旧小区改造", ["甲街道"]),
        ("1-2", "实施老旧小区改造", ["乙街道"]),
    ]


def test_section_heading_names_the_leader_of_the_rows_beneath():
    header = "序号 | 任务名称 | 指标要求 | 牵头单位 |"
    content = table_text(
        "（一）由王强副区长牵头的工作",
        "1 | 任务甲 | 完成 | 甲局 |",
        "（二）由李明同志牵头的工作",
        "2 | 任务乙 | 完成 | 乙局 |",
        header=header,
    )
    tasks = parse(content).plans[0].tasks
    assert [t.leaders for t in tasks] == [["王强"], ["李明"]]


def test_docx_paragraphs_and_table_with_merged_cells():
    import docx

    document = docx.Document()
    document.add_paragraph("区政府各部门：")
    document.add_paragraph("现将2022年民生实事项目分解如下，请认真贯彻落实。")
    document.add_paragraph("某某区人民政府办公室")
    document.add_paragraph("2022年3月1日")
    document.add_paragraph("2022年民生实事项目目标任务分解表")
    table = document.add_table(rows=4, cols=4)
    for cell, text in zip(table.rows[0].cells, ["序号", "项目名称", "目标要求", "牵头单位"], strict=True):
        cell.text = text
    table.rows[1].cells[0].merge(table.rows[1].cells[3]).text = "一、城市建设"
    for r, values in ((2, ["1", "新建口袋公园3个", "完成", "区城管局"]), (3, ["2", "改造老旧小区5个", "完成", ""])):
        for cell, text in zip(table.rows[r].cells, values, strict=True):
            cell.text = text
    table.cell(2, 3).merge(table.cell(3, 3))
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse(buffer.getvalue(), "projects.docx")
    assert parsed.notice.issuer == "某某区人民政府办公室" and str(parsed.notice.issued_on) == "2022-03-01"
    plan = parsed.plans[0]
    assert (plan.title, plan.kind) == ("2022年民生实事项目目标任务分解表", "livelihood")
    assert [(t.seq, t.lead_units) for t in plan.tasks] == [("1", ["区城管局"]), ("2", ["区城管局"])]
    assert plan.tasks[1].location.describe() == "文件“projects.docx”第1个表格第4行"


def test_label_blocks_and_inline_parentheticals_become_tasks():
    content = (FIXTURES / "documents" / "label_blocks.txt").read_bytes()
    document = parse(content, "label_blocks.txt")
    assert document.notice.issuer == "某某区人民政府办公室" and str(document.notice.issued_on) == "2021-03-05"
    (plan,) = document.plans
    assert (plan.title, plan.year) == ("2021年区政府重点工作任务分解方案", 2021)
    first, second, third = plan.tasks
    assert (first.seq, first.name, first.requirement) == (
        "1",
        "推进数字经济发展",
        "全年数字经济核心产业增加值增长12%。",
    )
    assert (first.lead_units, first.cooperating_units) == (["区发改经信局"], ["区统计局", "区科技局"])
    assert (first.deadline_text, first.leaders) == ("年底前", ["王强"])
    assert (second.name, second.lead_units, second.cooperating_units) == (
        "新建口袋公园5个",
        ["区城管局"],
        ["各街道办事处"],
    )
    assert second.deadline_text == "9月底前" and second.leaders == ["王强"]
    assert (third.lead_units, third.cooperating_units) == (["区住房和城建局"], ["各街道办事处"])
    assert (third.name, third.requirement) == (
        "完成老旧小区综合改造20个，惠及居民6000户",
        "完成老旧小区综合改造20个，惠及居民6000户。",
    )
    assert third.leaders == ["李明"] and plan.lead_rule == "first_listed"
    assert "一、经济发展" in document.notice.body
