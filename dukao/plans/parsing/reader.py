"""Readers: turn a file (seed text format, CSV, .xlsx, .docx) into a flat list of lines of cells.

Every format becomes the same shape, so one parser (``document.py``) reads them all: a line with one
non-empty cell is text (the notice, an annex label, a title, a legend); a line with several is a table row.
"""

import csv
import io
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath
from typing import TYPE_CHECKING

from dukao.plans.parsing.errors import DocumentError, Location, Problem

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: Files larger than this are refused before they are read (bytes).
MAX_BYTES = 20 * 1024 * 1024
#: A .xlsx or .docx whose parts declare more than this in total is refused before anything is unpacked (bytes):
#: a 20 MB zip can unpack to gigabytes (a zip bomb). Python's zipfile stops at a part's declared size.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
_TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
_BOM = b"\xef\xbb\xbf"
# An OLE2 compound file (Office 97-2003 binaries, and any password-protected Office file) starts with this.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream a compound file holds → what it is (names are stored in UTF-16LE in the file's directory).
# MS-OFFCRYPTO 2.3.4: an encrypted .xlsx/.docx is a compound file with EncryptionInfo + EncryptedPackage;
# MS-XLS 2.1.2: a .xls keeps its workbook in "Workbook" (Excel 5/95: "Book"); MS-DOC 2.1: "WordDocument".
_OLE2_STREAMS = (
    ("EncryptedPackage", "文件已设置打开密码（已加密），无法读取。请在 Office 中取消密码并保存后再导入。"),
    ("Workbook", "这是旧版 Excel 97-2003 工作簿（.xls），无法读取。请在 Excel 中另存为 .xlsx 后再导入。"),
    ("Book", "这是旧版 Excel 97-2003 工作簿（.xls），无法读取。请在 Excel 中另存为 .xlsx 后再导入。"),
    ("WordDocument", "这是旧版 Word 97-2003 文档（.doc），无法读取。请在 Word 中另存为 .docx 后再导入。"),
)
_OLE2_OTHER = "这是 Office 97-2003 二进制格式的文件，无法读取。请另存为 .xlsx、.docx 或 .csv 后再导入。"


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


#: Extensions read as text (the seed's format or CSV); a file without an extension is read as text too.
TEXT_SUFFIXES = frozenset({".txt", ".csv", ".text", ""})


def read_lines(content: bytes, file_name: str) -> list[Line]:
    """Read ``content`` (the bytes of the file called ``file_name``) into lines.

    The format follows the content, then the extension: a zip package is a ``.docx`` Word document
    (paragraphs are text lines; each table row a line; a cell merged across columns counts once, a cell
    merged down gives each row its value) or a ``.xlsx`` workbook (every sheet in order, cached values of
    formulas, merged cells inherit their value); ``.csv`` is comma-separated; anything else is the seed's
    text format, where cells are separated by ``|``. Text is UTF-8 (with or without BOM) or GB18030.
    Other extensions (.pdf, .json, .doc …) are refused by name.
    Raises ``DocumentError`` for an oversized, empty, undecodable, corrupt or encrypted file, a legacy
    Office binary (.xls, .doc), and a formula cell without a saved result.
    """
    where = Location(file_name)
    if len(content) > MAX_BYTES:
        raise DocumentError([Problem(where, f"文件超过 {MAX_BYTES // 1024 // 1024} MB 的大小上限。")])
    if not content.removeprefix(_BOM).strip():
        raise DocumentError([Problem(where, "文件为空，没有可导入的内容。")])
    if content.startswith(_OLE2):
        raise DocumentError([Problem(where, _ole2_kind(content))])
    suffix = PurePath(file_name).suffix.lower()
    if suffix in (".docx", ".xlsx") or content[:4] == b"PK\x03\x04":
        return _read_zip(content, file_name, suffix)
    if suffix not in TEXT_SUFFIXES:
        message = f"不支持“{suffix}”格式的文件：请另存为 .xlsx、.docx、.csv 或 .txt（UTF-8/GB18030 文本）后再导入。"
        raise DocumentError([Problem(where, message)])
    text = _decode(content, where)
    if suffix == ".csv":
        rows = csv.reader(io.StringIO(text))
        return [_line(row, Location(file_name, n)) for n, row in enumerate(rows, 1)]
    return [_line(_split_pipes(raw), Location(file_name, n)) for n, raw in enumerate(text.splitlines(), 1)]


