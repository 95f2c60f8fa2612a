"""Quirks of real decomposition documents met in the corpus (tests/corpus): unit lists with a lead-rule footnote,
"分别牵头", level groups and conjunctions, numbering with "﹒". Each line is short and shaped as the documents print
it; the names are those a real notice uses."""

import pytest

from dukao.plans.parsing.cleaning import clean
from dukao.plans.parsing.document import parse_document
from dukao.plans.parsing.errors import DocumentError, Location
from dukao.plans.parsing.reader import read_lines
from dukao.plans.parsing.shapes import ParsedTask, assign_units, split_names
from dukao.plans.parsing.tails import split_tail


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


@pytest.mark.parametrize(
    ("text", "rest", "labels"),
    [
        ("增长5%。(市国土局牵头)", "增长5%。", {"lead": "市国土局"}),
        ("增长11%(市发改委,各县市区政府)。", "增长11%。", {"responsible": "市发改委、各县市区政府"}),
        ("达标。(市水利局、市工信局等部门按职责分工负责)", "达标。", {"lead": "市水利局、市工信局等部门"}),
        (
            "稳就业。(国务院各部门分别负责,年内持续推进)",
            "稳就业。",
            {"lead": "国务院各部门", "deadline": "年内持续推进"},
        ),
        (
            "审批。(市政府辦公室牽頭,市級各部門按職責分工負責)",
            "审批。",
            {"lead": "市政府辦公室", "responsible": "市級各部門"},
        ),
        (
            "招商。(省发展改革委牵头,各地、各部门配合)",
            "招商。",
            {"lead": "省发展改革委", "cooperating": "各地、各部门"},
        ),
        ("推介。(省生长改造委牵头卖力)", "推介。", {"lead": "省生长改造委"}),
        (
            "新建公园5个。（牵头单位：区城管局；完成时限：9月底前）",
            "新建公园5个。",
            {"lead": "区城管局", "deadline": "9月底前"},
        ),
        ("公布市级《目录》(以下简称《目录》)", None, None),
        ("完成第二批(2)", None, None),
        ("开展试点(2019年)", None, None),
    ],
)
def test_a_trailing_parenthesis_naming_units_is_read_by_its_labels_or_verbs(text, rest, labels):
    assert split_tail(text) == (None if rest is None else (rest, labels))


def test_prefix_elision_reaches_a_provincial_department_of_any_length():
    assert split_names("省发展改革委、住房城乡建设厅、能源局") == ["省发展改革委", "省住房城乡建设厅", "省能源局"]


_TAILS = """\
长春市人民政府办公厅关于落实规划纲要主要目标和任务工作分工的通知
(长府办发〔2012〕19号)
二、主要目标和任务分工安排
(一)约束性指标
耕地保有量保持在2000.9万亩。(市国土局牵头)
单位工业增加值用水量达到省要求标准。(市水利局、市工信局等部门按职责分工负责)
一、主要调控预期目标
1.生产总值增长12%。
全市生产总值增长12%,总量达到2790亿元。(市发改委)
2、加强经济运行分析,确保完成主要指标。(牵头单位:发改委、统计局)
▲增加值可比增长14%左右
"""


def test_unnumbered_sentences_paragraphs_and_bullet_lines_closed_by_their_units_are_tasks():
    plan = parse(_TAILS).plans[0]
    assert (plan.title, plan.year) == ("落实规划纲要主要目标和任务工作分工", 2012)  # the year of 长府办发〔2012〕19号
    rows = [(t.section, t.seq_as_printed, t.lead_units, t.cooperating_units) for t in plan.tasks]
    assert rows == [
        ("二/一", "1", ["市国土局"], []),
        ("二/一", "2", ["市水利局", "市工信局"], []),
        ("一", "1", ["市发改委"], []),
        ("一", "2", ["发改委", "统计局"], []),
    ]
    assert plan.tasks[2].name + plan.tasks[2].requirement == "生产总值增长12%全市生产总值增长12%,总量达到2790亿元。"
    assert plan.tasks[3].requirement.endswith("增长14%左右")


