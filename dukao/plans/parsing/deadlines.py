"""Deadlines as written in decomposition tables → a date in the plan year. Pure Python.

Shapes: ``parse_deadline("6月底前", 2019) == Deadline(date(2019, 6, 30), "")``,
``parse_deadline("12月底前动工", 2019) == Deadline(date(2019, 12, 31), "动工")``,
``parse_deadline("三季度末", 2019).on == date(2019, 9, 30)``, ``parse_deadline("2020年3月", 2019).on ==
date(2020, 3, 31)``. Text that names no date gives ``Deadline(None, "")``; nothing here raises.
Phrases follow issue 3 (6月底前, 年底前, 三季度末, 2019年9月, 12月底前动工) and REFERENCE.md's cadences.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from dukao.plans.parsing.numbers import parse_number

_CN = "一二三四五六七八九十"
# 2019年9月 / 2019年9月15日 / 2019.9 / 2019-09-15
_FULL = re.compile(r"((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})(?:\s*[月.\-/]\s*(\d{1,2})\s*日?)?")
# 9月15日
_MONTH_DAY = re.compile(rf"([0-9]{{1,2}}|[{_CN}]{{1,3}})月([0-9]{{1,2}})日")
# 6月底 / 6月末 / 六月 / 6月份
_MONTH = re.compile(rf"([0-9]{{1,2}}|[{_CN}]{{1,3}})月")
# 三季度 / 第三季度 / 3季度
_QUARTER = re.compile(r"第?([1-4一二三四])季度")
_YEAR_END = re.compile(r"年底|年末|年内|全年|本年度|年度内")
_FIRST_HALF = re.compile(r"上半年|年中")
# The action after the deadline: "12月底前动工" → 动工
_VERB = re.compile(r"(?:底前|末前|前|底|末|内)([\u4e00-\u9fff]{2,4})$")


@dataclass(frozen=True)
class Deadline:
    """A deadline: ``on`` is the last day it allows (None when the text names no date); ``verb`` the
    action tied to it, if any ("动工")."""

    on: date | None
    verb: str = ""


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _month(text: str) -> int:
    value = parse_number(text)
    return int(value) if value is not None else 0


def _date(text: str, year: int) -> date | None:
    if match := _FULL.search(text):
        y, m, d = int(match.group(1)), int(match.group(2)), match.group(3)
        return _safe_date(y, m, int(d)) if d else _month_end(y, m)
    if match := _MONTH_DAY.search(text):
        return _safe_date(year, _month(match.group(1)), int(match.group(2)))
    if match := _QUARTER.search(text):
        return _month_end(year, 3 * _month(match.group(1)))
    if match := _MONTH.search(text):
        return _month_end(year, _month(match.group(1)))
    if _FIRST_HALF.search(text):
        return date(year, 6, 30)
    if _YEAR_END.search(text):
        return date(year, 12, 31)
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_deadline(text: str, year: int) -> Deadline:
    """Read the deadline ``text`` of a task in a plan of ``year``."""
    compact = re.sub(r"\s+", "", text or "")
    if not compact or not 1900 < year < 2200:
        return Deadline(None)
    on = _date(compact, year)
    verb_match = _VERB.search(compact)
    return Deadline(on, verb_match.group(1) if on and verb_match else "")
