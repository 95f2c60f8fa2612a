"""Tables that arrive without their cell boundaries, rebuilt into rows of cells. Pure Python.

Web pages and PDF text often give a grid in one of two broken shapes (docs/import.md, "Pipeline", step 2):

* **one cell per line**: the header's cells on consecutive lines ("序号" / "目 标 与 任 务" / "牵头责任单位"), then
  each row's cells on consecutive lines, every row starting with its 序号 alone on a line. A row with fewer cells
  than the header (an empty cell the copy dropped) is padded at its end; a section heading ("一、…") between rows
  stays a heading.
* **flattened**: the header on one line with its cells separated by spaces ("序号 工 作 任 务 牵头负责部门"),
  then one row per line: the 序号 first, the last columns' single words last, the task's text between.

A third shape is prose, not a grid: a **whole document on one line** (its line breaks turned into spaces), broken
again before its item numbers, headings, labels and dates.

Everything else passes through unchanged, so a document whose tables are whole is read as before.
"""

import re

from dukao.plans.parsing.reader import Line
from dukao.plans.parsing.shapes import header_key
from dukao.plans.parsing.tails import BODY_ENDINGS

_SEQ_ALONE = re.compile(r"^\s*\d{1,3}\s*[.．、]?\s*$")  # "      1        "
_SEQ_FIRST = re.compile(r"^\s*(\d{1,3})[.．、]?\s+(.+)$")  # "1 居民消费价格涨幅3%左右 发展改革委"
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十]+[)）])")
_CUT = "[TRUNCATED]"
# An assessed-target grid one cell per line: header 项目 | 分值 | 目标任务 | 监考单位, no 序号, 项目 spanning a category
# and an indicator column. A row is told by its 分值, a small number on the line after the indicator.
_SCORE = re.compile(r"^\d{1,2}(?:\.\d{1,2})?$")
_SCORED_HEADER = ("category", "name", "score", "requirement", "assessing")
_SCORED_LABELS = ("类别", "项目", "分值", "目标要求", "考核单位")
_MIN_COLUMNS = 3
_WRAPPED_PIECE = 2  # a narrow column wraps its text into pieces of at most this many characters
# A whole document flattened onto one line (its line breaks turned into spaces): it is broken again before every
# item number ("1、", "2.", not "3. 3%"), heading ("一、", "（一）"), label ("责任单位:") and date.
_FLAT_MIN_LENGTH = 150
_FLAT_ITEM = re.compile(r"(?<=\s)\d{1,3}[、.．﹒](?=[^\d\s])")
_FLAT_BREAK = re.compile(
    r"\s+(?=\d{1,3}[、.．﹒][^\d\s]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]"
    r"|[\u4e00-\u9fff]{2,6}单位\s*[:：]|\d{4}年\d{1,2}月\d{1,2}日|[(（]此件)"
    r"|(?<=\d日)\s+|(?<=公开[)）])\s+|(?<=发布[)）])\s+"
)


def _header(keys: list[str | None]) -> bool:
    """Whether cells with these column keys make a table header: a 序号 first, a task column, no repeats."""
    named = [key for key in keys if key is not None]
    return (
        len(keys) >= _MIN_COLUMNS
        and len(named) == len(keys)
        and len(set(named)) == len(named)
        and keys[0] == "seq"
        and "name" in named
    )


def _letter_spaced(words: list[str]) -> list[str]:
    """Join runs of single characters: ["序号", "工", "作", "任", "务", "牵头负责部门"] → ["序号", "工作任务", …]."""
    cells: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1:
            run += word
            continue
        cells += [run, word] if run else [word]
        run = ""
    return cells + ([run] if run else [])