_PDF_WRAPS = """\
石景山区贯彻落实《关于加强新时代街道工作的意见》的任务分解方案
2019年4月16日
一、提高城市基层党建工作水平
1.完善街道党工委对地区治理重大工作的领导体制机制,优
化决策程序。
牵头单位:区委组织部
协办单位:区委编办、区民政局(区委社会工委)、园区党工
委、各街道党工委
— — — 3 —
2.以区域化党建为重点。
牵头单位:区委组织部
北京市石景山区人民政府办公室
"""


def test_pdf_wraps_join_a_unit_name_and_page_numbers_are_dropped():
    tasks = parse(_PDF_WRAPS).plans[0].tasks
    assert tasks[0].name == "完善街道党工委对地区治理重大工作的领导体制机制,优化决策程序"
    assert tasks[0].cooperating_units == ["区委编办", "区民政局(区委社会工委)", "园区党工委", "各街道党工委"]
    assert tasks[1].lead_units == ["区委组织部"]  # a whole name is not continued by the next line


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            "国务院关于落实《政府工作报告》重点工作部门分工的意见\n",
            "国务院关于落实《政府工作报告》重点工作部门分工的意见",
        ),
        ("池州市人民政府关于创优营商环境的实施意见(池政〔2017〕101号)\n", "池州市人民政府关于创优营商环境的实施意见"),
        ("《广东省支持民间投资的实行方案》已经省人民政府同意,现印发给你们。\n", "广东省支持民间投资的实行方案"),
    ],
)
def test_a_document_that_is_itself_the_plan_or_names_it_in_its_notice_gives_the_title(lines, title):
    text = lines + "2023年3月17日\n1.完成第一件事。(市发改委牵头)\n"
    assert parse(text).plans[0].title == title


_NOTICE = "辽宁省人民政府关于印发《2023年\n省〈政府工作报告〉任务分解\n和责任分工方案》的通知\n各市人民政府:\n"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (  # the notice's title and the plan's own heading both wrap; the heading above the tasks is the title
            _NOTICE + "辽宁省人民政府\n2023年1月19日\n2023年省《政府工作报告》任务分解\n和责任分工方案\n",
            "2023年省《政府工作报告》任务分解和责任分工方案",
        ),
        (  # a remark in brackets and a date in Chinese numerals are not part of the heading
            "宁波市人民政府办公厅\n二○○六年三月三十日\n(此件公开发布)\n政府工作报告“十四五”时期\n重点工作责任分解\n",
            "政府工作报告“十四五”时期重点工作责任分解",
        ),
        (  # a page's navigation path and a site's banner above a heading are not the title
            "首页>政务>其他文件\n添加文秘网到电脑桌面\n贯彻落实《关于加强街道工作的意见》的任务分解方案\n"
            "— — — 2 —\n石景山区贯彻落实《关于加强\n街道工作的意见》的任务分解方案\n",
            "石景山区贯彻落实《关于加强街道工作的意见》的任务分解方案",
        ),
        ("特此通知\n2008年政府工作目标任务分解\n", "2008年政府工作目标任务分解"),
        (  # a heading that ends in a title word closes unless the next line goes on with 和
            "2019年政府工作报告目标任务责任分解\n一、主要目标\n",
            "2019年政府工作报告目标任务责任分解",
        ),
    ],
)
def test_a_heading_wrapped_over_lines_is_joined_into_the_plan_title(lines, title):
    text = lines + "1.完成第一件事。\n牵头单位:市发改委\n"
    assert parse(text, year=2021).plans[0].title == title  # the year as --year gives it where none is printed


_ONE_LINE = (
    "湖北省荆州市人民政府办公室关于分解落实《政府工作报告》的通知\n"
    "各县、市、区人民政府,市政府各部门: 现将2009年全市主要目标和工作任务分解给你们,请认真抓好落实。 "
    "一、主要工作目标 1、地区生产总值增长11%(市发改委,市政府相关部门,各县市区政府)。 "
    "2、万元生产总值综合能耗分别下降4.8%、3. 3%和1.4%(市发改委、市经委,各县市区政府)。 "
    "二、王丹县长牵头重点工作 1.落实党政机关过紧日子的要求。 责任单位:县财政局(首位单位为牵头单位,下同)、县税务局\n"
)


