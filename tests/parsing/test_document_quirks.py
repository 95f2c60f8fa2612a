"""Quirks of real decomposition documents met in the corpus (tests/corpus): unit lists with a lead-rule footnote,
"分别牵头", level groups and conjunctions, numbering with "﹒". Each line is short and shaped as the documents print
it; the names are those a real notice uses."""

import pytest

from dukao.plans.parsing.document import parse_document
from dukao.plans.parsing.errors import Location
from dukao.plans.parsing.reader import read_lines
from dukao.plans.parsing.shapes import ParsedTask, assign_units, split_names


def parse(text: str, name: str = "doc.txt", **given):
    return parse_document(read_lines(text.encode(), name), name, **given)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("县发改局(首位单位为牵头单位,下同)、县财政局", ["县发改局", "县财政局"]),
        ("市卫生健康委(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)", ["市卫生健康委"]),
        ("功能区管委会(列第一位者为牵头或汇总单位,下同)", ["功能区管委会"]),
        ("市财政局(国资委)", ["市财政局(国资委)"]),
        ("市财政局、各区、县(市)政府及开发区管委会", ["市财政局", "各区、县(市)政府", "开发区管委会"]),
        ("市级各有关部门及各县市区政府", ["市级各有关部门", "各县市区政府"]),
        ("省经济和信息化厅、市住房和城乡建设局", ["省经济和信息化厅", "市住房和城乡建设局"]),
        ("能源局等省有关部门和各地级以上市人民政府", ["能源局", "各地级以上市人民政府"]),
    ],
)
def test_unit_lists_drop_footnotes_and_split_conjunctions_but_keep_level_groups(text, names):
    assert split_names(text) == names


@pytest.mark.parametrize(
    ("responsible", "lead", "cooperating"),
    [
        ("市人力社保局、市农业农村局分别牵头", ["市人力社保局", "市农业农村局"], []),
        ("市发改委、市经信局", ["市发改委"], ["市经信局"]),
    ],
)
def test_a_responsible_list_ending_in_fenbie_qiantou_names_every_unit_a_lead(responsible, lead, cooperating):
    task = ParsedTask("1", "任务", "", Location("x.txt"))
    assign_units(task, "", responsible, "", "first_listed")
    assert (task.lead_units, task.cooperating_units) == (lead, cooperating)


def test_label_blocks_numbered_with_a_small_full_stop_are_read():
    text = "一、确保完成全年主要预期目标\n1﹒全省生产总值增长7%以上。\n牵头责任单位:省发展改革委。\n"
    tasks = parse(text, title="2022年重点工作及责任分解", year=2022).plans[0].tasks
    assert [(t.seq, t.section, t.lead_units) for t in tasks] == [("1", "一", ["省发展改革委"])]
