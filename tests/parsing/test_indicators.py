"""The requirement → indicators parser: every seed row against the hand-checked golden file, the rules one
by one, and properties over arbitrary text. Pure Python: no database, no Django."""

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dukao.plans.parsing.indicators import Comparator, IndicatorKind, ParsedIndicator, parse_indicators
from dukao.plans.parsing.numbers import format_quantity
from tests.paths import FIXTURES, SEED

GOLDEN_KEYS = (
    "kind",
    "comparator",
    "target",
    "stretch",
    "unit",
    "normalized_unit",
    "normalized_target",
    "scope",
    "assigned_by_city",
    "approximate",
    "verb",
    "items",
    "source",
)


def seed_rows() -> Iterator[tuple[str, str, str, str]]:
    """(annex, row number, task name, requirement) of every table row of the seed document."""
    annex = ""
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.startswith(("附件1", "附件2")):
            annex = "annex1" if line.startswith("附件1") else "annex2"
            continue
        cells = [cell.strip() for cell in line.split("|")]
        if annex and len(cells) >= 3 and cells[0].isdigit():
            yield annex, cells[0], cells[1], cells[2]


SEED_ROWS = list(seed_rows())
ROW_IDS = [f"{annex}-{number}" for annex, number, *_ in SEED_ROWS]
GOLDEN: dict[str, dict[str, list[dict[str, Any]]]] = json.loads(
    (FIXTURES / "seed_indicators.json").read_text(encoding="utf-8")
)


def as_golden(indicator: ParsedIndicator) -> dict[str, Any]:
    """The golden-file form of an indicator: enums as values, numbers as strings, items as a list."""
    row: dict[str, Any] = {}
    for key in GOLDEN_KEYS:
        value = getattr(indicator, key)
        if isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, IndicatorKind | Comparator):
            value = value.value
        row[key] = value
    return row


def parse_row(annex: str, number: str) -> list[ParsedIndicator]:
    for row_annex, row_number, name, requirement in SEED_ROWS:
        if (row_annex, row_number) == (annex, number):
            return parse_indicators(requirement, name)
    raise LookupError(f"{annex} row {number} is not in the seed")


def only(indicators: list[ParsedIndicator]) -> ParsedIndicator:
    assert len(indicators) == 1, indicators
    return indicators[0]


# --- the seed document against the golden file ---------------------------------------------------------


def test_seed_has_148_plus_15_rows_and_golden_covers_each() -> None:
    counts = {annex: sum(1 for a, *_ in SEED_ROWS if a == annex) for annex in ("annex1", "annex2")}
    assert counts == {"annex1": 148, "annex2": 15}
    assert {(a, n) for a, n, *_ in SEED_ROWS} == {(a, n) for a, rows in GOLDEN.items() for n in rows}


@pytest.mark.parametrize(("annex", "number", "name", "requirement"), SEED_ROWS, ids=ROW_IDS)
def test_seed_row_matches_golden(annex: str, number: str, name: str, requirement: str) -> None:
    parsed = parse_indicators(requirement, name)
    assert [as_golden(i) for i in parsed] == GOLDEN[annex][number]


@pytest.mark.parametrize(("annex", "number", "name", "requirement"), SEED_ROWS, ids=ROW_IDS)
def test_seed_row_indicators_are_understood_and_located(annex: str, number: str, name: str, requirement: str) -> None:
    parsed = parse_indicators(requirement, name)
    assert parsed
    for indicator in parsed:
        source = name if indicator.source == "name" else requirement
        assert source[indicator.start : indicator.start + len(indicator.text)] == indicator.text
        assert indicator.text
        assert not indicator.needs_confirmation