def regrid(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """The lines with broken tables rebuilt into rows; the repairs made, one sentence per table."""
    lines = [line for line in lines if line.filled]
    out: list[Line] = []
    repairs: list[str] = []
    index = 0
    while index < len(lines):
        if (pieces := _unflattened(lines[index])) is not None:
            out += pieces
            repairs.append(f"{lines[index].location.describe()}的全文排在一行，已按编号、标题和标签重新分行。")
            index += 1
            continue
        rebuilt = (
            _one_cell_per_line(lines, index)
            or _scored_grid(lines, index)
            or _unnumbered_cells(lines, index)
            or _flattened(lines, index)
        )
        if rebuilt is None:
            out.append(lines[index])
            index += 1
            continue
        rows, index, repair = rebuilt
        out += rows
        repairs.append(repair)
    return out, repairs


def _one_cell_per_line(lines: list[Line], start: int) -> tuple[list[Line], int, str] | None:
    end = start
    while end < len(lines) and lines[end].is_text and header_key(lines[end].text) is not None:
        end += 1
    keys = [header_key(line.text) for line in lines[start:end]]
    if not _header(keys):
        return None
    width = len(keys)
    rows = [Line(tuple(line.text for line in lines[start:end]), lines[start].location)]
    current: list[Line] = []
    index = end
    while index < len(lines) and lines[index].is_text and lines[index].text != _CUT:
        line = lines[index]
        if _SEQ_ALONE.match(line.text):
            rows += _row(current, width)
            current = [line]
        elif _HEADING.match(line.text) and len(current) != 1:  # not the text right after a 序号
            rows += [*_row(current, width), line]
            current = []
        else:
            current.append(line)
        index += 1
    rows += _row(current, width)
    where = lines[start].location.describe()
    return rows, index, f"{where}起的表格每个单元格占一行，已按表头的{width}列重新组成行。"


def _row(cells: list[Line], width: int) -> list[Line]:
    """One row from its cell lines: a heading alone stays text; cells beyond the header's width join the last."""
    if not cells:
        return []
    if len(cells) == 1:
        return [cells[0]]
    texts = [line.text.strip() for line in cells]
    texts = texts[: width - 1] + ["、".join(texts[width - 1 :])] if len(texts) > width else texts
    return [Line(tuple(texts), cells[0].location)]


def _flattened(lines: list[Line], start: int) -> tuple[list[Line], int, str] | None:
    line = lines[start]
    if not line.is_text:
        return None
    cells = _letter_spaced(line.text.split())
    if not _header([header_key(cell) for cell in cells]):
        return None
    width = len(cells)
    rows = [Line(tuple(cells), line.location)]
    index = start + 1
    while index < len(lines) and lines[index].is_text and (match := _SEQ_FIRST.match(lines[index].text)):
        words = match.group(2).split()
        tail = width - 2  # the columns after the task's text hold one word each
        if len(words) <= tail:
            rows.append(Line((match.group(1), " ".join(words)), lines[index].location))
        else:
            text = " ".join(words[: len(words) - tail])
            rows.append(Line((match.group(1), text, *words[len(words) - tail :]), lines[index].location))
        index += 1
    return rows, index, f"{line.location.describe()}起的表格以空格分隔单元格，已按表头的{width}列拆分。"


def _unflattened(line: Line) -> list[Line] | None:
    """A long line of prose holding two or more numbered items, broken at its items, headings, labels and dates
    ("… 一、主要工作目标 1、地区生产总值增长11%（…）。 2、…"); None for any other line."""
    if not line.is_text or len(line.text) < _FLAT_MIN_LENGTH or len(_FLAT_ITEM.findall(line.text)) < 2:
        return None
    return [Line((piece,), line.location) for piece in _FLAT_BREAK.split(line.text) if piece.strip()]


def _scored_grid(lines: list[Line], start: int) -> tuple[list[Line], int, str] | None:
    """An assessed-target grid given one cell per line (``_SCORE``): each row is its indicator, its 分值, then
    its target and its assessing unit where the copy kept them — a merged cell arrives only in the first row of
    its block, so a row without them takes them from the row above — and a category line before an indicator
    starts a new category. The rebuilt header names the columns by role: 类别 | 项目 | 分值 | 目标要求 | 考核单位."""
    end = start
    while end < len(lines) and lines[end].is_text and header_key(lines[end].text) is not None:
        end += 1
    keys = [header_key(line.text) for line in lines[start:end]]
    if "score" not in keys or "seq" in keys or keys.count("name") < 1 or keys[-1] != "assessing":
        return None
    texts: list[str] = []
    index = end
    while index < len(lines) and lines[index].is_text and lines[index].text != _CUT:
        texts.append(lines[index].text.strip())
        index += 1
    starts = [i for i in range(len(texts) - 1) if not _SCORE.match(texts[i]) and _SCORE.match(texts[i + 1])]
    if not starts:
        return None
    rows = [Line(_SCORED_LABELS, lines[start].location)]
    above = ("", "")
    category = next((t for t in texts[: starts[0]] if not t.endswith(BODY_ENDINGS)), "")
    for number, first in enumerate(starts):
        following = starts[number + 1] if number + 1 < len(starts) else len(texts)
        cells = texts[first + 2 : following]
        target = cells.pop(0) if cells and not cells[0].endswith(BODY_ENDINGS) else ""
        assessing = cells.pop(0) if cells and cells[0].endswith(BODY_ENDINGS) else ""
        above = (target or above[0], assessing or above[1])
        rows.append(Line((category, texts[first], texts[first + 1], *above), lines[end + first].location))
        category = cells[-1] if cells else category  # a category line before the next indicator
    where = lines[start].location.describe()
    repair = f"{where}起的考核表每个单元格占一行，已按“分值”重新组成行；合并单元格（目标、考核单位）沿用上一行。"
    return rows, index, repair


def _unnumbered_cells(lines: list[Line], start: int) -> tuple[list[Line], int, str] | None:
    """A grid without 序号 given one cell per line (牵头单位 | 目标任务 | 责任单位): rows are cut every header-width
    cells, after a narrow column's wrapped text is joined again — two or more consecutive lines of at most two
    characters are the pieces of one cell ("市政" / "府办" / "公厅" = 市政府办公厅)."""
    end = start
    while end < len(lines) and lines[end].is_text and header_key(lines[end].text) is not None:
        end += 1
    keys = [header_key(line.text) for line in lines[start:end]]
    named = [key for key in keys if key is not None]
    if len(keys) < _MIN_COLUMNS or len(set(named)) != len(keys) or "seq" in named or "name" not in named:
        return None
    if not {"lead", "responsible"} & set(named):
        return None
    cells: list[Line] = []
    pieces = False  # whether the last cell was joined from wrapped pieces
    index = end
    while index < len(lines) and lines[index].is_text and lines[index].text != _CUT:
        text = lines[index].text.strip()
        if len(text) <= _WRAPPED_PIECE and cells and (pieces or len(cells[-1].text) <= _WRAPPED_PIECE):
            cells[-1], pieces = Line((cells[-1].text + text,), cells[-1].location), True
        else:
            cells.append(Line((text,), lines[index].location))
            pieces = False
        index += 1
    width = len(keys)
    if len(cells) < width:
        return None
    rows = [Line(tuple(line.text for line in lines[start:end]), lines[start].location)]
    for first in range(0, len(cells), width):
        rows += _row(cells[first : first + width], width)
    where = lines[start].location.describe()
    return rows, index, f"{where}起的表格（无序号）每个单元格占一行，已按表头的{width}列重新组成行。"
