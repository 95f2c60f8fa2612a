"""Deadlines as written in decomposition tables → a date in the plan year. Pure Python.

Shapes: ``parse_deadline("6月底前", 2019) == Deadline(date(2019, 6, 30), "")``,
``parse_deadline("12月底前动工", 2019) == Deadline(date(2019, 12, 31), "动工")``,
``parse_deadline("三季度末", 2019).on == date(2019, 9, 30)``, ``parse_deadline("2020年3月", 2019).on ==
date(2020, 3, 31)``. Text that names no date gives ``Deadline(None, "")``; nothing here raises.
Phrases: 6月底前, 年底前, 三季度末, 2019年9月, 12月底前动工.

A requirement may give a deadline in its text too ("6月底前完成方案设计"): ``deadline_in_text`` finds a date
phrase that says it is a limit (…前, …底, …末, 上半年, 年内), and ``indicator_deadline`` gives an indicator its
deadline — the one in its own words, else the 完成时限 column's, else the requirement's only one.
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
# A deadline phrase inside a requirement: a date, then a word that makes it a limit (前 / 底 / 末 / 以前 / 之前)
_DATE_PART = (
    rf"(?:(?:19|20)\d{{2}}年)?(?:[0-9]{{1,2}}|[{_CN}]{{1,3}})月(?:[0-9]{{1,2}}日)?(?:份)?"
    r"|第?[1-4一二三四]季度|年"
)
_IN_TEXT = re.compile(rf"(?:{_DATE_PART})(?:底前|末前|底|末|以前|之前|前)|上半年|年内|年底|年末")
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


def deadline_in_text(text: str, year: int) -> date | None:
    """The last day a deadline phrase in running text allows ("…6月底前完成方案设计" → 30 June), or None when the
    text has none or several different ones."""
    compact = re.sub(r"\s+", "", text or "")
    found = {parse_deadline(m.group(0), year).on for m in _IN_TEXT.finditer(compact)} - {None}
    return found.pop() if len(found) == 1 else None


def indicator_deadline(text: str, requirement: str, column: date | None, year: int) -> date | None:
    """An indicator's deadline: a deadline phrase in its own ``text``, else the task's 完成时限 ``column``, else the
    one deadline phrase of its ``requirement``; None when none is given (the year end applies)."""
    return deadline_in_text(text, year) or column or deadline_in_text(requirement, year)
