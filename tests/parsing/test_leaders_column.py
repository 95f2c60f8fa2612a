"""A decomposition table with a 责任领导 column (here headed 区级领导): each row's leaders, split as written."""

from dukao.plans.parsing.document import parse_document
from dukao.plans.parsing.reader import read_lines
from dukao.plans.parsing.shapes import person_names
from tests.paths import FIXTURES

LEADERS = FIXTURES / "documents" / "leaders_column.csv"


def test_every_row_carries_the_leaders_its_column_names():
    document = parse_document(read_lines(LEADERS.read_bytes(), LEADERS.name), LEADERS.name)
    (plan,) = document.plans
    assert plan.title == "2019年区级领导联系重点工作目标任务分解表"
    assert [(t.seq, t.leaders) for t in plan.tasks] == [
        ("1", ["陈立新"]),
        ("2", ["陈立新", "王强"]),
        ("3", ["赵志刚", "刘晓燕"]),
        ("4", []),
    ]
    assert plan.tasks[3].requirement == "推进中维商务中心建设,力争年底竣工"


def test_names_split_on_slash_comma_and_space_but_padding_joins():
    assert person_names("陈立新/王强，刘晓燕 赵志刚") == ["陈立新", "王强", "刘晓燕", "赵志刚"]
    assert person_names("王 强、孙丽华") == ["王强", "孙丽华"]