def test_a_document_flattened_onto_one_line_is_broken_at_its_items_headings_and_labels():
    document = parse(_ONE_LINE)
    tasks = document.plans[0].tasks
    rows = [(t.section, t.seq_as_printed or t.seq, t.lead_units, t.cooperating_units, t.leaders) for t in tasks]
    assert rows == [
        ("一", "1", ["市发改委"], ["市政府相关部门", "各县市区政府"], []),
        ("一", "2", ["市发改委"], ["市经委", "各县市区政府"], []),
        ("二", "1", ["县财政局"], ["县税务局"], ["王丹"]),
    ]
    assert "3. 3%" in tasks[1].name  # a number broken by a space is no item number
    assert any("全文排在一行" in repair for repair in document.repairs)


def test_a_division_label_tells_lead_and_cooperating_units_by_their_verbs():
    text = "2021年省《政府工作报告》重点任务分工方案\n一、主要预期目标\n1.地区生产总值增长6%以上。\n"
    text += "分管省领导:林克庆\n部门分工:省发展改革委牵头,各地、各部门配合。\n"
    task = parse(text).plans[0].tasks[0]
    assert (task.lead_units, task.cooperating_units, task.leaders) == (["省发展改革委"], ["各地", "各部门"], ["林克庆"])


_SCORED = """\
旌阳区2016年度经济社会发展目标任务分解表
项 目
分值
目标任务
监考单位
宏观调控
地区生产总值增长率
3
年终根据全省平均水平综合考核
区发改局区统计局
社会消费品零售总额增长率
3
全社会固定资产投资额
3
186
区发改委
完成重点项目年度投资计划
2
18.4
公共服务
城镇新增就业人数
1
5800
区人社局
"""


_RULE = "年终根据全省平均水平综合考核"


def test_an_assessed_target_grid_one_cell_per_line_is_rebuilt_by_its_scores_and_names_no_lead():
    document = parse(_SCORED)
    tasks = document.plans[0].tasks
    rows = [(t.seq, t.category, t.name, t.requirement, t.lead_units, t.remarks) for t in tasks]
    assert rows == [
        (
            "1",
            "宏观调控",
            "地区生产总值增长率",
            "年终根据全省平均水平综合考核",
            [],
            "分值：3；考核单位：区发改局、区统计局",
        ),
        (
            "2",
            "宏观调控",
            "社会消费品零售总额增长率",
            "年终根据全省平均水平综合考核",
            [],
            "分值：3；考核单位：区发改局、区统计局",
        ),
        ("3", "宏观调控", "全社会固定资产投资额", "186", [], "分值：3；考核单位：区发改委"),
        ("4", "宏观调控", "完成重点项目年度投资计划", "18.4", [], "分值：2；考核单位：区发改委"),
        ("5", "公共服务", "城镇新增就业人数", "5800", [], "分值：1；考核单位：区人社局"),
    ]
    assert any("考核单位记入备注" in warning for warning in document.warnings)


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("目標(biāo)管理工作方案", "目標管理工作方案"),
        ("責(zé)任單位", "責任單位"),
        ("完成(a)项与(2)项", "完成(a)项与(2)项"),
        (" ?。ㄒ唬┛缭绞桨l(fā)展目標。", "（一）跨越式發展目標。"),
        ("（一）跨越式发展目标。", "（一）跨越式发展目标。"),
    ],
)
def test_inline_pinyin_is_dropped_and_misaligned_double_bytes_are_read_again(text, cleaned):
    lines, _ = clean(read_lines(text.encode(), "doc.txt"))
    assert lines[0].text == cleaned


_GROUPED = """\
2007年鄭州市人民政府目標(biāo)管理工作方案
一、關於目標體系設置
 ?。ㄒ唬┛缭绞桨l(fā)展目標。主要針對“31245”的目標任務,包括3項。
1.地區生產總值增長15%;
2.第三產業增加值達到1000億元;
2項(xiàng)目標的責任單位均為市發展改革委。
3.規模以上工業銷售收入達到3000億元;
該目標責任單位為市經委。
"""