def test_seed_spot_checks() -> None:
    growth = only(parse_row("annex1", "1"))
    assert (growth.kind, growth.target, growth.unit) == (IndicatorKind.GROWTH, Decimal("5.5"), "%")
    money = only(parse_row("annex1", "4"))
    assert (money.target, money.unit, money.normalized_target, money.normalized_unit) == (
        Decimal(130),
        "亿元",
        Decimal(13000000000),
        "元",
    )
    jobs = only(parse_row("annex1", "6"))
    assert (jobs.target, jobs.unit) == (Decimal(11000), "人")
    new, total = parse_row("annex1", "9")
    assert (new.target, new.scope, total.target, total.scope) == (
        Decimal(1900),
        "increment",
        Decimal(6400),
        "cumulative",
    )
    high_tech = only(parse_row("annex1", "23"))
    assert (high_tech.target, high_tech.stretch, high_tech.assigned_by_city) == (Decimal(25), Decimal(28), True)
    assert [i.target for i in parse_row("annex1", "36")] == [Decimal(90), Decimal(95)]
    approval = only(parse_row("annex1", "38"))
    assert (approval.target, approval.unit, approval.comparator) == (Decimal(90), "天", Comparator.LE)
    accidents = only(parse_row("annex1", "104"))
    assert (accidents.kind, accidents.target) == (IndicatorKind.DECLINE, Decimal(15))
    plots, area = parse_row("annex1", "86")
    assert (plots.target, plots.unit, area.target, area.unit) == (Decimal(7), "宗", Decimal("199.95"), "亩")
    green = only(parse_row("annex2", "2"))
    assert (green.source, green.target, green.unit, green.normalized_target) == ("name", 1, "万平方米", 10000)
    retirees = only(parse_row("annex2", "11"))
    assert (retirees.target, retirees.unit, retirees.approximate) == (Decimal(4800), "名", True)


# --- the rules, one by one --------------------------------------------------------------------------------


def test_stretch_value_follows_liizheng() -> None:
    indicator = only(parse_indicators("新增国家高新技术企业25家,力争28家"))
    assert (indicator.target, indicator.stretch, indicator.normalized_stretch) == (Decimal(25), Decimal(28), 28)
    assert indicator.text == "新增国家高新技术企业25家,力争28家"


def test_stretch_in_another_unit_is_a_target_of_its_own() -> None:
    parsed = parse_indicators("新增企业25家,力争投资3亿元")
    assert [(i.target, i.unit, i.stretch) for i in parsed] == [(25, "家", None), (3, "亿元", None)]


def test_city_assigned_flag_applies_to_every_indicator() -> None:
    parsed = parse_indicators("全区新增上云企业1900家,累计上云企业突破6400家(市下达指标)")
    assert len(parsed) == 2
    assert all(i.assigned_by_city for i in parsed)


def test_city_assigned_sentence_flags_only_its_own_indicators() -> None:
    money, milestone = parse_indicators("全年完成国内招商引资110亿元;外资按市对区下达目标任务完成")
    assert (money.assigned_by_city, milestone.assigned_by_city) == (False, True)


def test_full_width_forms_are_read_like_ascii() -> None:
    indicator = only(parse_indicators("增长５.５％（市下达指标）"))
    assert (indicator.kind, indicator.target, indicator.assigned_by_city) == (
        IndicatorKind.GROWTH,
        Decimal("5.5"),
        True,
    )


def test_percentage_after_growth_verb_is_growth_and_otherwise_a_ratio() -> None:
    growth, ratio = parse_indicators("增加值增长15%,满意率达95%")
    assert (growth.kind, growth.comparator, growth.unit) == (IndicatorKind.GROWTH, Comparator.GE, "%")
    assert (ratio.kind, ratio.comparator, ratio.subject) == (IndicatorKind.RATIO, Comparator.GE, "满意率")


def test_signed_percentage_keeps_its_sign_but_a_range_does_not_make_one() -> None:
    assert only(parse_indicators("增长-2%")).target == -2
    assert only(parse_indicators("满意率95-98%")).target == 98


def test_decline_with_yishang_is_at_least_the_decline() -> None:
    indicator = only(parse_indicators("交通事故同比下降15%以上"))
    assert (indicator.kind, indicator.comparator, indicator.target) == (IndicatorKind.DECLINE, Comparator.GE, 15)


@pytest.mark.parametrize(
    ("requirement", "comparator"),
    [
        ("企业走访不少于2000人次", Comparator.GE),
        ("企业问题解决率不低于80%", Comparator.GE),
        ("累计上云企业突破6400家", Comparator.GE),
        ("建成窗口10个以上", Comparator.GE),
        ("建设公共停车泊位500个", Comparator.GE),
        ("负债率控制在60%以内", Comparator.LE),
        ("空置率不超过5%", Comparator.LE),
        ("能耗下降至5%", Comparator.LE),
    ],
)
def test_comparator_words(requirement: str, comparator: Comparator) -> None:
    assert only(parse_indicators(requirement)).comparator == comparator


