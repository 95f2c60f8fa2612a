"""Every layout the importer reads, one fixture document each (``tests/fixtures/documents``): the parsed
plan is asserted whole. The binary fixtures are made by ``make_fixtures.py`` beside them."""

from datetime import date

import pytest

from dukao.plans.parsing.deadlines import parse_deadline
from dukao.plans.parsing.document import parse_document
from dukao.plans.parsing.reader import read_lines
from dukao.plans.parsing.shapes import heading_leaders, person_names, split_names
from tests.paths import FIXTURES

DOCUMENTS = FIXTURES / "documents"


def parse(name: str, **kwargs):
    return parse_document(read_lines((DOCUMENTS / name).read_bytes(), name), name, **kwargs)


def rows(plan) -> list[tuple]:
    """Each task as (序号, 名称, 要求, 牵头, 配合, 领导, 时限, 类型)."""
    return [
        (
            t.seq,
            t.name,
            t.requirement,
            t.lead_units,
            t.cooperating_units,
            t.leaders,
            t.deadline_text,
            t.target_type,
        )
        for t in plan.tasks
    ]


def heading(plan) -> tuple:
    return (plan.title, plan.year, plan.kind, plan.annex_no, plan.target_types, plan.lead_rule)


def test_gb18030_csv_with_letter_spaced_headers_in_another_order():
    document = parse("livelihood_gb18030.csv")
    (plan,) = document.plans
    assert heading(plan) == ("临江区2022年民生实事项目任务分解表", 2022, "livelihood", None, {}, "explicit")
    assert rows(plan) == [
        (
            "1",
            "新建改扩建中小学和幼儿园",
            "建成临江实验小学，改扩建城东幼儿园，新增学位1800个",
            ["区教育局"],
            ["区发改局", "区财政局", "区自然资源分局"],
            [],
            "8月底前",
            "",
        ),
        (
            "2",
            "提升社区卫生服务能力",
            "完成3家社区卫生服务中心标准化改造",
            ["区卫生健康局"],
            ["区财政局", "相关街道办事处"],
            [],
            "三季度末",
            "",
        ),
        (
            "3",
            "改造城北农贸市场",
            "启动城北农贸市场提升改造",
            ["区商务局"],
            ["区市场监管局", "城北街道办事处"],  # "…等" dropped
            [],
            "12月底前动工",
            "",
        ),
        (
            "4",
            "建设居家养老服务中心",
            "新建街道级居家养老服务中心2个，新增养老床位120张",
            ["区民政局"],
            ["区卫生健康局", "区财政局"],  # "…等相关部门" dropped
            [],
            "6月底前",
            "",
        ),
        (
            "5",
            "新建口袋公园",
            "新建口袋公园6个、城市绿道5公里",
            ["区城管局"],
            ["区住房和城建局", "区自然资源分局"],  # split on a space
            [],
            "年底前",
            "",
        ),
    ]
    assert [t.remarks for t in plan.tasks] == ["", "", "续建项目", "", ""]
    assert (document.repairs, document.warnings) == ([], [])


def test_bom_csv_with_only_responsible_units_first_listed_leads():
    document = parse("responsible_bom.csv")
    (plan,) = document.plans
    assert heading(plan) == (
        "临江区2022年《政府工作报告》重点工作任务分解表",
        2022,
        "work_report",
        None,
        {},
        "first_listed",
    )
    assert rows(plan) == [
        (
            "1",
            "推动规上工业提质增效",
            "规上工业增加值增长7%",
            ["区经信局"],
            ["区统计局", "各镇（街道）"],
            ["陈志远"],
            "年底前",
            "",
        ),
        (
            "2",
            "扩大有效投资",
            "完成固定资产投资180亿元，其中工业投资45亿元",
            ["区发改局"],
            ["区经信局", "区住房和城建局"],  # a half-width comma list
            ["陈志远"],
            "年底前",
            "",
        ),
        (
            "3",
            "优化营商环境",
            "企业开办时间压缩至1个工作日以内",
            ["区市场监管局"],  # marked （牵头）, though listed second
            ["区行政审批局", "区税务局"],
            ["刘洋"],
            "6月底前",
            "",
        ),
        (
            "4",
            "深化“放管服”改革",
            "“一网通办”事项占比达到95%以上",
            ["区行政审批局"],
            [],
            ["刘洋", "周敏"],
            "9月底前",
            "",
        ),
    ]
    assert document.repairs == []


