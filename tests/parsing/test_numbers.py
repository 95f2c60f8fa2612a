"""Chinese/Arabic number parsing, units and formatting."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dukao.plans.parsing.numbers import canonical, format_quantity, normalize, parse_number, parse_quantity


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("11000", "11000"),
        ("5.5", "5.5"),
        ("1,000", "1000"),
        (" 199.95 ", "199.95"),
        ("-3", "-3"),
        ("1.5万", "15000"),
        ("3万5千", "35000"),
        ("12亿", "1200000000"),
        ("十", "10"),
        ("十二", "12"),
        ("两", "2"),
        ("三", "3"),
        ("百", "100"),
        ("千", "1000"),
        ("二十", "20"),
        ("一百零五", "105"),
        ("一千零五十", "1050"),
        ("两万三千", "23000"),
        ("三亿五千万", "350000000"),
        ("一万亿", "1000000000000"),
        ("二〇一九", "2019"),
        ("零", "0"),
    ],
)
def test_parse_number_reads_arabic_and_chinese(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "万", "亿", "十十", "百十千", "三五万", "三5", "5A", "1.2.3", "家", "万亿"])
def test_parse_number_rejects_what_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("130亿元", "130", "亿元"),
        ("300万元", "300", "万元"),
        ("1万平方米", "1", "万平方米"),
        ("3.5万吨", "3.5", "万吨"),
        ("1.5万人", "15000", "人"),
        ("1.5万亿元", "15000", "亿元"),
        ("11000人", "11000", "人"),
        ("2000人次", "2000", "人次"),
        ("3个工作日", "3", "工作日"),
        ("5.5%", "5.5", "%"),
        ("百场", "100", "场"),
        ("5", "5", ""),
    ],
)
def test_parse_quantity_keeps_magnitudes_that_belong_to_the_unit(text: str, value: str, unit: str) -> None:
    assert parse_quantity(text) == (Decimal(value), unit)


@pytest.mark.parametrize("text", ["", "亿元", "130亿元以上", "五十岁", "2019年"])
def test_parse_quantity_rejects_other_text(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("value", "unit", "normalized", "base"),
    [
        ("130", "亿元", "13000000000", "元"),
        ("300", "万元", "3000000", "元"),
        ("2000", "元", "2000", "元"),
        ("1", "万平方米", "10000", "平方米"),
        ("3.5", "万吨", "35000", "吨"),
        ("199.95", "亩", "199.95", "亩"),
        ("5.5", "%", "5.5", "%"),
        ("3", "工作日", "3", "工作日"),
    ],
)
def test_normalize_converts_to_the_base_unit(value: str, unit: str, normalized: str, base: str) -> None:
    result, result_unit = normalize(Decimal(value), unit)
    assert (str(result), result_unit) == (normalized, base)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("35000.0", "35000"), ("199.950", "199.95"), ("1.3E+10", "13000000000"), ("0.10", "0.1"), ("-0", "-0")],
)
def test_canonical_drops_trailing_zeros_and_exponents(value: str, expected: str) -> None:
    assert str(canonical(Decimal(value))) == expected


UNITS = ["亿元", "万元", "元", "万平方米", "平方米", "万吨", "%", "家", "个", "人", "人次", "亩", "工作日", "天", ""]


@given(
    st.decimals(min_value=-(10**15), max_value=10**15, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(UNITS),
)
def test_format_quantity_round_trips_through_parse_quantity(value: Decimal, unit: str) -> None:
    assert parse_quantity(format_quantity(value, unit)) == (value, unit)


@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip_through_parse_number(value: int) -> None:
    assert parse_number(str(value)) == value


@given(st.text())
def test_parse_number_and_parse_quantity_never_raise(text: str) -> None:
    parse_number(text)
    parse_quantity(text)
