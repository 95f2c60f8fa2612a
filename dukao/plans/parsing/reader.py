"""Readers: turn a file (seed text format, CSV, .xlsx) into a flat list of lines of cells.

Every format becomes the same shape, so one parser (``document.py``) reads them all: a line with one
non-empty cell is text (the notice, an annex label, a title, a legend); a line with several is a table row.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from dukao.plans.parsing.errors import DocumentError, Location, Problem

#: Files larger than this are refused before they are read (bytes).
MAX_BYTES = 20 * 1024 * 1024
_TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class Line:
    """One line of a source: its cells (stripped strings, trailing empty cells removed) and location."""

    cells: tuple[str, ...]
    location: Location
    merged_from_above: frozenset[int] = frozenset()  # indexes of cells that continue a cell merged down

    @property
    def filled(self) -> list[str]:
        """The non-empty cells."""
        return [c for c in self.cells if c]

    @property
    def is_text(self) -> bool:
        """A line of prose rather than a table row (at most one non-empty cell)."""
        return len(self.filled) <= 1

    @property
    def text(self) -> str:
        """The line's text when it is prose."""
        return " ".join(self.filled)


def read_lines(content: bytes, file_name: str) -> list[Line]:
    """Read ``content`` (the bytes of the file called ``file_name``) into lines.

    The format follows the extension: ``.docx`` is a Word document (paragraphs are text lines; each table
    row a line; a cell merged across columns counts once, a cell merged down gives each row its value);
    ``.xlsx`` is a workbook (every sheet in order, cached values of
    formulas, merged cells inherit their value); ``.csv`` is comma-separated; anything else is the seed's
    text format, where cells are separated by ``|``. Text is UTF-8 (with or without BOM) or GB18030.
    Raises ``DocumentError`` for an empty, oversized, undecodable or corrupt file.
    """
    where = Location(file_name)
    if not content.strip():
        raise DocumentError([Problem(where, "文件为空，没有可导入的内容。")])
    if len(content) > MAX_BYTES:
        raise DocumentError([Problem(where, f"文件超过 {MAX_BYTES // 1024 // 1024} MB 的大小上限。")])
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".docx":
        return _read_docx(content, file_name)
    if suffix == ".xlsx" or content[:4] == b"PK\x03\x04":
        return _read_xlsx(content, file_name)
    text = _decode(content, where)
    if suffix == ".csv":
        rows = csv.reader(io.StringIO(text))
        return [_line(row, Location(file_name, n)) for n, row in enumerate(rows, 1)]
    return [_line(_split_pipes(raw), Location(file_name, n)) for n, raw in enumerate(text.splitlines(), 1)]


def _decode(content: bytes, where: Location) -> str:
    for encoding in _TEXT_ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError([Problem(where, "无法识别文件的文字编码（支持 UTF-8 与 GB18030）。")])


def _split_pipes(raw: str) -> list[str]:
    """Split a line of the seed's format: ``1 | 名称 | 要求 | 牵头 | 配合 | A类 |`` (a trailing ``|`` closes
    the last cell, so the piece after it is dropped)."""
    if "|" not in raw:
        return [raw]
    cells = raw.split("|")
    return cells[:-1] if raw.rstrip().endswith("|") else cells


def _line(cells: list[str], location: Location, merged_from_above: frozenset[int] = frozenset()) -> Line:
    stripped = [c.strip() for c in cells]
    while stripped and not stripped[-1]:
        stripped.pop()
    return Line(tuple(stripped), location, merged_from_above)


def _read_xlsx(content: bytes, file_name: str) -> list[Line]:
    import openpyxl  # only needed for workbooks

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DocumentError([Problem(Location(file_name), f"无法打开 Excel 文件（文件损坏或已加密）：{exc}")]) from exc
    lines: list[Line] = []
    for sheet in book.worksheets:
        grid = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        continued: dict[int, set[int]] = {}
        for merged in sheet.merged_cells.ranges:  # a cell merged down over rows gives each row its value
            column = merged.min_col - 1
            value = grid[merged.min_row - 1][column]
            for r in range(merged.min_row, min(merged.max_row, len(grid))):
                grid[r][column] = value
                continued.setdefault(r, set()).add(column)
        part = f"工作表“{sheet.title}”"
        lines += [
            _line(row, Location(file_name, n, part=part), frozenset(continued.get(n - 1, ())))
            for n, row in enumerate(grid, 1)
        ]
    return lines


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_docx(content: bytes, file_name: str) -> list[Line]:
    import docx  # only needed for Word documents
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DocumentError([Problem(Location(file_name), f"无法打开 Word 文件（文件损坏或已加密）：{exc}")]) from exc
    lines: list[Line] = []
    paragraphs = tables = 0
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            paragraphs += 1
            text = Paragraph(child, document).text
            lines.append(_line([text], Location(file_name, paragraphs, part="正文")))
        elif child.tag.endswith("}tbl"):
            tables += 1
            part = f"第{tables}个表格"
            above: list[object] = []
            for n, row in enumerate(Table(child, document).rows, 1):
                cells, elements = _docx_row_cells(row)
                merged = frozenset(i for i, e in enumerate(elements) if i < len(above) and above[i] is e)
                lines.append(_line(cells, Location(file_name, n, part=part), merged))
                above = elements
    return lines


def _docx_row_cells(row: object) -> tuple[list[str], list[object]]:
    """A Word table row's cell texts; a cell spanning several grid columns is listed once (the next
    columns are left empty so the header's column indexes still hold). Also returns the row's cell
    elements, to tell cells merged down from the row above."""
    cells: list[str] = []
    elements: list[object] = []
    previous = None
    for cell in row.cells:  # type: ignore[attr-defined]
        cells.append("" if cell._tc is previous else cell.text)
        previous = cell._tc
        elements.append(cell._tc)
    return cells, elements