def test_bom_csv_with_only_responsible_units_all_jointly():
    (plan,) = parse("responsible_bom.csv", lead_rule="all_jointly").plans
    assert plan.lead_rule == "all_jointly"
    assert [(t.lead_units, t.cooperating_units) for t in plan.tasks] == [
        (["区经信局", "区统计局", "各镇（街道）"], []),
        (["区发改局", "区经信局", "区住房和城建局"], []),
        (["区市场监管局"], ["区行政审批局", "区税务局"]),  # the row's own mark wins over the rule
        (["区行政审批局"], []),
    ]


def test_city_csv_keeps_county_governments_whole():
    document = parse("city_counties.csv")
    (plan,) = document.plans
    assert heading(plan) == ("2023年江州市民生实事项目分解表", 2023, "livelihood", None, {}, "explicit")
    assert rows(plan) == [
        (
            "1",
            "实施城乡供水一体化工程",
            "新增农村规模化供水覆盖人口12万人",
            ["市水利局"],
            ["各县（市、区）政府", "市发改委", "市财政局"],
            [],
            "",
            "",
        ),
        (
            "2",
            "推进居民医保市级统筹",
            "居民医保参保率稳定在97%以上",
            ["市医保局"],
            ["市财政局", "各县(市、区)政府"],
            [],
            "",
            "",
        ),
        (
            "3",
            "建设普惠托育机构",
            "新增普惠性托位1500个",
            ["市卫生健康委"],
            ["各县（市、区）政府", "市教育局"],
            [],
            "",
            "",
        ),
    ]


def test_xlsx_merged_sub_rows_page_break_formulas_and_line_breaks():
    document = parse("subrows_pagebreak.xlsx")
    (plan,) = document.plans  # the header repeated on row 10 continues the table
    title = "临江区2022年《政府工作报告》目标任务分解表"
    assert heading(plan) == (title, 2022, "work_report", 1, {"A": "责任目标", "B": "激励目标"}, "explicit")
    assert rows(plan) == [
        ("1", "地区生产总值", "增长6.5%", ["区发改局"], ["区统计局", "各镇（街道）"], ["王强", "李明"], "年底前", "A"),
        (
            "2",
            "推进城市更新",
            "完成城中村改造1200户",
            ["城东街道办事处"],
            ["区住房和城建局", "区自然资源分局"],
            ["李明"],
            "10月底前",
            "A",
        ),
        (
            "2-2",
            "推进城市更新",
            "完成城中村改造800户",
            ["城西街道办事处"],
            ["区住房和城建局"],
            ["李明"],
            "11月底前",
            "A",
        ),
        (
            "2-3",
            "推进城市更新",
            "交付征迁安置房500套",
            ["区城投集团"],
            ["区住房和城建局"],
            ["张伟"],
            "2022年12月31日",  # a date-typed cell
            "B",
        ),
        (
            "3",  # =A6+1, the value Excel saved
            "打造“15分钟便民生活圈”",  # the line break inside the name is layout
            "1.新建便民生活圈4个；\n2.新增便民服务网点30个",
            ["区商务局"],
            ["各街道办事处"],
            ["王强"],
            "三季度末",
            "A",
        ),
        (
            "4",
            "建设区文体中心",
            "区文体中心主体工程开工建设",
            ["区文化和旅游局"],
            ["区发改局", "区财政局"],
            ["李明"],
            "12月底前动工",
            "A",
        ),
        (
            "5",
            "实施公共文化提升工程",
            "新建城市书房5个",
            ["区文化和旅游局"],
            ["各街道办事处"],
            ["李明"],
            "9月底前",
            "B",
        ),
    ]
    assert [t.location.row for t in plan.tasks] == [5, 6, 7, 8, 9, 11, 12]
    assert plan.tasks[-1].location.describe() == "文件“subrows_pagebreak.xlsx”工作表“附件1”第12行"
    assert document.repairs == [
        f"“{title}”文件“subrows_pagebreak.xlsx”工作表“附件1”第7行：没有单独的序号，视为序号2的续行"
        "（牵头部门城西街道办事处），编为序号2-2。",
        f"“{title}”文件“subrows_pagebreak.xlsx”工作表“附件1”第8行：没有单独的序号，视为序号2的续行"
        "（牵头部门区城投集团），编为序号2-3。",
    ]
    assert parse_deadline(plan.tasks[3].deadline_text, plan.year).on == date(2022, 12, 31)


