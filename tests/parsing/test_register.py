"""Parsing a register of leading cadres: the columns, the forms of dates and roles, and every problem with
its file, row and column."""

from datetime import date

import pytest

from dukao.plans.parsing.errors import DocumentError
from dukao.plans.parsing.reader import read_lines
from dukao.plans.parsing.register import parse_register
from tests.paths import FIXTURES

REGISTER = FIXTURES / "registers" / "cadres.csv"
HEADER = "姓名,职务,单位,角色,分管单位,任职起始,任职截止\n"


def parse(text: str, name: str = "名册.csv"):
    return parse_register(read_lines(text.encode(), name), name)


def problems(text: str) -> list[str]:
    with pytest.raises(DocumentError) as caught:
        parse(text)
    return [str(p) for p in caught.value.problems]


def test_register_rows_in_every_date_form():
    rows = parse_register(read_lines(REGISTER.read_bytes(), REGISTER.name), REGISTER.name)
    assert [(r.name, r.role, r.unit) for r in rows] == [
        ("陈立新", "in_charge", "区政府办公室"),
        ("赵志刚", "in_charge", "区政府办公室"),
        ("张建国", "principal", "区发改经信局"),
        ("李明", "principal", "区商务局"),
    ]
    assert rows[0].units_in_charge == ["区发改经信局", "区财政局", "区市场监督局"]
    assert [r.term_start for r in rows] == [date(2016, 9, 1), date(2018, 1, 15), date(2017, 3, 1), date(2015, 6, 1)]
    assert rows[3].term_end == date(2018, 12, 31) and rows[0].term_end is None
    assert rows[2].location.row == 4


def test_lines_above_the_header_are_a_title():
    rows = parse("上城区领导干部名册\n" + HEADER + "张建国,局长,区发改经信局,主要负责人,,,\n")
    assert rows[0].location.row == 3


def test_a_file_without_the_header_is_refused():
    assert problems("姓名,职务,单位\n张建国,局长,区发改经信局\n") == [
        "文件“名册.csv”：没有找到领导干部名册的表头行：应有“姓名”“职务”“单位”“角色”列。"
    ]


def test_missing_name_unknown_role_and_bad_dates_name_row_and_column():
    found = problems(
        HEADER
        + ",局长,区财政局,主要负责人,,,\n"
        + "张建国,局长,区发改经信局,负责人,,,\n"
        + "李明,局长,区商务局,主要负责人,,2019年2月30日,\n"
        + "王强,局长,区教育局,主要负责人,,2019-05-01,2019-04-01\n"
    )
    assert found == [
        "文件“名册.csv”第2行“姓名”列：姓名为空。",
        "文件“名册.csv”第3行“角色”列：角色“负责人”无法识别（应为“主要负责人”或“分管领导”）。",
        "文件“名册.csv”第4行“任职起始”列：“2019年2月30日”不是有效日期（应写作2019-03-01或2019年3月1日）。",
        "文件“名册.csv”第5行“任职截止”列：任职截止（2019-04-01）早于任职起始（2019-05-01）。",
    ]


def test_a_cadre_listed_twice_is_refused():
    line = "张建国,局长,区发改经信局,主要负责人,,,\n"
    assert problems(HEADER + line + line) == [
        "文件“名册.csv”第3行“姓名”列：“张建国”与第2行重复（姓名、单位和角色都相同）。"
    ]
