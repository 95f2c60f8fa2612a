"""Writing spreadsheets safely with openpyxl."""

from collections.abc import Iterable

from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: The first characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def append_rows(sheet: Worksheet, rows: Iterable[Iterable[object]]) -> None:
    """Append rows to ``sheet``; every string is stored as text, never as a formula, so a cell reading
    ``=HYPERLINK(…)`` or ``+1`` cannot run in the reader's Excel or WPS (formula injection, OWASP; ASVS 4.0
    V5.3.10). A string starting with one of ``FORMULA_TRIGGERS`` also gets Excel's own quote prefix (the
    ``quotePrefix`` cell format, what Excel stores when one types ``'=…``): the cell shows the exact text and
    stays text when edited and re-entered. The text itself is not changed, so exports keep the recorded words
    and registers re-import unchanged (docs/security.md explains why not the literal ``'`` of CSV files)."""
    for values in rows:
        sheet.append(list(values))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.quotePrefix = cell.value.startswith(FORMULA_TRIGGERS)
