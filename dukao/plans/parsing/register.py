"""Parse a register of leading cadres (领导干部名册) from lines of cells (``reader.py``). Pure Python.

The register is one table: a header row naming its columns (any order, whitespace ignored), then one cadre a
row. Columns: 姓名, 职务, 单位, 角色 (主要负责人 / 分管领导) are required; 分管单位 (unit names separated by 、),
任职起始 and 任职截止 are optional. Dates read as 2019-03-01, 2019/3/1, 2019.3.1 or 2019年3月1日 (the form an
.xlsx date cell takes). Unit names stay as written: the import resolves them.
"""

import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date

from dukao.plans.parsing.errors import DocumentError, Location, Problem
from dukao.plans.parsing.reader import Line
from dukao.plans.parsing.shapes import split_names

#: The register's columns in the order an export writes them: key → header as printed.
REGISTER_HEADERS = {
    "name": "姓名",
    "post": "职务",
    "unit": "单位",
    "role": "角色",
    "units_in_charge": "分管单位",
    "term_start": "任职起始",
    "term_end": "任职截止",
}
_REQUIRED = ("name", "post", "unit", "role")
#: 角色 as written → the ``units.CadreRole`` value.
ROLE_VALUES = {"主要负责人": "principal", "分管领导": "in_charge"}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass
class RegisterRow:
    """One cadre as the register lists them; ``role`` is a ``CadreRole`` value, unit names as written."""

    name: str
    post: str
    unit: str
    role: str
    location: Location
    units_in_charge: list[str] = field(default_factory=list)
    term_start: date | None = None
    term_end: date | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies the cadre within a register (and in the database, once the unit is resolved)."""
        return (self.name, self.unit, self.role)


def parse_register(lines: list[Line], file_name: str) -> list[RegisterRow]:
    """The cadres of a register. Raises ``DocumentError`` listing every problem: no header (or one lacking a
    required column), an empty name, post or unit, an unknown role, a date that is not one, a term ending
    before it starts, a cadre listed twice (same name, unit and role)."""
    filled = [line for line in lines if line.filled]
    header_index = next((i for i, line in enumerate(filled) if _header(line) is not None), None)
    if header_index is None:
        required = "“" + "”“".join(REGISTER_HEADERS[key] for key in _REQUIRED) + "”"
        raise DocumentError([Problem(Location(file_name), f"没有找到领导干部名册的表头行：应有{required}列。")])
    columns = _header(filled[header_index]) or {}
    problems: list[Problem] = []
    rows: list[RegisterRow] = []
    seen: dict[tuple[str, str, str], RegisterRow] = {}
    for line in filled[header_index + 1 :]:
        row = _row(line, columns, problems)
        if row is None:
            continue
        if (earlier := seen.get(row.key)) is not None:
            message = f"“{row.name}”与第{earlier.location.row}行重复（姓名、单位和角色都相同）。"
            problems.append(Problem(row.location.at(REGISTER_HEADERS["name"]), message))
            continue
        seen[row.key] = row
        rows.append(row)
    if problems:
        raise DocumentError(problems)
    return rows


def _header(line: Line) -> dict[str, int] | None:
    """Column key → cell index, when ``line`` names every required column."""
    compact = [re.sub(r"\s+", "", cell) for cell in line.cells]
    columns = {key: compact.index(text) for key, text in REGISTER_HEADERS.items() if text in compact}
    return columns if set(_REQUIRED) <= columns.keys() else None


def _row(line: Line, columns: dict[str, int], problems: list[Problem]) -> RegisterRow | None:
    def cell(key: str) -> str:
        index = columns.get(key)
        return line.cells[index].strip() if index is not None and index < len(line.cells) else ""

    found: list[Problem] = []
    where = line.location.at
    name = re.sub(r"\s+", "", cell("name"))  # "王 强": a two-character name padded to three
    for key in _REQUIRED:
        if not cell(key):
            found.append(Problem(where(REGISTER_HEADERS[key]), f"{REGISTER_HEADERS[key]}为空。"))
    role = ROLE_VALUES.get(re.sub(r"\s+", "", cell("role")))
    if cell("role") and role is None:
        message = f"角色“{cell('role')}”无法识别（应为“主要负责人”或“分管领导”）。"
        found.append(Problem(where(REGISTER_HEADERS["role"]), message))
    start, end = (_date(cell(key), where(REGISTER_HEADERS[key]), found) for key in ("term_start", "term_end"))
    if start and end and end < start:
        message = f"任职截止（{end:%Y-%m-%d}）早于任职起始（{start:%Y-%m-%d}）。"
        found.append(Problem(where(REGISTER_HEADERS["term_end"]), message))
    problems += found
    if found or role is None:
        return None
    return RegisterRow(
        name=name,
        post=cell("post"),
        unit=cell("unit"),
        role=role,
        location=line.location,
        units_in_charge=split_names(cell("units_in_charge")),
        term_start=start,
        term_end=end,
    )


def _date(text: str, where: Location, problems: list[Problem]) -> date | None:
    """A date written in one of the accepted forms; empty text is no date. A problem for anything else
    (including 2019年2月30日)."""
    if not text:
        return None
    if match := _DATE.match(text):
        with suppress(ValueError):
            return date(*(int(part) for part in match.groups()))
    problems.append(Problem(where, f"“{text}”不是有效日期（应写作2019-03-01或2019年3月1日）。"))
    return None
