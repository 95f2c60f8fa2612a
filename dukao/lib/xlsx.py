"""Writing spreadsheets with openpyxl: safely (text never a formula) and as an office keeps them (``table_sheet``)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
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


@dataclass(frozen=True)
class Column:
    """One column of a kept workbook: its header, its width in characters, and how its numbers or dates show."""

    header: str
    width: float
    number_format: str = "General"


#: Faces of the office's spreadsheets: the title as a document's (小标宋), headers in 黑体, cells in 仿宋 — Excel and
#: WPS fall back to their own where a face is missing.
TITLE_FONT = Font(name="方正小标宋简体", size=16)
HEADER_FONT = Font(name="黑体", size=11, bold=True)
BODY_FONT = Font(name="仿宋_GB2312", size=11)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def table_sheet(
    sheet: Worksheet,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Iterable[object]],
    *,
    label: str = "",
    notes: Sequence[str] = (),
) -> None:
    """Write a table an office keeps and prints: an optional ``label`` line ("附件1"), the ``title`` merged across
    the columns, ``notes`` lines merged likewise, the header (bold, shaded, ruled, frozen, with an autofilter and
    repeated on every printed page), then ``rows`` (through ``append_rows``: text stays text, numbers numbers)
    ruled and wrapped in the columns' widths and formats; printed on A4 landscape, fitted to the page width, with
    "第 n 页，共 m 页" in the footer."""
    width = len(columns)
    if label:
        append_rows(sheet, [[label]])
        sheet.cell(sheet.max_row, 1).font = BODY_FONT
    for text, font in ((title, TITLE_FONT), *((note, BODY_FONT) for note in notes)):
        append_rows(sheet, [[text]])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.cell(row, 1).font = font
        sheet.cell(row, 1).alignment = CENTRE if font is TITLE_FONT else WRAP
    sheet.row_dimensions[sheet.max_row - len(notes)].height = 30
    append_rows(sheet, [[column.header for column in columns]])
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BOX, CENTRE
    append_rows(sheet, rows)
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=header + 1, max_row=last, max_col=width):
        for cell, column in zip(row, columns, strict=True):
            cell.font, cell.border, cell.alignment = BODY_FONT, BOX, WRAP
            if column.number_format != "General" and not isinstance(cell.value, str):
                cell.number_format = column.number_format
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = sheet.cell(header + 1, 1)
    sheet.auto_filter.ref = f"A{header}:{get_column_letter(width)}{last}"
    sheet.print_title_rows = f"{header}:{header}"
    _print_setup(sheet)


def _print_setup(sheet: Worksheet) -> None:
    setup = sheet.page_setup
    setup.paperSize, setup.orientation = Worksheet.PAPERSIZE_A4, Worksheet.ORIENTATION_LANDSCAPE
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddFooter.center.font = "仿宋_GB2312"


def seq_value(seq: str) -> int | str:
    """A 序号 as a number where it is one ("12" → 12), otherwise the text as written ("12-1", "一")."""
    return int(seq) if seq.isdigit() else seq


def workbook_bytes(book: Workbook) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()
