"""Print views: a task card (everything about one task) and a case file (督办档案), like the 督查台账's print page —
no navigation, each record on a printed page of its own — reached by a 打印 link on the task's and the case's page."""

from datetime import date

import pytest
from django.urls import reverse

from dukao.supervision import services
from tests.progress.factories import JUNE, submitted

NAV_MARKERS = ('class="topbar"', "<nav", 'action="/i18n/setlang/"')


def printed(client, url: str) -> str:
    html = client.get(url).content.decode()
    assert not [marker for marker in NAV_MARKERS if marker in html], "a print page carries no navigation"
    return html


@pytest.fixture
def task_with_history(work_report, lead_reporter, lead_head, inspector):
    """Annex 1 row 1 with a signed-off June report, June's status and a case with a 督办单."""
    task = work_report.tasks.get(seq="1")
    submitted(task, lead_reporter, lead_head, p0="5.9")
    services.status_recompute(period=JUNE, today=date(2019, 6, 30))
    case = services.case_open(unit=lead_head.unit, tasks=[task], trigger="连续两月严重滞后", user=inspector)
    services.case_step(case=case, kind="reminder", note="电话提醒加快进度", user=inspector)
    services.case_document_issue(case=case, kind="order", user=inspector)
    return task, case


def test_the_task_card_prints_requirement_schedule_statuses_reports_and_cases(client, task_with_history, supervisor):
    task, case = task_with_history
    client.force_login(supervisor)
    detail = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    url = reverse("supervision:task_print", args=[task.pk])
    assert f'href="{url}"' in detail
    html = printed(client, url)
    assert task.requirement[:20] in html and "进展报告" in html and "5.9" in html
    assert task.statuses.get(period=JUNE).reason in html and "连续两月严重滞后" in html and "电话提醒加快进度" in html
    assert html.count('<section class="record">') == 3  # the task, its one report, its cases


def test_the_case_file_prints_the_facts_then_each_step_on_its_own_page(client, task_with_history, inspector):
    _task, case = task_with_history
    client.force_login(inspector)
    url = reverse("supervision:case_print", args=[case.pk])
    assert f'href="{url}"' in client.get(reverse("supervision:case_detail", args=[case.pk])).content.decode()
    html = printed(client, url)
    document = case.documents.get()
    assert case.facts["tasks"][-1]["reason"] in html and document.document_number in html
    assert html.count('<section class="record">') == 1 + case.steps.count()  # the case, then its two steps


def test_the_ledger_print_has_no_navigation_and_records_break_pages(client, seed, supervisor):
    client.force_login(supervisor)
    printed(client, reverse("supervision:ledger_print"))
    css = client.get("/static/dukao/dukao.css")
    stylesheet = b"".join(css.streaming_content).decode() if css.streaming else css.content.decode()
    assert ".print-page .record + .record { break-before: page; }" in stylesheet.split("@media print")[1]