def test_a_sentence_giving_the_unit_of_the_targets_above_and_a_counted_class_heading():
    document = parse(_GROUPED)
    plan = document.plans[0]
    assert (plan.title, plan.year) == ("2007年鄭州市人民政府目標管理工作方案", 2007)
    rows = [(t.section, t.seq, t.lead_units, t.category) for t in plan.tasks]
    assert rows == [
        ("一/一", "1", ["市發展改革委"], "跨越式發展目標"),
        ("一/一", "2", ["市發展改革委"], "跨越式發展目標"),
        ("一/一", "3", ["市經委"], "跨越式發展目標"),
    ]
    assert any("拼音" in repair for repair in document.repairs)


_SUB_ITEMS = """\
池州市人民政府关于创优营商环境的实施意见(池政〔2017〕101号)
一、持续减少审批事项
1.深化商事制度改革。(1)全面落实“多证合一”改革。按原则整合。(市工商质监局牵头负责)(2)完善企业登记全程电子化。\
推行网上申请。(市工商质监局牵头负责)
2.根据《目录》(以下简称《目录》)推进改革。(市发改委牵头负责)
"""


def test_sub_items_on_their_items_line_each_closed_by_units_are_tasks_under_the_item():
    plan = parse(_SUB_ITEMS).plans[0]
    assert plan.year == 2017
    rows = [(t.section, t.seq_as_printed or t.seq, t.name, t.lead_units) for t in plan.tasks]
    assert rows == [
        ("一/1", "1", "全面落实“多证合一”改革", ["市工商质监局"]),
        ("一/1", "2", "完善企业登记全程电子化", ["市工商质监局"]),
        ("一", "2", "根据《目录》(以下简称《目录》)推进改革", ["市发改委"]),
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("某区人民政府\n说明文字。\n1. 推进某项工作。\n", "第3行“牵头部门”列"),
        ("某区人民政府\n说明文字。\n", "第1行“表头”列"),
    ],
)
def test_a_document_without_tasks_is_refused_at_a_row_and_a_column(text, where):
    with pytest.raises(DocumentError) as refused:
        parse(text)
    assert where in str(refused.value) and "没有找到目标任务分解表" in str(refused.value)


def test_traditional_labels_and_a_traditional_notice_subject_are_read():
    text = "安徽省人民政府關于 2021年重點工作及責任分解的通知\n一、確保目標\n1﹒全省生產總值增長8%。\n"
    text += "牽頭負責領導:鄧向陽。\n牽頭責任單位:省發展改革委\n"
    plan = parse(text).plans[0]
    assert (plan.title, plan.year) == ("2021年重點工作及責任分解", 2021)
    assert (plan.tasks[0].lead_units, plan.tasks[0].leaders) == (["省發展改革委"], ["鄧向陽"])


def test_a_flattened_notice_ends_its_publication_note_before_the_plan_title():
    text = " ".join(
        (
            "各镇人民政府(街道办事处),县政府各部门、直属各单位:",
            "《政府工作报告2022年重点工作责任分解》已经县政府讨论确定,现印发给你们,请认真贯彻执行。",
            "海盐县人民政府办公室 2022年4月18日 (此件公开发布) 政府工作报告2022年重点工作责任分解",
            "一、王丹县长牵头重点工作 1.全县生产总值增长7.5%左右。 责任单位:县发改局",
            "2.节俭办一切事业。 责任单位:县财政局",
        )
    )
    plan = parse(text + "\n").plans[0]
    assert plan.title == "政府工作报告2022年重点工作责任分解"
    assert [t.lead_units for t in plan.tasks] == [["县发改局"], ["县财政局"]]


_UNNUMBERED_CELLS = """\
长沙市人民政府2012年《政府工作报告》目标任务责任分解表
牵头单位
目   标   任   务
责  任  单  位
市政
府办
公厅
强化行政监督,自觉接受人大和政协监督
市直各单位
市发改委
全年地区生产总值增长12%
市统计局
"""


def test_a_grid_without_seq_one_cell_per_line_joins_a_wrapped_unit_name():
    document = parse(_UNNUMBERED_CELLS)
    tasks = document.plans[0].tasks
    assert [(t.seq, t.name, t.lead_units, t.responsible_units) for t in tasks] == [
        ("1", "强化行政监督,自觉接受人大和政协监督", ["市政府办公厅"], ["市直各单位"]),
        ("2", "全年地区生产总值增长12%", ["市发改委"], ["市统计局"]),
    ]
    assert any("无序号" in repair for repair in document.repairs)
