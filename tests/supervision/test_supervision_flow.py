"""From the demo half-year: statuses per period, a bulletin issued and frozen, a case followed to its close."""

import io
import re
from datetime import date
from io import StringIO

import pypdf
import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dukao.accounts.models import User
from dukao.supervision import services
from dukao.supervision.models import BulletinState, CaseState, TaskStatus
from dukao.supervision.rules import Status
from dukao.supervision.snapshot import ranking, shares

JUNE, MAY = date(2019, 6, 1), date(2019, 5, 1)


@pytest.fixture
def demo(seed):
    call_command("demo_accounts", stdout=StringIO())
    call_command("demo_data", stdout=StringIO())
    return {u.username: u for u in User.objects.all()}


def status_writes(queries: CaptureQueriesContext) -> list[str]:
    """The statements that wrote verdicts — new versions: ``INSERT`` (``INSERT OR IGNORE`` on SQLite) into the
    statuses — among ``queries``."""
    insert = re.compile(r'INSERT (OR IGNORE )?INTO "supervision_taskstatus"')
    return [q["sql"] for q in queries.captured_queries if insert.match(q["sql"])]


def status_of(plan, seq, period):
    return TaskStatus.objects.get(task__plan=plan, task__seq=seq, period=period)


def test_statuses_of_a_period_follow_the_verified_values(demo, work_report):
    counts = services.status_recompute(period=MAY, today=date(2019, 6, 30))
    assert sum(counts.values()) == 163  # both plans
    gdp = status_of(work_report, "1", MAY)  # 增长5.7% verified against 5.5%
    assert gdp.status == Status.ON_TRACK and "核定增长5.7%" in gdp.reason
    cloud = status_of(work_report, "9", MAY)  # 760 of 1900 (40 %) against a 50 % June checkpoint
    assert cloud.status in (Status.ON_TRACK, Status.BEHIND) and "核定完成40%" in cloud.reason
    silent = status_of(work_report, "2", MAY)  # nobody reported on 服务业增加值
    assert silent.status == Status.NOT_REPORTED


def test_a_period_keeps_its_status_when_a_later_one_is_computed(demo, work_report):
    services.status_recompute(period=MAY, today=date(2019, 6, 30))
    before = status_of(work_report, "2", MAY).status
    services.status_recompute(period=JUNE, today=date(2019, 7, 30))
    assert status_of(work_report, "2", MAY).status == before


def test_shares_add_up_to_one_hundred_and_ties_share_a_rank():
    assert shares([1, 1, 1]) == ["33.4", "33.3", "33.3"]
    assert [r["rank"] for r in ranking({"甲": 100, "乙": 100, "丙": 90})] == [1, 3]
    assert ranking({"甲": 100, "乙": 100, "丙": 90})[0]["units"] == ["乙", "甲"]


