"""The three workbooks an office keeps and prints — the 综合考评 export, the 督查台账 and the plan export — read back
with openpyxl: a merged title row, column widths, a frozen header with an autofilter, numbers stored as numbers,
the office's faces instead of Calibri, A4 landscape with the header repeated on each page and a page footer."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dukao.assessment.exports import assessment_xlsx
from dukao.assessment.services import assessment_run
from dukao.plans.exports import plans_export_xlsx
from dukao.plans.services import plan_import
from dukao.supervision.exports import ledger_xlsx
from dukao.supervision.selectors import StatusFilter, period_statuses, with_latest_progress
from dukao.supervision.services import status_recompute

JUNE = date(2019, 6, 1)


def assert_kept(sheet: Worksheet, header_row: int, title: str) -> list[str]:
    """The layout every kept table shares; returns the header."""
    title_row = header_row - 1 if sheet.cell(header_row - 1, 1).value == title else header_row - 2
    assert sheet.cell(title_row, 1).value == title
    width = sheet.max_column
    assert f"A{title_row}:{get_column_letter(width)}{title_row}" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.auto_filter.ref == f"A{header_row}:{sheet.cell(header_row, width).column_letter}{sheet.max_row}"
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    assert (sheet.page_setup.orientation, str(sheet.page_setup.paperSize)) == ("landscape", "9")
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
    letters = [sheet.cell(header_row, n).column_letter for n in range(1, width + 1)]
    assert all(sheet.column_dimensions[letter].width > 5 for letter in letters)
    cells = [cell for row in sheet.iter_rows(max_row=min(sheet.max_row, 40)) for cell in row if cell.value is not None]
    fonts = {cell.font.name for cell in cells}
    assert "Calibri" not in fonts and {"方正小标宋简体", "黑体"} <= fonts
    assert sheet.max_row == header_row or "仿宋_GB2312" in fonts
    return [sheet.cell(header_row, n).value for n in range(1, width + 1)]


def column(sheet: Worksheet, header_row: int, header: str) -> list:
    headers = [c.value for c in sheet[header_row]]
    index = headers.index(header)
    return [row[index] for row in sheet.iter_rows(min_row=header_row + 1, values_only=True)]


@pytest.fixture
def june(seed):
    status_recompute(period=JUNE, today=date(2019, 7, 20))


def test_the_ledger_is_a_kept_table(june, supervisor):
    statuses = with_latest_progress(period_statuses(supervisor, JUNE), JUNE)
    sheet = load_workbook(io.BytesIO(ledger_xlsx(statuses, JUNE, StatusFilter())))["督查台账"]
    header = assert_kept(sheet, 2, "督查台账（2019年6月）")
    assert header[:3] == ["分解表", "序号", "任务名称"]
    seqs = column(sheet, 2, "序号")
    assert len(seqs) == 163 and all(isinstance(s, int) for s in seqs if str(s).isdigit())
    shares = [v for header in ("计划进度（%）", "核定进度（%）") for v in column(sheet, 2, header) if v is not None]
    assert all(isinstance(v, int | float) for v in shares)


def test_the_assessment_is_kept_tables_with_numbers_as_numbers(seed, supervisor):
    assessment = assessment_run(year=2019, user=supervisor, title="2019年度目标考核")
    book = load_workbook(io.BytesIO(assessment_xlsx(assessment)))
    units = book["单位得分"]
    assert_kept(units, 2, f"2019年度目标考核（截至{assessment.period.year}年{assessment.period.month}月，草稿）")
    totals, ranks = column(units, 2, "总分"), column(units, 2, "排名")
    assert totals and all(isinstance(v, int | float) for v in totals if v is not None)
    assert all(rank is None for total, rank in zip(totals, ranks, strict=True) if total is None)  # 不计分: unranked
    assert units.cell(3, 11).number_format == "0.00"
    tasks = book["任务得分"]
    assert_kept(tasks, 2, "2019年度目标考核·任务得分")
    seqs = column(tasks, 2, "序号")
    assert all(isinstance(s, int) for s in seqs if str(s).isdigit()) and any(isinstance(s, int) for s in seqs)
    assert_kept(book["调整记录"], 2, "2019年度目标考核·调整记录")


def test_the_plan_export_carries_status_deadline_and_leaders_and_imports_back(june, work_report):
    content = plans_export_xlsx([work_report])
    sheet = load_workbook(io.BytesIO(content))["附件1"]
    legend_rows = 1 if work_report.target_types else 0
    header = assert_kept(sheet, 3 + legend_rows, work_report.title)
    assert sheet["A1"].value == "附件1"
    assert {"责任领导", "完成时限", "当前状态"} <= set(header) and header[-1] == "当前状态"
    statuses = column(sheet, 3 + legend_rows, "当前状态")
    assert len(statuses) == 148 and all(s.endswith("（2019年6月）") for s in statuses)
    assert isinstance(column(sheet, 3 + legend_rows, "序号")[0], int)
    report = plan_import(content=content, file_name="导出.xlsx")
    assert [p.state for p in report.plans] == ["unchanged"]