def _ole2_kind(content: bytes) -> str:
    """Why a compound file (``_OLE2``) cannot be read: encrypted, a .xls, a .doc, or another binary.

    The streams are found by their UTF-16LE names rather than by walking the directory: every name the
    check needs is distinctive, and the answer is a refusal whichever one is found."""
    for stream, message in _OLE2_STREAMS:
        if stream.encode("utf-16-le") + b"\x00\x00" in content:
            return message
    return _OLE2_OTHER


def _decode(content: bytes, where: Location) -> str:
    """The text of ``content``; when no encoding fits, the error names the line of the first bad byte
    (as the encoding that read furthest saw it)."""
    furthest = 0
    for encoding in _TEXT_ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError as exc:
            furthest = max(furthest, exc.start)
    row = content.count(b"\n", 0, furthest) + 1
    message = "无法识别文件的文字编码（支持 UTF-8 与 GB18030），该行含有无法识别的字节。"
    raise DocumentError([Problem(Location(where.file, row), message)])


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


def _read_zip(content: bytes, file_name: str, suffix: str) -> list[Line]:
    """A .xlsx or .docx (both are zip packages): which one follows the package's parts, not the name."""
    kind = "Word" if suffix == ".docx" else "Excel"
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
            unpacked = sum(member.file_size for member in package.infolist())
            broken = package.testzip() if unpacked <= MAX_UNPACKED_BYTES else None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        message = f"无法打开 {kind} 文件：文件已损坏（不是完整的 {suffix or '.xlsx'} 文件）。"
        raise DocumentError([Problem(Location(file_name), message)]) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        limit = MAX_UNPACKED_BYTES // 1024 // 1024
        message = f"无法打开 {kind} 文件：解压后超过 {limit} MB 的上限（疑似压缩炸弹），未读取其内容。"
        raise DocumentError([Problem(Location(file_name), message)])
    if broken is not None:
        message = f"无法打开 {kind} 文件：文件已损坏（其中的“{broken}”无法解压）。"
        raise DocumentError([Problem(Location(file_name), message)])
    if "word/document.xml" in names:
        return _read_docx(content, file_name)
    if "xl/workbook.xml" in names:
        return _read_xlsx(content, file_name)
    message = "无法打开：这是一个压缩包，但其中既没有 Excel 工作簿也没有 Word 文档。"
    raise DocumentError([Problem(Location(file_name), message)])


def _read_xlsx(content: bytes, file_name: str) -> list[Line]:
    import openpyxl  # only needed for workbooks

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(content), data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:  # SyntaxError: malformed XML
        message = "无法打开 Excel 文件：文件已损坏，或其内容不是 Excel 能保存的格式。"
        raise DocumentError([Problem(Location(file_name), message)]) from exc
    problems = [p for sheet in book.worksheets for p in _cell_problems(sheet, formulas[sheet.title], file_name)]
    if problems:
        raise DocumentError(problems)
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


def _cell_problems(sheet: "Worksheet", formulas: "Worksheet", file_name: str) -> list[Problem]:
    """Formula cells the workbook holds no result for, and cells whose result is an error (``#REF!``).

    A formula's cached value (the ``<v>`` Excel saves beside the ``<f>``) is what is read; formulas are
    never evaluated, so one without a cached value (a file written by a program and never opened in
    Excel) cannot be read. ``formulas`` is the same sheet loaded with its formulas instead of values."""
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.utils import get_column_letter

    problems: list[Problem] = []
    for row in sheet.iter_rows():
        for cell in row:
            where = Location(file_name, cell.row, get_column_letter(cell.column), f"工作表“{sheet.title}”")
            source = formulas[cell.coordinate]
            if cell.value is None and source.data_type == "f":
                message = (
                    f"单元格{cell.coordinate}是公式“{source.value}”，文件中没有保存它的计算结果（本系统不计算公式）。"
                    "请在 Excel 中打开并保存后再导入。"
                )
                problems.append(Problem(where, message))
            elif isinstance(cell.value, str) and cell.value in ERROR_CODES:
                problems.append(Problem(where, f"单元格{cell.coordinate}的值是错误值“{cell.value}”，请更正后再导入。"))
    return problems


def _cell_text(value: object) -> str:
    """A cell's value as text: whole numbers without ".0", dates as written in Chinese documents
    (``2022年12月31日``, which ``deadlines.parse_deadline`` reads)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date() if value.time() == time() else value
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def _read_docx(content: bytes, file_name: str) -> list[Line]:
    import docx  # only needed for Word documents
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:  # SyntaxError: malformed XML
        message = "无法打开 Word 文件：文件已损坏，或其内容不是 Word 能保存的格式。"
        raise DocumentError([Problem(Location(file_name), message)]) from exc
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