@pytest.mark.parametrize(
    ("requirement", "target", "unit"),
    [("压缩企业开办时间至3个工作日", 3, "工作日"), ("赋码备案项目开工前审批实现“最多90天”", 90, "天")],
)
def test_duration_is_a_ceiling(requirement: str, target: int, unit: str) -> None:
    indicator = only(parse_indicators(requirement))
    assert (indicator.kind, indicator.comparator, indicator.target, indicator.unit) == (
        IndicatorKind.DURATION,
        Comparator.LE,
        target,
        unit,
    )


def test_money_is_normalized_to_yuan() -> None:
    parsed = parse_indicators("全年发放优待抚恤对象650人,2000万元")
    assert [(i.kind, i.normalized_target, i.normalized_unit) for i in parsed] == [
        (IndicatorKind.QUANTITY, 650, "人"),
        (IndicatorKind.MONEY, 20000000, "元"),
    ]


def test_wan_belongs_to_a_unit_written_with_it() -> None:
    area = only(parse_indicators("新开发地下空间18万平方米"))
    waste = only(parse_indicators("全年源头减量3.5万吨"))
    assert (area.target, area.unit, area.normalized_target, area.normalized_unit) == (18, "万平方米", 180000, "平方米")
    assert (waste.target, waste.unit, waste.normalized_target, waste.normalized_unit) == (
        Decimal("3.5"),
        "万吨",
        35000,
        "吨",
    )


def test_wan_is_a_numeral_before_a_plain_measure_word() -> None:
    indicator = only(parse_indicators("培训企业职工1.5万人次"))
    assert (indicator.target, indicator.unit) == (15000, "人次")


@pytest.mark.parametrize(
    ("requirement", "targets"),
    [
        ("全年开展百场演出、千册图书、千人体测等系列惠民工程", [(100, "场"), (1000, "册"), (1000, "人")]),
        ("打造三个养老品牌", [(3, "个")]),
        ("组建两支志愿者队伍", [(2, "支")]),
        ("建成十二个示范点", [(12, "个")]),
        ("实现征迁1100户", [(1100, "户")]),
    ],
)
def test_chinese_numerals_before_measure_words_are_counts(requirement: str, targets: list[tuple[int, str]]) -> None:
    assert [(i.target, i.unit) for i in parse_indicators(requirement)] == targets


@pytest.mark.parametrize(
    "requirement",
    [
        "举办“智汇经典上城”2019高层次人才交流与项目合作大会",
        "挂牌认定第三批“市民终身学习体验基地”",
        "完成健康大数据中心二期建设",
        "完成5A级旅游资源评估",
        "组织推荐人才申报各类(除“115”)",
        "着力打造“3+X”社区综合体",
        "持续扩大24小时综合自助服务机布点范围",
        "完成修缮三元坊巷9号历史建筑",
        "全年“最多跑一次”改革稳步推进",
    ],
)
def test_years_ordinals_codes_and_programme_names_are_not_targets(requirement: str) -> None:
    assert only(parse_indicators(requirement)).kind == IndicatorKind.MILESTONE


def test_quoted_programme_name_before_a_count_leaves_the_count() -> None:
    indicator = only(parse_indicators("招引落地“152”项目3个"))
    assert (indicator.target, indicator.unit, indicator.verb) == (3, "个", "招引")


def test_zero_events_have_target_zero_and_at_most_comparator() -> None:
    petitions, lawsuits = parse_indicators("实现零信访、零诉讼")
    assert [(i.subject, i.target, i.comparator, i.unit) for i in (petitions, lawsuits)] == [
        ("信访", 0, Comparator.LE, ""),
        ("诉讼", 0, Comparator.LE, ""),
    ]
    assert only(parse_indicators("确保全年不发生此类事故")).kind == IndicatorKind.ZERO_EVENT
    assert only(parse_indicators("生活固废继续保持零增长")).kind == IndicatorKind.ZERO_EVENT
    assert only(parse_indicators("零新增网络借贷平台")).scope == "increment"


def test_retail_is_not_a_zero_event() -> None:
    parsed = parse_indicators("招引新零售品牌形象店2家")
    assert [i.kind for i in parsed] == [IndicatorKind.QUANTITY]


