"""Writing spreadsheets safely with openpyxl."""

from collections.abc import Iterable

from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def append_rows(sheet: Worksheet, rows: Iterable[Iterable[object]]) -> None:
    """Append rows to ``sheet``; every string is stored as text, never as a formula, so a cell reading
    ``=HYPERLINK(…)`` or ``+1`` cannot run in the reader's Excel (CSV/formula injection, OWASP)."""
    for values in rows:
        sheet.append(list(values))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
