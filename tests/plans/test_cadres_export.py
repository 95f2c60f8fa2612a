"""cadres_export_xlsx: the register round-trips through import, and text that looks like a formula stays text."""

import io

from openpyxl import load_workbook

from dukao.plans import selectors
from dukao.plans.cadres import cadres_export_xlsx, cadres_import
from dukao.units.models import Cadre
from tests.paths import FIXTURES

REGISTER = FIXTURES / "registers" / "cadres.csv"


def test_export_then_import_changes_nothing(db):
    cadres_import(content=REGISTER.read_bytes(), file_name=REGISTER.name)
    exported = cadres_export_xlsx(selectors.cadre_list())
    report = cadres_import(content=exported, file_name="导出.xlsx")
    assert len(report.unchanged) == 4 and not report.created and not report.updated
    sheet = load_workbook(io.BytesIO(exported)).active
    assert [c.value for c in sheet[1]] == ["姓名", "职务", "单位", "角色", "分管单位", "任职起始", "任职截止"]


def test_formula_like_text_is_stored_as_text_and_survives_the_round_trip(db):
    cadres_import(content=REGISTER.read_bytes(), file_name=REGISTER.name)
    hostile = ['=HYPERLINK("http://evil.invalid","点此")', "+1+1", "-2", "@SUM(A1)", "\t局长", "\r局长"]
    for cadre, post in zip(Cadre.objects.order_by("pk"), hostile, strict=False):
        cadre.post = post
        cadre.save()
    sheet = load_workbook(io.BytesIO(cadres_export_xlsx(selectors.cadre_list()))).active
    posts = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert all(cell.data_type == "s" for cell in posts.values())
    assert posts["陈立新"].value == hostile[0]