def test_docx_notice_above_a_table_with_merged_cells():
    document = parse("notice_table.docx")
    notice = document.notice
    assert notice.recipients == "各镇人民政府、各街道办事处，区政府各部门、各直属单位"  # below title and number
    assert (notice.issuer, notice.issued_on, notice.disclosure) == (
        "临江区人民政府办公室",
        date(2023, 2, 20),
        "此件公开发布",
    )
    assert notice.attachments == {1: "2023年临江区民生实事项目任务分解表"}  # the only attachment, unnumbered
    assert notice.body == (
        "临江区人民政府办公室关于印发2023年临江区民生实事项目任务分解表的通知\n"
        "临政办发〔2023〕5号\n"
        "为切实办好2023年民生实事项目，经区政府同意，现将项目任务分解表印发给你们，请各牵头单位于每月25日前报送进展情况。"
    )
    (plan,) = document.plans
    legend = {"A": "责任目标", "B": "激励目标", "C": "争先创优目标"}
    title = "2023年临江区民生实事项目任务分解表"
    assert heading(plan) == (title, 2023, "livelihood", 1, legend, "explicit")  # labelled just "附件"
    assert rows(plan) == [
        (
            "1",
            "新建临江实验小学",
            "建成48个班、新增学位2160个，9月投入使用",
            ["区教育局"],
            ["区发改局", "区财政局"],  # two paragraphs in the cell
            ["周敏"],
            "",
            "A",
        ),
        (
            "2",
            "提升基层医疗服务能力",
            "完成江南社区卫生服务中心迁建",
            ["区卫生健康局"],
            ["江南街道办事处"],
            ["周敏"],
            "",
            "A",
        ),
        (
            "2-2",
            "提升基层医疗服务能力",
            "完成村卫生室标准化改造10家",
            ["临江镇人民政府"],
            ["区卫生健康局"],
            ["周敏"],
            "",
            "B",
        ),
        (
            "3",
            "改造老旧小区",
            "完成老旧小区综合改造15个，惠及居民4200户",
            ["区住房和城建局"],
            ["各街道办事处", "区城管局"],
            ["赵海峰"],
            "",
            "A",
        ),
        ("4", "建设停车设施", "新增公共停车泊位1500个", ["区城管局"], ["公安临江分局交警大队"], ["赵海峰"], "", "A"),
        ("5", "实施背街小巷改造", "改造背街小巷20条", ["区城管局"], ["各街道办事处"], ["赵海峰", "周敏"], "", "C"),
    ]
    assert [t.location.row for t in plan.tasks] == [3, 4, 5, 7, 8, 9]  # rows 2 and 6 are merged headings
    assert document.repairs == [
        f"“{title}”文件“notice_table.docx”第1个表格第5行：没有单独的序号，视为序号2的续行"
        "（牵头部门临江镇人民政府），编为序号2-2。"
    ]


