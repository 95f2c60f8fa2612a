"""The 督查台账 as .xlsx: the status list's rows, with the same filters (page, ``dukao ledger``). Strings are stored
as text, never as formulas (``lib.xlsx.append_rows``); shares and dates as numbers and dates."""

from datetime import date

from django.conf import settings
from django.utils import timezone, translation
from openpyxl import Workbook

from dukao.lib.numbers import cell_number
from dukao.lib.periods import period_label
from dukao.lib.xlsx import Column, append_rows, seq_value, table_sheet, workbook_bytes
from dukao.supervision.models import TaskStatus
from dukao.supervision.selectors import StatusFilter, type_label

#: The columns of the sheet 督查台账.
COLUMNS = [
    Column("分解表", 14),
    Column("序号", 6),
    Column("任务名称", 36),
    Column("牵头单位", 20),
    Column("配合单位", 28),
    Column("责任领导", 12),
    Column("目标类型", 9),
    Column("完成时限", 12, "yyyy-mm-dd"),
    Column("状态", 10),
    Column("计划进度（%）", 12, "0.0"),
    Column("核定进度（%）", 12, "0.0"),
    Column("原因", 40),
    Column("最新进展报告期", 14),
    Column("最新进展", 60),
]


def ledger_row(status: TaskStatus) -> list[object]:
    """One task's row (``status`` from ``selectors.period_statuses`` with ``with_latest_progress``; the reason
    is followed by each lead unit's part when the task has several)."""
    task = status.task
    progress = status.latest_progress
    return [
        task.plan.get_kind_display(),
        seq_value(task.seq),
        task.name,
        "、".join(link.name for link in task.lead_links),
        "、".join(link.name for link in task.cooperating_links),
        "、".join(task.leader_names),
        type_label(task.target_type) if task.target_type else "",
        task.deadline or task.deadline_text,
        status.get_status_display() + ("（已追赶）" if status.recovered else ""),
        cell_number(status.expected),
        cell_number(status.actual),
        "\n".join([status.reason, *status.parts]),  # a task with several lead units: each unit's part
        period_label(progress[0]) if progress else "",
        progress[1] if progress else "",
    ]


def ledger_xlsx(statuses: list[TaskStatus], period: date, status_filter: StatusFilter) -> bytes:
    """Sheet 督查台账 (``lib.xlsx.table_sheet``: merged title, header frozen with an autofilter, column widths,
    A4 landscape; shares as numbers, deadlines as dates) and sheet 说明 (period, filters, when made, how many
    tasks). Written in Chinese whatever the reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        book = Workbook()
        sheet = book.active
        sheet.title = "督查台账"
        title = f"督查台账（{period_label(period)}）"
        table_sheet(sheet, title, COLUMNS, (ledger_row(s) for s in statuses))
        about = book.create_sheet("说明")
        filters = "；".join(f"{name}：{value}" for name, value in status_filter.labels()) or "无"
        made = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        append_rows(
            about,
            [["报告期", period_label(period)], ["筛选条件", filters], ["导出时间", made], ["任务数", len(statuses)]],
        )
        about.column_dimensions["A"].width, about.column_dimensions["B"].width = 12, 60
    return workbook_bytes(book)