def test_an_issued_bulletin_is_frozen_and_renders_the_same_bytes_later(demo, work_report):
    with time_machine.travel("2019-07-05 09:00 +0800"):
        draft = services.bulletin_draft(period=JUNE, user=demo["supervisor"], today=date(2019, 7, 5))
        issued = services.bulletin_issue(bulletin=draft, user=demo["supervisor"], issued_on=date(2019, 7, 5))
    assert issued.state == BulletinState.ISSUED and issued.document_number == "上政办督〔2019〕1号"
    totals = {row["status"]: row["count"] for row in issued.snapshot["totals"]}
    assert sum(totals.values()) == 163 and totals["未报送"] > 0
    pdf = services.bulletin_render(issued, "pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert issued.title[:10] in text.replace("\n", "") and "区发改经信局" in text
    docx = services.bulletin_render(issued, "docx")
    services.status_recompute(period=JUNE, today=date(2019, 12, 31))  # later data changes today's statuses …
    issued.refresh_from_db()
    assert services.bulletin_render(issued, "docx") == docx  # … not the issued bulletin
    assert services.bulletin_render(issued, "docx", fresh=True) == docx  # it re-renders byte for byte
    assert services.bulletin_render(issued, "pdf", fresh=True) == pdf
    assert __import__("hashlib").sha256(docx).hexdigest() == issued.docx_sha256


def test_only_the_office_drafts_and_issues(demo, client):
    client.force_login(demo["reporter"])
    assert client.post(reverse("supervision:bulletin_new"), {"period": "2019-06"}).status_code == 403


def test_the_inspector_follows_a_lagging_unit_to_a_closed_case(demo, work_report, client):
    for month in (4, 5, 6):  # row 2 (服务业增加值) is never reported: 未报送, not 严重滞后
        services.status_recompute(period=date(2019, month, 1), today=date(2019, month, 28))
    task = work_report.tasks.get(seq="8")
    TaskStatus.objects.filter(task=task).update(status=Status.SERIOUSLY_BEHIND, reason="节点逾期")
    client.force_login(demo["inspector"])
    html = client.get(reverse("supervision:case_list"), {"period": "2019-06"}).content.decode()
    assert "区发改经信局" in html and "约谈" in html  # three serious periods in a row
    client.post(
        reverse("supervision:case_open"),
        {"unit": task.lead_links[0].unit_id, "tasks": [task.pk], "trigger": "约谈：严重滞后"},
    )
    case = task.cases.get()
    assert case.facts["tasks"][0]["status"] == "严重滞后"
    for kind, note in (("talk", "约谈单位负责人"), ("rectification", "提交整改报告"), ("close", "整改到位，销号")):
        data = {"kind": kind, "note": note, "confirmed": "yes"}  # 销号 is confirmed first
        client.post(reverse("supervision:case_detail", args=[case.pk]), data)
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.steps.count() == 3
    client.force_login(
        User.objects.create_user("jyj", role="unit_head", unit=work_report.tasks.get(seq="105").lead_links[0].unit)
    )
    assert client.get(reverse("supervision:case_detail", args=[case.pk])).status_code == 404
    client.force_login(demo["unithead"])
    assert client.get(reverse("supervision:case_detail", args=[case.pk])).status_code == 200


def test_bulletin_command_writes_a_pdf(demo, tmp_path):
    path = tmp_path / "june.pdf"
    call_command("bulletin", "--period", "2019-06", "--format", "pdf", "-o", str(path), stderr=StringIO())
    assert path.read_bytes().startswith(b"%PDF")


def test_a_quarterly_bulletin_compares_with_the_previous_quarter(demo):
    bulletin = services.bulletin_draft(period=JUNE, user=demo["supervisor"], today=date(2019, 7, 5), quarterly=True)
    assert bulletin.snapshot["period_label"] == "2019年第二季度" and "第二季度" in bulletin.title
    with pytest.raises(ValueError, match="不是季度末月份"):
        services.bulletin_draft(period=MAY, user=demo["supervisor"], quarterly=True)


def test_a_late_report_counts_as_reported_but_not_on_time(demo, work_report):
    from tests.progress.factories import submitted

    task = work_report.tasks.get(seq="2")  # 服务业增加值: no demo reports
    with time_machine.travel("2019-07-10 10:00 +0800"):
        submitted(task, demo["reporter"], demo["unithead"], period=JUNE, p0="6.2")
    services.status_recompute(period=JUNE, today=date(2019, 7, 20))
    row = status_of(work_report, "2", JUNE)
    assert row.status != Status.NOT_REPORTED and not row.reported_on_time


def test_a_recompute_rewrites_only_what_changed(demo, work_report):
    from tests.progress.factories import submitted

    services.status_recompute(period=JUNE, today=date(2019, 7, 20))
    before = {row.task_id: row for row in TaskStatus.objects.filter(period=JUNE)}
    task = work_report.tasks.get(seq="2")
    with time_machine.travel("2019-07-10 10:00 +0800"):
        submitted(task, demo["reporter"], demo["unithead"], period=JUNE, p0="6.2")
    with time_machine.travel("2019-07-21 09:00 +0800"), CaptureQueriesContext(connection) as queries:
        services.status_recompute(period=JUNE, today=date(2019, 7, 20))
    upserts = status_writes(queries)
    assert len(upserts) == 1 and str(task.pk) in upserts[0]
    after = {row.task_id: row for row in TaskStatus.objects.filter(period=JUNE)}
    assert after.keys() == before.keys() and len(after) == 163
    assert before[task.pk].status == Status.NOT_REPORTED != after[task.pk].status
    same = [pk for pk in after if pk != task.pk]
    fields = ("status", "expected", "actual", "gap", "reason", "recovered", "reported_on_time")
    assert all([getattr(after[pk], f) for f in fields] == [getattr(before[pk], f) for f in fields] for pk in same)
    assert after[task.pk].computed_at.isoformat() == "2019-07-21T01:00:00+00:00"  # written then
    assert all(after[pk].computed_at == before[pk].computed_at for pk in same)  # kept as they were


def test_an_unchanged_period_recomputes_without_writing_a_verdict(demo):
    first = services.status_recompute(period=JUNE, today=date(2019, 7, 20))
    with CaptureQueriesContext(connection) as queries:
        assert services.status_recompute(period=JUNE, today=date(2019, 7, 20)) == first
    assert status_writes(queries) == []


def test_pages_open_on_the_plan_year_when_it_is_past(demo, client):
    client.force_login(demo["supervisor"])
    html = client.get(reverse("supervision:bulletin_list")).content.decode()
    assert 'value="2019-06" selected' in html


def test_a_malformed_rectification_date_is_refused_in_chinese(demo, work_report, client):
    client.force_login(demo["inspector"])
    task = work_report.tasks.get(seq="8")
    data = {"unit": task.lead_links[0].unit_id, "tasks": [task.pk], "trigger": "提醒", "rectify_by": "2019-13-45"}
    response = client.post(reverse("supervision:case_open"), data, follow=True)
    assert "整改期限“2019-13-45”不是有效日期" in response.content.decode() and not task.cases.exists()