def test_docx_paragraphs_with_inline_parentheticals():
    document = parse("inline_parenthetical.docx")
    assert (document.notice.issuer, document.notice.issued_on) == (
        "临江区优化营商环境工作领导小组办公室",
        date(2023, 1, 30),
    )
    assert document.notice.body == "2023年临江区优化营商环境重点任务清单\n一、提升政务服务效能\n二、强化要素保障"
    (plan,) = document.plans
    assert heading(plan) == ("2023年临江区优化营商环境重点任务清单", 2023, "other", None, {}, "first_listed")
    first = "推行企业开办“一件事”集成办理，全程网办率达到90%以上"
    third = "推进工业用地“标准地”出让改革，新增工业用地“标准地”出让比例达到100%"
    fourth = "落实减税降费政策，全年为市场主体减负3亿元以上"
    assert rows(plan) == [
        ("1", first, first + "。", ["区行政审批局"], ["区市场监管局", "区税务局", "区人力社保局"], [], "6月底前", ""),
        (
            "2",  # half-width brackets, colons and semicolons
            "建成区政务服务中心24小时自助服务区",
            "建成区政务服务中心24小时自助服务区。",
            ["区行政审批局"],
            ["区数据资源局"],
            [],
            "9月底前",
            "",
        ),
        ("3", third, third + "。", ["区自然资源分局"], ["区经信局"], ["陈志远"], "", ""),  # 责任单位: first leads
        ("4", fourth, fourth + "。", ["区税务局", "区财政局"], [], [], "年底前", ""),
    ]
    assert [t.location.describe() for t in plan.tasks][0] == "文件“inline_parenthetical.docx”正文第3行"


def test_label_blocks_with_leader_headings_and_labels_on_one_line():
    document = parse("label_blocks_leaders.txt")
    notice = document.notice
    assert notice.recipients == "各镇人民政府、各街道办事处，区政府各部门"
    assert (notice.issuer, notice.issued_on) == ("临江区人民政府办公室", date(2022, 3, 8))
    assert notice.body.splitlines() == [
        "临江区人民政府办公室关于印发2022年区政府重点工作责任分工的通知",
        "现将《2022年区政府重点工作责任分工》印发给你们，请结合实际认真抓好落实。"
        "各项任务由区政府分管领导牵头协调，每季度末将进展情况报区政府督查室。",  # prose, not a heading
        "一、稳增长促发展",
        "二、惠民生补短板",
    ]
    (plan,) = document.plans
    assert heading(plan) == ("2022年区政府重点工作责任分工", 2022, "other", None, {}, "first_listed")
    assert rows(plan) == [
        (
            "1",
            "推动工业经济稳中有进",
            "规上工业增加值增长7%以上，新增规上工业企业25家。",
            ["区经信局"],
            ["区统计局", "区税务局", "各镇（街道）"],
            ["陈志远"],  # "由常务副区长陈志远牵头"
            "年底前",
            "",
        ),
        (
            "2",
            "加快重大项目建设",
            "全年实施省市重点项目32个，完成年度投资86亿元。",
            ["区发改局"],  # "牵头单位：区发改局；配合单位：…" on one line
            ["区住房和城建局", "区自然资源分局"],
            ["陈志远"],
            "三季度末",
            "",
        ),
        (
            "3",
            "扩大城镇就业",
            "城镇新增就业8000人，城镇登记失业率控制在3%以内。",
            ["区人力社保局"],
            ["区财政局", "各街道办事处"],
            ["刘洋", "孙丽"],  # "由刘洋、孙丽副区长牵头"
            "",
            "",
        ),
        ("4", "办好人民满意教育", "新增公办学位2400个。", ["区教育局"], ["区发改局", "区财政局"], ["孙丽"], "", ""),
    ]
    assert [t.location.row for t in plan.tasks] == [6, 10, 15, 18]


