"""`dukao import_cadres` and `dukao export_cadres`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dukao.units.models import Cadre
from tests.paths import FIXTURES

REGISTER = FIXTURES / "registers" / "cadres.csv"


def test_import_prints_the_report_and_dry_run_writes_nothing(db):
    out = StringIO()
    call_command("import_cadres", str(REGISTER), "--dry-run", stdout=out)
    assert "新增 4 人" in out.getvalue() and not Cadre.objects.exists()
    call_command("import_cadres", str(REGISTER), stdout=out)
    assert Cadre.objects.count() == 4


def test_a_bad_register_fails_with_its_row_and_column(db, tmp_path):
    path = tmp_path / "坏名册.csv"
    path.write_text("姓名,职务,单位,角色\n王强,局长,区宇宙局,主要负责人\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第2行“单位”列：单位“区宇宙局”不在单位名录中"):
        call_command("import_cadres", str(path), stdout=StringIO())
    assert not Cadre.objects.exists()


def test_export_writes_a_register_import_reads(db, tmp_path):
    call_command("import_cadres", str(REGISTER), stdout=StringIO())
    output = tmp_path / "名册.xlsx"
    call_command("export_cadres", "-o", str(output), stderr=StringIO())
    out = StringIO()
    call_command("import_cadres", str(output), stdout=out)
    assert "未变化 4 人" in out.getvalue()
