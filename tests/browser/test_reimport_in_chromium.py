"""The re-import preview in Chromium: a row with history left out of the uploaded document is listed with
what hangs on it, and after the confirmation the plan page marks it 已撤销."""

from datetime import date

from dukao.accounts.models import Role
from dukao.plans.models import Task
from dukao.supervision.services import status_recompute
from tests.browser.conftest import signed_in
from tests.conftest import make_user
from tests.plans.test_reimport_history import ROW_4, without
from tests.progress.factories import JUNE


def test_the_preview_lists_the_row_and_the_plan_page_marks_it_withdrawn(live_server, work_report, seed_bytes, tmp_path):
    status_recompute(period=JUNE, today=date(2019, 7, 10))  # row 4 now has a status
    path = tmp_path / "seed.txt"
    path.write_bytes(without(seed_bytes, ROW_4))
    make_user("importer", Role.ADMIN, "区政府办公室")
    with signed_in(live_server, "importer") as page:
        page.goto(f"{live_server.url}/plans/import/")
        assert page.is_checked("input[name=missing][value=withdraw]")
        page.set_input_files("input[name=file]", str(path))
        page.click("button:has-text('上传并预检')")
        section = page.locator("section.withdrawn")
        assert "固定资产投资" in section.inner_text() and "任务状态（1）" in section.inner_text()
        assert not Task.objects.get(plan=work_report, seq="4").is_withdrawn
        page.click("button:has-text('确认导入')")
        page.wait_for_selector("h2:has-text('导入报告')")
        page.goto(f"{live_server.url}/plans/{work_report.pk}/")
        row = page.locator("table.tasks tbody tr", has_text="固定资产投资")
        assert "已撤销" in row.inner_text()
        assert page.csp_errors == []
    assert Task.objects.get(plan=work_report, seq="4").is_withdrawn