def test_table_with_leader_section_headings_and_deadlines():
    (plan,) = parse("leader_sections.txt").plans
    assert heading(plan) == ("临江区2024年《政府工作报告》重点任务分解表", 2024, "work_report", None, {}, "explicit")
    assert rows(plan) == [
        (
            "1",
            "推进城区防洪排涝工程",
            "完成临江北岸堤防加固3.2公里",
            ["区水利局"],
            ["区财政局", "区自然资源分局"],
            ["赵海峰"],
            "6月底前",
            "",
        ),
        (
            "2",
            "实施农村人居环境整治",
            "完成20个村生活污水治理",
            ["区农业农村局"],
            ["区生态环境分局", "各镇人民政府"],
            ["赵海峰"],
            "三季度末",
            "",
        ),
        (
            "3",
            "建设区急救分中心",
            "区急救分中心主体工程开工",
            ["区卫生健康局"],
            ["区发改局", "区住房和城建局"],
            ["孙丽"],
            "12月底前动工",
            "",
        ),
        (
            "4",
            "开展全民健身活动",
            "举办群众性体育赛事30场次",
            ["区文化和旅游局"],
            ["区教育局", "各街道办事处"],
            ["孙丽"],
            "年底前",
            "",
        ),
    ]
    assert [parse_deadline(t.deadline_text, plan.year) for t in plan.tasks] == [
        parse_deadline("6月底前", 2024),
        parse_deadline("三季度末", 2024),
        parse_deadline("12月底前动工", 2024),
        parse_deadline("年底前", 2024),
    ]
    assert parse_deadline(plan.tasks[2].deadline_text, plan.year).verb == "动工"


def test_trailing_deng_is_dropped_from_unit_lists():
    (plan,) = parse("trailing_deng.txt").plans
    assert heading(plan) == ("2024年临江区“三服务”活动重点任务表", 2024, "other", None, {}, "explicit")
    assert rows(plan) == [
        ("1", "走访服务企业", "全年走访企业不少于1500家次", ["区经信局"], ["区商务局", "区科技局"], [], "", ""),
        ("2", "解决企业诉求", "企业诉求办结率达到95%", ["区营商办"], ["区市场监管局", "区税务局"], [], "", ""),
        ("3", "开展政银企对接", "举办政银企对接活动6场", ["区金融服务中心"], ["各商业银行临江支行"], [], "", ""),
    ]


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("王 强、李 明", ["王强", "李明"]),
        ("王　强", ["王强"]),  # padded with a full-width space
        ("赵海峰 周敏", ["赵海峰", "周敏"]),
        ("赵海峰 周 敏", ["赵海峰", "周敏"]),
        ("王 强 李 明", ["王强", "李明"]),
        ("陈志远\n刘 洋", ["陈志远", "刘洋"]),
        ("", []),
    ],
)
def test_leader_cells(cell, names):
    assert person_names(cell) == names


@pytest.mark.parametrize(
    ("text", "leaders"),
    [
        ("（一）由王强副区长牵头的工作", ["王强"]),
        ("（二）由常务副区长陈志远牵头的工作", ["陈志远"]),
        ("（三）由刘洋、孙丽副区长牵头的工作", ["刘洋", "孙丽"]),
        ("（四）由李 明同志牵头的工作", ["李明"]),
        ("（五）由王强副区长、李明副区长牵头的工作", ["王强", "李明"]),
        ("各项任务由区政府分管领导牵头协调，按季度报送进展。", None),
        ("一、经济发展", None),
    ],
)
def test_leader_headings(text, leaders):
    assert heading_leaders(text) == leaders


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("区财政局、区统计局等相关部门", ["区财政局", "区统计局"]),
        ("区教育局等有关单位", ["区教育局"]),
        ("各街道办事处等", ["各街道办事处"]),
        ("各县(市、区)政府，市财政局", ["各县(市、区)政府", "市财政局"]),
    ],
)
def test_unit_lists_drop_a_trailing_etc(cell, names):
    assert split_names(cell) == names
