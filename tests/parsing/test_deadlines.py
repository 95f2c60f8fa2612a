"""Deadline phrases → dates in the plan year."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dukao.plans.parsing.deadlines import Deadline, deadline_in_text, indicator_deadline, parse_deadline


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6月底前完成方案设计", date(2019, 6, 30)),
        ("确保9月30日前开工", date(2019, 9, 30)),
        ("三季度末前完成招标", date(2019, 9, 30)),
        ("上半年完成选址", date(2019, 6, 30)),
        ("推进中维商务中心建设,力争年底竣工并达成租赁协议", date(2019, 12, 31)),  # seed, annex 1
        ("2019年9月底前建成", date(2019, 9, 30)),
        ("全年完成固定资产投资130亿元", None),  # 全年 is a scope, not a limit
        ("1-6月增长5%", None),
        ("6月底前完成设计,9月底前开工", None),  # two deadlines: each indicator finds its own
        ("", None),
    ],
)
def test_a_deadline_in_the_requirement_text(text, expected):
    assert deadline_in_text(text, 2019) == expected


def test_an_indicator_takes_its_own_deadline_then_the_column_then_the_requirements():
    requirement = "6月底前完成设计,9月底前开工"
    assert indicator_deadline("9月底前开工", requirement, date(2019, 12, 31), 2019) == date(2019, 9, 30)
    assert indicator_deadline("完成设计", requirement, date(2019, 11, 30), 2019) == date(2019, 11, 30)
    assert indicator_deadline("完成设计", "6月底前完成设计", None, 2019) == date(2019, 6, 30)
    assert indicator_deadline("完成设计", "完成设计", None, 2019) is None
