"""The pure rules of notices: quiet hours, retry waits, what an SMS may carry."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dukao.notices.rules import in_quiet_hours, next_allowed, retry_wait, sms_params

SHANGHAI = ZoneInfo("Asia/Shanghai")  # the deployment's zone: moments are local, as the service hands them
NIGHT = (time(22), time(7))  # over midnight
NOON = (time(12), time(13, 30))


@pytest.mark.parametrize(
    ("moment", "window", "quiet"),
    [
        (time(21, 59), NIGHT, False),
        (time(22), NIGHT, True),
        (time(3), NIGHT, True),
        (time(7), NIGHT, False),
        (time(12, 30), NOON, True),
        (time(13, 30), NOON, False),
        (time(3), (None, None), False),
        (time(3), (time(8), time(8)), False),
    ],
)
def test_quiet_hours(moment, window, quiet):
    assert in_quiet_hours(moment, *window) is quiet


@pytest.mark.parametrize(
    ("moment", "window", "allowed"),
    [
        (datetime(2019, 6, 23, 23, 30, tzinfo=SHANGHAI), NIGHT, datetime(2019, 6, 24, 7, tzinfo=SHANGHAI)),
        (datetime(2019, 6, 24, 2, 15, tzinfo=SHANGHAI), NIGHT, datetime(2019, 6, 24, 7, tzinfo=SHANGHAI)),
        (datetime(2019, 6, 24, 9, 0, tzinfo=SHANGHAI), NIGHT, datetime(2019, 6, 24, 9, 0, tzinfo=SHANGHAI)),
        (datetime(2019, 6, 24, 12, 5, tzinfo=SHANGHAI), NOON, datetime(2019, 6, 24, 13, 30, tzinfo=SHANGHAI)),
    ],
)
def test_the_next_moment_outside_quiet_hours(moment, window, allowed):
    assert next_allowed(moment, *window) == allowed


@given(
    moment=st.datetimes(
        min_value=datetime(2019, 1, 1),  # noqa: DTZ001 (hypothesis takes naive bounds; the zone comes below)
        max_value=datetime(2030, 1, 1),  # noqa: DTZ001
        timezones=st.just(SHANGHAI),
    ),
    start=st.times(),
    end=st.times(),
)
def test_a_delivery_never_waits_longer_than_a_day_and_never_lands_in_quiet_hours(moment, start, end):
    allowed = next_allowed(moment, start, end)
    assert moment <= allowed < moment + timedelta(days=1)
    assert not in_quiet_hours(allowed.time(), start, end)
    assert (allowed == moment) is not in_quiet_hours(moment.time(), start, end)


@pytest.mark.parametrize(("attempts", "wait"), [(0, None), (1, 60), (2, 300), (3, 1800), (4, None)])
def test_one_wait_per_retry(attempts, wait):
    assert retry_wait(attempts, [60, 300, 1800]) == wait


def test_an_sms_carries_only_the_allowed_fields():
    params = sms_params(["link", "kind"], kind="督办通知", count=2, link="https://x/notices/1/")
    assert params == {"kind": "督办通知", "link": "https://x/notices/1/"}
    with pytest.raises(ValueError, match="title"):
        sms_params(["kind", "title"], kind="督办通知", count=1, link="")
