"""Pure rules of notices (no Django): quiet hours, retry waits, and what an SMS may carry."""

from datetime import datetime, time, timedelta


def in_quiet_hours(moment: time, start: time | None, end: time | None) -> bool:
    """Whether ``moment`` (a local time of day) falls in the quiet hours [start, end); a window whose end is not
    after its start runs over midnight (22:00–07:00). No window, or an empty one, is never quiet."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def next_allowed(moment: datetime, start: time | None, end: time | None) -> datetime:
    """The first moment at or after ``moment`` (local, aware or naive) outside the quiet hours: ``moment`` itself
    when it is not quiet, otherwise the window's end on the right day."""
    if not in_quiet_hours(moment.time(), start, end):
        return moment
    candidate = moment.replace(hour=end.hour, minute=end.minute, second=end.second, microsecond=end.microsecond)
    return candidate if candidate > moment else candidate + timedelta(days=1)


def retry_wait(attempts: int, waits: list[int]) -> int | None:
    """Seconds to wait before the next try after ``attempts`` failed tries, or None when no try is left:
    ``waits`` holds one wait per retry (``DUKAO_NOTICE_RETRY_SECONDS``)."""
    if attempts < 1 or attempts > len(waits):
        return None
    return waits[attempts - 1]


#: What an SMS may carry: the fields the office can allow in ``DUKAO_SMS_PARAMS``. None of them names a person,
#: a unit or a task; a notice's title and text never go into an SMS.
SMS_FIELDS = ("kind", "count", "link")


def sms_params(allowed: list[str], *, kind: str, count: int, link: str) -> dict[str, str]:
    """The template parameters of an SMS: only the allowed fields among ``SMS_FIELDS``, in that order.
    Raises ValueError for a field that is not one of them (a configuration error)."""
    unknown = [f for f in allowed if f not in SMS_FIELDS]
    if unknown:
        raise ValueError(f"短信参数只能是 {', '.join(SMS_FIELDS)}，不能是 {', '.join(unknown)}。")
    values = {"kind": kind, "count": str(count), "link": link}
    return {f: values[f] for f in SMS_FIELDS if f in allowed}
