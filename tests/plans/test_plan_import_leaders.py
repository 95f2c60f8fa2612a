"""plan_import with a 责任领导 column: names resolve to registered cadres; the others warn and stay as text."""

from dukao.audit.models import Event
from dukao.plans.cadres import cadres_import
from dukao.plans.models import Task
from dukao.plans.services import plan_import
from dukao.units.models import Cadre
from tests.paths import FIXTURES

DOCUMENT = FIXTURES / "documents" / "leaders_column.csv"
REGISTER = FIXTURES / "registers" / "cadres.csv"


def import_document(**kwargs):
    return plan_import(content=DOCUMENT.read_bytes(), file_name=DOCUMENT.name, **kwargs)


def leaders(seq: str) -> tuple[list[str], list[str]]:
    task = Task.objects.get(seq=seq)
    return sorted(c.name for c in task.responsible_cadres.all()), task.unmatched_leaders


def test_registered_names_become_responsible_cadres_and_others_warn(db):
    cadres_import(content=REGISTER.read_bytes(), file_name=REGISTER.name)
    report = import_document()
    assert leaders("1") == (["陈立新"], [])
    assert leaders("2") == (["陈立新"], ["王强"])
    assert leaders("3") == (["赵志刚"], ["刘晓燕"])
    assert leaders("4") == ([], [])
    assert Task.objects.get(seq="2").leaders == ["陈立新", "王强"]  # as written: nothing is lost
    warnings = [w for w in report.warnings if "责任领导" in w]
    assert warnings[0].startswith("文件“leaders_column.csv”第5行“责任领导”列：责任领导“王强”没有对应的领导干部")
    assert len(warnings) == 2 and Cadre.objects.count() == 4  # never creates a cadre
    assert report.previews["2019年区级领导联系重点工作目标任务分解表"][1].leaders == ["陈立新", "王强"]
    assert Event.objects.filter(action="task.cadres.assign").count() == 3


def test_rerun_changes_nothing_and_a_later_register_links_on_the_next_import(db):
    first = import_document()
    assert leaders("1") == ([], ["陈立新"]) and len([w for w in first.warnings if "责任领导" in w]) == 5
    assert "关联责任领导：0 条" in first.render()
    cadres_import(content=REGISTER.read_bytes(), file_name=REGISTER.name)
    second = import_document()
    assert [p.state for p in second.plans] == ["unchanged"] and second.changed_anything
    assert leaders("1") == (["陈立新"], [])
    third = import_document()
    assert not third.changed_anything and not third.leaders


def test_dry_run_links_nothing(db):
    cadres_import(content=REGISTER.read_bytes(), file_name=REGISTER.name)
    report = import_document(dry_run=True)
    assert len(report.leaders) == 3 and not Task.objects.exists()
    assert not Event.objects.filter(action="task.cadres.assign").exists()
