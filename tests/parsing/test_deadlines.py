"""Deadline phrases → dates in the plan year."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dukao.plans.parsing.deadlines import Deadline, parse_deadline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6月底前", Deadline(date(2019, 6, 30))),
        ("年底前", Deadline(date(2019, 12, 31))),
        ("三季度末", Deadline(date(2019, 9, 30))),
        ("第一季度", Deadline(date(2019, 3, 31))),
        ("2019年9月", Deadline(date(2019, 9, 30))),
        ("2020年2月", Deadline(date(2020, 2, 29))),
        ("2019年10月15日", Deadline(date(2019, 10, 15))),
        ("12月底前动工", Deadline(date(2019, 12, 31), "动工")),
        ("十一月底前完成", Deadline(date(2019, 11, 30), "完成")),
        ("9月15日前", Deadline(date(2019, 9, 15))),
        ("上半年", Deadline(date(2019, 6, 30))),
        ("长期坚持", Deadline(None)),
        ("", Deadline(None)),
        ("13月底", Deadline(None)),
    ],
)
def test_deadline_phrases(text, expected):
    assert parse_deadline(text, 2019) == expected


@given(st.text(), st.integers(min_value=-5, max_value=5000))
def test_never_raises(text, year):
    result = parse_deadline(text, year)
    assert result.on is None or isinstance(result.on, date)
