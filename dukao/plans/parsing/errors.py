"""Errors of the document parsers: every problem names the file, the row and the column, in Chinese."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where something sits in a source file. ``row`` is 1-based (a text line, a sheet row, a table row);
    ``part`` names the part of a file with parts, already phrased ("工作表“附件1”", "第2个表格");
    ``column`` is the column's header as printed (e.g. "目标类型")."""

    file: str
    row: int | None = None
    column: str = ""
    part: str = ""

    def describe(self) -> str:
        """Render as a Chinese phrase: 文件“附件.xlsx”工作表“附件1”第12行“牵头部门”列."""
        parts = [f"文件“{self.file}”"]
        if self.part:
            parts.append(self.part)
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"“{self.column}”列")
        return "".join(parts)

    def at(self, column: str) -> "Location":
        """The same row, another column."""
        return Location(self.file, self.row, column, self.part)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where, and a whole Chinese sentence saying what."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location.describe()}：{self.message}"


class DocumentError(Exception):
    """The document cannot be imported. ``problems`` lists every problem found (at least one)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