def test_named_list_becomes_checklist_with_items() -> None:
    indicator = only(parse_indicators("完成东太平巷、打铜巷、叭蜡子巷3座旅游厕所提升改造工作"))
    assert (indicator.kind, indicator.items, indicator.target, indicator.unit, indicator.verb) == (
        IndicatorKind.CHECKLIST,
        ("东太平巷", "打铜巷", "叭蜡子巷"),
        3,
        "座",
        "完成",
    )


def test_checklist_without_a_count_counts_its_names() -> None:
    indicator = only(parse_indicators("完成三益里公厕、春江花月公厕 、棚桥公厕的提升改造工作"))
    assert (indicator.items, indicator.target, indicator.unit) == (("三益里公厕", "春江花月公厕", "棚桥公厕"), 3, "")


def test_checklist_count_may_be_a_chinese_numeral() -> None:
    indicator = only(parse_indicators("完成甲巷、乙巷两项整治工作"))
    assert (indicator.kind, indicator.items, indicator.target, indicator.unit) == (
        IndicatorKind.CHECKLIST,
        ("甲巷", "乙巷"),
        2,
        "项",
    )


def test_count_that_differs_from_the_names_is_a_quantity() -> None:
    indicator = only(parse_indicators("完成科技企业孵化器、众创空间1家"))
    assert (indicator.kind, indicator.target) == (IndicatorKind.QUANTITY, 1)


def test_list_of_counts_gives_one_quantity_each_with_the_shared_verb() -> None:
    parsed = parse_indicators("开工建设汽车南站地块安置房项目600套、中策橡胶厂04地块安置房项目400套")
    assert [(i.target, i.verb, i.text) for i in parsed] == [
        (600, "开工", "开工建设汽车南站地块安置房项目600套"),
        (400, "开工", "中策橡胶厂04地块安置房项目400套"),
    ]


def test_name_supplies_indicators_when_requirement_only_says_done() -> None:
    name = "开工建设停车泊位300个,完工150个"
    parsed = parse_indicators("完成", name)
    assert [(i.target, i.verb, i.source) for i in parsed] == [(300, "开工", "name"), (150, "完工", "name")]
    assert [name[i.start : i.start + len(i.text)] for i in parsed] == ["开工建设停车泊位300个", "完工150个"]


def test_name_without_numbers_leaves_the_requirement_milestone() -> None:
    indicator = only(parse_indicators("成功举办", "举办新中国第一居委会成立70周年系列活动"))
    assert (indicator.kind, indicator.verb, indicator.source) == (IndicatorKind.MILESTONE, "成功举办", "requirement")


def test_name_quantities_join_a_requirement_without_numbers() -> None:
    milestone, count = parse_indicators("白塔岭社区创建省级无障碍社区称号", "新创建省级无障碍社区1个")
    assert (milestone.kind, milestone.verb, milestone.source) == (IndicatorKind.MILESTONE, "创建", "requirement")
    assert (count.kind, count.target, count.unit, count.source) == (IndicatorKind.QUANTITY, 1, "个", "name")


def test_name_quantities_are_not_added_to_a_requirement_with_numbers() -> None:
    assert [i.source for i in parse_indicators("完成施家山等2个项目清零", "实现征迁1100户,清零项目11个")] == [
        "requirement"
    ]


def test_bare_number_takes_subject_and_scope_from_the_name() -> None:
    indicator = only(parse_indicators("11000人", "新增城镇就业人数"))
    assert (indicator.subject, indicator.scope) == ("新增城镇就业人数", "increment")


def test_scope_words_mark_cumulative_and_increment() -> None:
    new, total = parse_indicators("全区新增上云企业1900家,累计上云企业突破6400家")
    assert (new.scope, new.subject, total.scope, total.subject) == ("increment", "上云企业", "cumulative", "上云企业")


def test_approximate_flag_from_yue() -> None:
    assert only(parse_indicators("帮扶困难企业退休人员约4800名")).approximate
    assert not only(parse_indicators("帮扶困难企业退休人员4800名")).approximate


def test_deliverable_verb_wins_over_completion_verb() -> None:
    assert only(parse_indicators("完成出让")).verb == "出让"
    assert only(parse_indicators("完成土地收储7宗")).verb == "收储"
    assert only(parse_indicators("推进中维商务中心建设,力争年底竣工")).verb == "竣工"


