"""The 督查台账 (docs/supervision.md): the status list across plans with its filters (a table of cases against an
independent reading of the seed), its fixed number of queries, the .xlsx export and ``dukao ledger`` with the
same filters, the print view, and the status shown on the plan and unit pages."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from dukao.plans.models import Plan, PlanKind, Task, UnitRole
from dukao.supervision import selectors
from dukao.supervision.models import TaskStatus
from dukao.supervision.selectors import StatusFilter
from dukao.units.models import Cadre, CadreRole, Unit
from tests.dashboard.conftest import SEPTEMBER, add_city, statuses_for
from tests.progress.factories import submitted

OVERVIEW = reverse("supervision:status_overview")
EXPORT = reverse("supervision:ledger_export")
PRINT = reverse("supervision:ledger_print")


@pytest.fixture
def ledger(seed) -> date:
    """September 2019: the seed's 163 tasks spread over every status; annex 1 rows 1 and 4 name one cadre as
    责任领导."""
    statuses_for(list(Task.objects.order_by("plan__kind", "position")), SEPTEMBER)
    cadre = Cadre.objects.create(
        name="李明", post="副区长", unit=Unit.objects.get(name="区政府办公室"), role=CadreRole.IN_CHARGE
    )
    for task in Task.objects.filter(plan__kind=PlanKind.WORK_REPORT, seq__in=["1", "4"]):
        task.responsible_cadres.add(cadre)
    return SEPTEMBER


def _units(task: Task) -> dict[str, set[str]]:
    """``{role: unit names}`` of a task, groups expanded to their members (read straight from the links)."""
    names: dict[str, set[str]] = {role: set() for role in UnitRole}
    for link in task.unit_links.all():
        members = [link.unit] if link.unit_id else list(link.group.members.all())
        names[link.role].update(m.name for m in members)
    return names


def _matches(task: Task, status: str, case: dict) -> bool:
    """The case's filters read in Python, independently of the selector."""
    units = _units(task)
    roles = {"lead": [UnitRole.LEAD], "cooperating": [UnitRole.COOPERATING], "any": list(UnitRole)}
    texts = [task.name, task.requirement] + [link.name for link in task.unit_links.all()]
    return (
        case.get("status", status) == status
        and case.get("type", task.target_type) == task.target_type
        and case.get("plan", task.plan.kind) == task.plan.kind
        and ("unit" not in case or any(case["unit"] in units[r] for r in roles[case.get("role", "lead")]))
        and ("leader" not in case or case["leader"] in [c.name for c in task.responsible_cadres.all()])
        and ("q" not in case or task.seq == case["q"] or any(case["q"] in t for t in texts))
    )


CASES = [
    {"unit": "区教育局"},
    {"unit": "区教育局", "role": "cooperating"},
    {"unit": "区教育局", "role": "any"},
    {"unit": "区教育局", "role": "any", "status": "behind"},
    {"unit": "区财政局", "role": "cooperating", "status": "seriously_behind"},
    {"type": "A"},
    {"type": "", "plan": PlanKind.LIVELIHOOD},
    {"leader": "李明"},
    {"q": "教育"},
    {"q": "区教育局", "status": "not_reported"},
    {"q": "12", "plan": PlanKind.WORK_REPORT},
    {"type": "A", "unit": "区发改经信局", "role": "any"},
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: "&".join(f"{k}={v}" for k, v in c.items()))
def test_the_filters_select_exactly_the_tasks_they_name(ledger, case):
    status_filter = StatusFilter(
        status=case.get("status", ""),
        target_type=case.get("type"),
        plan=Plan.objects.get(kind=case["plan"]) if "plan" in case else None,
        unit=Unit.objects.get(name=case["unit"]) if "unit" in case else None,
        role=case.get("role", "lead"),
        leader=Cadre.objects.get(name=case["leader"]) if "leader" in case else None,
        text=case.get("q", ""),
    )
    listed = {s.task_id for s in selectors.ledger_statuses(ledger, status_filter)}
    everything = TaskStatus.objects.filter(period=ledger).select_related("task__plan")
    tasks = everything.prefetch_related("task__unit_links__unit", "task__unit_links__group__members")
    expected = {
        s.task_id for s in tasks.prefetch_related("task__responsible_cadres") if _matches(s.task, s.status, case)
    }
    assert expected and listed == expected


def test_which_tasks_of_the_education_bureau_are_behind_is_one_url_away(client, ledger, supervisor):
    client.force_login(supervisor)
    unit = Unit.objects.get(name="区教育局")
    query = {"period": "2019-09", "unit": unit.pk, "role": "any", "status": "behind"}
    html = client.get(OVERVIEW, query).content.decode()
    expected = selectors.ledger_statuses(ledger, StatusFilter(status="behind", unit=unit, role="any"))
    assert expected.exists() and html.count('<span class="status behind"') == expected.count()
    assert "牵头或配合单位：区教育局" in html and "状态：欠进度" in html
    for header in ("牵头单位", "配合单位", "责任领导", "目标类型", "完成时限", "计划 / 核定进度", "最新进展"):
        assert f"<th>{header}</th>" in html
    assert f'<option value="{unit.pk}" selected>区教育局</option>' in html  # the form shows the URL's filters


