"""cadres_import: a register becomes cadres, all or nothing, idempotent by name, unit and role."""

import pytest
from django.core.exceptions import PermissionDenied

from dukao.audit.models import Event
from dukao.plans.cadres import cadres_import
from dukao.plans.parsing.errors import DocumentError
from dukao.units.models import Cadre, CadreRole
from tests.paths import FIXTURES

REGISTER = FIXTURES / "registers" / "cadres.csv"
HEADER = "姓名,职务,单位,角色,分管单位,任职起始,任职截止\n"


def register(text: str = "", name: str = "名册.csv", **kwargs):
    content = (HEADER + text).encode() if text else REGISTER.read_bytes()
    return cadres_import(content=content, file_name=name if text else REGISTER.name, **kwargs)


def refused(text: str) -> list[str]:
    with pytest.raises(DocumentError) as caught:
        register(text)
    assert not Cadre.objects.exists() and not Event.objects.filter(action__startswith="cadre.").exists()
    return [str(p) for p in caught.value.problems]


def test_register_creates_cadres_with_units_in_charge(db):
    report = register()
    assert len(report.created) == 4 and not report.updated
    chen = Cadre.objects.get(name="陈立新")
    assert (chen.post, chen.unit.name, chen.role) == ("常务副区长", "区政府办公室", CadreRole.IN_CHARGE)
    assert sorted(u.name for u in chen.units_in_charge.all()) == ["区发改经信局", "区市场监管局", "区财政局"]
    assert report.aliases == ["第2行“区市场监督局”→“区市场监管局”"]
    zhao = Cadre.objects.get(name="赵志刚")
    assert zhao.units_in_charge.count() == 7  # 区人力社保局 and the six street offices of 各街道办事处
    assert Event.objects.filter(action="cadre.import.created").count() == 4


def test_rerun_changes_nothing_and_a_changed_post_updates(db):
    register()
    again = register()
    assert len(again.unchanged) == 4 and not again.created and not again.updated
    assert Event.objects.filter(action__startswith="cadre.import").count() == 4
    changed = register("张建国,区发改经信局党组书记、局长,区发改经信局,主要负责人,,2017-03-01,\n")
    assert changed.updated == ["张建国（区发改经信局 主要负责人）"]
    assert Cadre.objects.get(name="张建国").post == "区发改经信局党组书记、局长"
    event = Event.objects.get(action="cadre.import.updated")
    assert event.before["post"] == "区发改经信局局长" and event.after["post"] == "区发改经信局党组书记、局长"


def test_a_cadre_who_moves_keeps_the_old_post(db):
    register("李明,区商务局局长,区商务局,主要负责人,,2015-06-01,2018-12-31\n")
    register("李明,区财政局局长,区财政局,主要负责人,,2019-01-01,\n")
    assert [(c.unit.name, str(c.term_end)) for c in Cadre.objects.order_by("term_start")] == [
        ("区商务局", "2018-12-31"),
        ("区财政局", "None"),
    ]


def test_unknown_unit_is_refused_with_file_row_and_column(db):
    assert refused("张建国,局长,区发改经信局,主要负责人,,,\n王强,副区长,区政府办公室,分管领导,区宇宙局,,\n") == [
        "文件“名册.csv”第3行“分管单位”列：单位“区宇宙局”不在单位名录中：请先在管理后台添加该单位或其别名。"
    ]


def test_a_group_is_not_a_cadres_own_unit(db):
    assert refused("王强,主任,各街道办事处,主要负责人,,,\n") == [
        "文件“名册.csv”第2行“单位”列：“各街道办事处”是单位组，不是一个单位：请填写领导干部所在的具体单位。"
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (",局长,区财政局,主要负责人,,,", "第3行“姓名”列：姓名为空。"),
        ("王强,局长,区财政局,一把手,,,", "第3行“角色”列：角色“一把手”无法识别（应为“主要负责人”或“分管领导”）。"),
        ("王强,局长,区财政局,主要负责人,,2019-13-01,", "第3行“任职起始”列：“2019-13-01”不是有效日期"),
    ],
)
def test_each_bad_row_refuses_the_whole_register(db, row, message):
    (problem,) = refused("张建国,局长,区发改经信局,主要负责人,,,\n" + row + "\n")
    assert problem.startswith("文件“名册.csv”" + message)


def test_dry_run_writes_nothing(db):
    report = register(dry_run=True)
    assert len(report.created) == 4 and "预检模式" in report.render()
    assert not Cadre.objects.exists() and not Event.objects.exists()


def test_only_the_plans_office_may_import(db, lead_reporter, supervisor):
    with pytest.raises(PermissionDenied):
        register(actor=lead_reporter)
    assert len(register(actor=supervisor).created) == 4
    assert Event.objects.filter(actor=supervisor, action="cadre.import.created").count() == 4