def test_negated_and_circumstantial_verbs_are_skipped() -> None:
    assert only(parse_indicators("规范政府有关行为,防止出台排除竞争的政策措施")).verb == "规范"
    assert only(parse_indicators("结合土地出让,完善年轮带规划方案")).verb == "完善"


def test_deliverable_clause_beside_a_count_is_a_milestone_of_its_own() -> None:
    ships, route = parse_indicators("2艘钱塘江豪华游轮下水开航,推出“南宋150”研学游线路")
    assert (ships.target, ships.unit, route.kind, route.verb) == (2, "艘", IndicatorKind.MILESTONE, "推出")


def test_general_clause_beside_a_count_adds_nothing() -> None:
    indicator = only(parse_indicators("加快专业化招商机构和队伍建设,全年完成各类培训5次以上"))
    assert (indicator.target, indicator.unit, indicator.verb) == (5, "次", "完成")


def test_per_unit_breakdown_in_brackets_is_not_an_indicator() -> None:
    indicator = only(parse_indicators("完成540处智能充电桩的安装(每个社区10处)"))
    assert (indicator.target, indicator.unit) == (540, "处")


def test_number_naming_a_standard_is_not_a_target() -> None:
    indicator = only(parse_indicators("落实每个中心微型消防站24小时每岗3人要求"))
    assert (indicator.kind, indicator.verb) == (IndicatorKind.MILESTONE, "落实")


def test_comma_inside_a_number_does_not_split_the_clause() -> None:
    indicator = only(parse_indicators("实现创业担保贷款放贷1,000万元"))
    assert (indicator.target, indicator.normalized_target) == (1000, 10000000)


def test_each_sentence_without_numbers_is_a_milestone() -> None:
    parsed = parse_indicators("统一全区老年食堂信息化结算方式。推进老年食堂“阳光厨房”建设。加大老年食堂的运行补助。")
    assert [(i.kind, i.verb) for i in parsed] == [
        (IndicatorKind.MILESTONE, "统一"),
        (IndicatorKind.MILESTONE, "推进"),
        (IndicatorKind.MILESTONE, "加大"),
    ]


def test_unreadable_requirement_is_one_milestone_to_confirm() -> None:
    requirement = "信访件做到件件销号,应补尽补"
    indicator = only(parse_indicators(requirement))
    assert (indicator.kind, indicator.verb, indicator.text, indicator.start, indicator.needs_confirmation) == (
        IndicatorKind.MILESTONE,
        "",
        requirement,
        0,
        True,
    )


def test_unreadable_sentence_beside_readable_ones_is_flagged_alone() -> None:
    growth, unread = parse_indicators("增长6%;应补尽补")
    assert (growth.needs_confirmation, unread.needs_confirmation, unread.text) == (False, True, "应补尽补")


def test_empty_requirement_gives_one_fallback() -> None:
    indicator = only(parse_indicators(""))
    assert (indicator.needs_confirmation, indicator.text, indicator.start) == (True, "", 0)


# --- properties -------------------------------------------------------------------------------------------

SEED_ALPHABET = sorted({c for _, _, name, requirement in SEED_ROWS for c in name + requirement})


def assert_well_formed(indicators: list[ParsedIndicator], requirement: str, name: str) -> None:
    assert indicators
    for indicator in indicators:
        source = name if indicator.source == "name" else requirement
        assert source[indicator.start : indicator.start + len(indicator.text)] == indicator.text
        assert len(indicator.subject) <= 200


@given(st.text(), st.text())
def test_never_raises_for_any_text(requirement: str, name: str) -> None:
    assert_well_formed(parse_indicators(requirement, name), requirement, name)


@given(st.text(alphabet=st.sampled_from(SEED_ALPHABET)), st.text(alphabet=st.sampled_from(SEED_ALPHABET)))
def test_never_raises_for_text_made_of_seed_characters(requirement: str, name: str) -> None:
    assert_well_formed(parse_indicators(requirement, name), requirement, name)


@given(
    st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["亿元", "万元", "元", "万平方米", "%", "家", "个", "人", "亩", "工作日", "人次"]),
)
def test_formatted_quantity_parses_back_as_an_indicator(value: Decimal, unit: str) -> None:
    indicator = only(parse_indicators(format_quantity(value, unit)))
    assert (indicator.target, indicator.unit) == (value, unit)