def test_a_filter_that_matches_nothing_says_so_not_that_the_period_is_uncomputed(client, ledger, supervisor):
    client.force_login(supervisor)
    unit = Unit.objects.get(name="区教育局")
    query = {"period": "2019-09", "unit": unit.pk, "role": "lead", "status": "completed", "q": "没有这样的任务"}
    html = client.get(OVERVIEW, query).content.decode()
    assert "没有符合筛选条件的任务" in html and "尚未计算状态" not in html
    assert "尚未计算状态" in client.get(OVERVIEW, {"period": "2019-03"}).content.decode()  # nothing computed for March


def test_htmx_swaps_only_the_table(client, ledger, supervisor):
    client.force_login(supervisor)
    partial = client.get(OVERVIEW, {"period": "2019-09", "status": "behind"}, headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert "<html" not in html and '<form class="filters"' not in html and '<table class="grid tasks ledger">' in html


def test_the_list_shows_the_latest_progress_and_keeps_its_queries_as_tasks_grow(
    client, ledger, supervisor, lead_reporter, lead_head
):
    task = Task.objects.get(plan__kind=PlanKind.WORK_REPORT, seq="1")
    submitted(task, lead_reporter, lead_head, period=date(2019, 6, 1), p0="5.9")
    client.force_login(supervisor)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(OVERVIEW, {"period": "2019-09", "q": "地区生产总值"}).content.decode()
        assert "按计划推进。" in html and "李明" in html
        return len(queries)

    on_the_seed = count()
    add_city(tasks=600, units=90)
    assert count() == on_the_seed


def test_the_export_has_the_filtered_rows_a_frozen_header_an_autofilter_and_numbers_as_numbers(
    client, ledger, supervisor
):
    TaskStatus.objects.filter(period=ledger).update(expected="62.50", actual="40.00")
    client.force_login(supervisor)
    response = client.get(EXPORT, {"period": "2019-09", "status": "behind", "type": "A"})
    assert response["Content-Disposition"] == 'attachment; filename="ledger-2019-09.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["督查台账"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))  # below the title and the header
    assert len(rows) == TaskStatus.objects.filter(period=ledger, status="behind", task__target_type="A").count() > 0
    last = sheet.cell(2, sheet.max_column).column_letter
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == f"A2:{last}{sheet.max_row}"
    assert sheet.column_dimensions["C"].width == 36
    assert {(row[8], row[9], row[10]) for row in rows} == {("欠进度", 62.5, 40)}
    assert all(isinstance(row[1], int) for row in rows)
    assert ["筛选条件", "状态：欠进度；目标类型：A类"] in [list(r) for r in book["说明"].iter_rows(values_only=True)]


def test_dukao_ledger_writes_the_pages_workbook(client, ledger, supervisor, tmp_path):
    client.force_login(supervisor)
    unit = Unit.objects.get(name="区教育局")
    page = client.get(EXPORT, {"period": "2019-09", "unit": unit.pk, "role": "any", "status": "behind"}).content
    out = tmp_path / "台账.xlsx"
    call_command("ledger", "--period", "2019-09", "--unit", "区教育局", "--role", "any", "--status", "behind",
                 "-o", str(out), stderr=io.StringIO())  # fmt: skip
    read = lambda content: list(load_workbook(io.BytesIO(content))["督查台账"].values)  # noqa: E731
    assert read(out.read_bytes()) == read(page) and len(read(page)) > 1
    with pytest.raises(CommandError, match="单位“区教委”不在可选范围内"):
        call_command("ledger", "--unit", "区教委", "-o", str(out))
    with pytest.raises(CommandError, match="--status"):
        call_command("ledger", "--status", "late", "-o", str(out))


def test_the_print_view_has_every_row_and_no_navigation_on_paper(client, ledger, supervisor):
    client.force_login(supervisor)
    html = client.get(PRINT, {"period": "2019-09"}).content.decode()
    assert html.count('href="/tasks/') == 163 and "下一页" not in html and "共 163 项任务" in html
    css = client.get("/static/dukao/dukao.css")
    stylesheet = b"".join(css.streaming_content).decode() if css.streaming else css.content.decode()
    assert "@media print" in stylesheet and ".topbar" in stylesheet.split("@media print")[1]


def test_a_unit_exports_and_prints_only_the_tasks_it_leads(client, ledger, lead_reporter):
    client.force_login(lead_reporter)
    led = Task.objects.filter(unit_links__role=UnitRole.LEAD, unit_links__unit=lead_reporter.unit).distinct().count()
    rows = list(load_workbook(io.BytesIO(client.get(EXPORT, {"period": "2019-09"}).content))["督查台账"].values)
    assert len(rows) - 2 == led  # title, header
    assert client.get(PRINT, {"period": "2019-09"}).content.decode().count('href="/tasks/') == led


def test_the_plan_and_unit_pages_show_each_tasks_status_in_its_colour(client, ledger, supervisor):
    client.force_login(supervisor)
    plan = Plan.objects.get(kind=PlanKind.WORK_REPORT)
    html = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    shown = html.count('<span class="status ')
    assert shown == plan.tasks.count()
    behind = TaskStatus.objects.filter(period=ledger, task__plan=plan, status="behind").count()
    assert html.count('<span class="status behind"') == behind > 0
    unit = Unit.objects.get(name="区教育局")
    page = client.get(reverse("plans:unit_detail", args=[unit.pk])).content.decode()
    assert (
        page.count('<span class="status ')
        >= TaskStatus.objects.filter(period=ledger, task__unit_links__unit=unit).values("task").distinct().count()
        > 0
    )
