"""Reporting periods. A period is a calendar month, represented by its first day (``date(2019, 6, 1)``)
and written ``2019-06``; its label is ``2019年6月``. Pure Python."""

import calendar
import re
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

_PERIOD = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_period(text: str) -> date:
    """``"2019-06"`` → ``date(2019, 6, 1)``. Raises ``ValueError`` with a Chinese message on bad input."""
    match = _PERIOD.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(_("报告期“%(text)s”格式不正确，应为“年-月”，如 2019-06。") % {"text": text})
    return date(int(match.group(1)), int(match.group(2)), 1)


def period_key(period: date) -> str:
    """``date(2019, 6, 1)`` → ``"2019-06"``."""
    return f"{period.year:04d}-{period.month:02d}"


def period_label(period: date) -> str:
    """``date(2019, 6, 1)`` → ``"2019年6月"``."""
    return f"{period.year}年{period.month}月"


def month_end(period: date) -> date:
    """The last day of the period's month."""
    return date(period.year, period.month, calendar.monthrange(period.year, period.month)[1])


def months_of_year(year: int) -> list[date]:
    """The twelve periods of a plan year."""
    return [date(year, month, 1) for month in range(1, 13)]


def period_of(day: date) -> date:
    """The period a day falls in."""
    return date(day.year, day.month, 1)


def reporting_deadline(period: date, reporting_day: int) -> date:
    """The day a period's report is due: ``reporting_day`` of the period's month (the seed's cadence notes
    monthly reports by the 25th or 28th; docs/reporting.md), clipped to the month's last day."""
    return date(period.year, period.month, min(reporting_day, month_end(period).day))


def elapsed_share(period: date) -> float:
    """The time-proportional yardstick 序时进度 at the end of ``period``: m/12 after m months (docs/supervision.md)."""
    return period.month / 12


QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")


def quarter_label(period: date) -> str:
    """The quarter a month ends: ``date(2019, 6, 1)`` → ``"2019年第二季度"``. Raises ``ValueError`` for a month
    that does not end a quarter."""
    if period.month % 3:
        raise ValueError(_("%(period)s不是季度末月份。") % {"period": period_label(period)})
    return f"{period.year}年{QUARTER_NAMES[period.month // 3 - 1]}"


def months_before(period: date, months: int) -> date:
    """The period ``months`` months earlier."""
    index = period.year * 12 + period.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def months_through(period: date) -> list[date]:
    """The periods of ``period``'s year up to and including it."""
    return [date(period.year, m, 1) for m in range(1, period.month + 1)]


def end_of_day(day: date) -> datetime:
    """The last instant of ``day`` in the current time zone (a deadline day counts whole)."""
    return timezone.make_aware(datetime.combine(day, time.max))
