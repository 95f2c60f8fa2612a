"""Case documents (督办文书): a 提示函, 约谈通知 or 督办单 built from a case's facts in the bulletin's GB/T 9704-2012
frame — the case template's 版头 and 版记, a document number unique per issuer and year, 主送 the unit, the tasks with
their statuses and reasons, the demand and its time limit — issued once and never changed."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from dukao.audit.models import Event
from dukao.lib.models import ImmutableError
from dukao.supervision import services
from dukao.supervision.documents import bulletin_pdf
from dukao.supervision.letters import letter_parts, letter_snapshot
from dukao.supervision.models import BulletinTemplate, CaseDocument, CaseStepKind
from tests.supervision.test_document_layout import (
    BOTTOM,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    is_ink,
    is_red,
    marks,
    pages_png,
    rules,
)

JUNE = date(2019, 6, 1)
TEMPLATE = {
    "masthead": "中共杭州市上城区纪律检查委员会",
    "masthead_issue": False,
    "issuer": "中共杭州市上城区纪委 杭州市上城区监委",
    "signer": "",
    "recipients": "",
    "copy_to": "区委办公室，区政府办公室",
    "printer": "中共杭州市上城区纪律检查委员会办公室",
}
FACTS = {
    "opened_on": "2019-07-10",
    "tasks": [
        {"seq": "4", "name": "固定资产投资", "period": "2019年5月", "status": "欠进度", "reason": "落后12个百分点"},
        {"seq": "4", "name": "固定资产投资", "period": "2019年6月", "status": "严重滞后", "reason": "落后25个百分点"},
        {"seq": "9", "name": "新增市场主体", "period": "2019年6月", "status": "未报送", "reason": "6月报告未报送"},
    ],
}  # fmt: skip


def order_snapshot(**extra) -> dict:
    return letter_snapshot(
        "order",
        unit="区发改经信局",
        trigger="连续两月严重滞后",
        facts=FACTS,
        template=TEMPLATE,
        number="上纪督〔2019〕3号",
        issued_on=date(2019, 7, 10),
        due_on=date(2019, 7, 25),
        **extra,
    )


# --- what the document says (pure) ------------------------------------------------------------------------------


def test_an_order_names_the_unit_each_tasks_latest_status_and_the_time_limit():
    snapshot = order_snapshot()
    assert snapshot["title"] == "关于区发改经信局目标任务进度滞后问题的督办单"
    assert snapshot["recipients"] == "区发改经信局" and snapshot["closing"] == "特此督办。"
    assert [(t["seq"], t["status"]) for t in snapshot["tasks"]] == [("4", "严重滞后"), ("9", "未报送")]
    assert "2019年7月25日前完成整改" in snapshot["demand"]
    headings = [section.heading for section in letter_parts(snapshot)]
    assert headings == ["一、督办事项", "二、整改要求"]


@pytest.mark.parametrize(
    ("kind", "title", "headings", "closing"),
    [
        ("reminder", "关于区发改经信局目标任务推进情况的提示函", ["一、提示事项", "二、有关要求"], "特此提示。"),
        (
            "talk",
            "关于约谈区发改经信局主要负责人的通知",
            ["一、约谈事由", "二、约谈安排", "三、有关要求"],
            "特此通知。",
        ),
        ("order", "关于区发改经信局目标任务进度滞后问题的督办单", ["一、督办事项", "二、整改要求"], "特此督办。"),
    ],
)
def test_each_kind_has_its_title_parts_and_closing(kind, title, headings, closing):
    snapshot = letter_snapshot(
        kind,
        unit="区发改经信局",
        trigger="约谈",
        facts=FACTS,
        template=TEMPLATE,
        number="上纪督〔2019〕1号",
        issued_on=date(2019, 7, 10),
        due_on=date(2019, 7, 25),
        arrangement="2019年7月15日上午9时，区行政中心302会议室",
    )
    assert (snapshot["title"], snapshot["closing"]) == (title, closing)
    assert [section.heading for section in letter_parts(snapshot)] == headings


def test_a_talk_notice_needs_its_time_and_place_and_the_office_may_write_its_own_demand():
    with pytest.raises(ValueError, match="约谈的时间和地点"):
        letter_snapshot(
            "talk", unit="区教育局", trigger="约谈", facts=FACTS, template=TEMPLATE, number="", issued_on=JUNE,
            due_on=JUNE,
        )  # fmt: skip
    assert order_snapshot(demand="  请于十日内整改。 ")["demand"] == "请于十日内整改。"


# --- what a reader sees (the PDF rendered to PNG, as test_document_layout does) ---------------------------------


@pytest.fixture(scope="module")
def order_pdf() -> bytes:
    return bulletin_pdf(order_snapshot(), letter_parts)


def test_page_one_has_the_red_header_band_and_the_last_page_the_colophon(order_pdf, tmp_path):
    pages = pages_png(order_pdf, tmp_path)
    red = marks(pages[0], is_red)
    ys = [y for _x, y in red]
    assert len(red) > 500 and TOP + 30 <= min(ys) and max(ys) <= 130  # the red 发文机关标志, 35 mm into the text
    assert min(x for x, _y in red) >= LEFT - 1 and max(x for x, _y in red) <= RIGHT + 1
    assert rules(pages[0], is_red, 0.95 * WIDTH)  # the red separator across the type area
    lines = [y for y in rules(pages[-1], is_ink, 0.95 * WIDTH) if y > BOTTOM - 40]
    groups = [y for n, y in enumerate(lines) if n == 0 or y - lines[n - 1] > 1]
    assert len(groups) == 3 and BOTTOM - 2 <= lines[-1] <= BOTTOM + 1  # 版记: thick, thin, thick on the edge
    text = [page.extract_text().replace("\n", "") for page in PdfReader(io.BytesIO(order_pdf)).pages]
    assert (
        text[0].index("中共杭州市上城区纪律检查委员会") < text[0].index("上纪督〔2019〕3号") < text[0].index("督办单")
    )
    assert "区发改经信局：" in text[0] and "严重滞后" in "".join(text)
    assert "抄送：区委办公室，区政府办公室。" in text[-1] and "2019年7月10日印发" in text[-1]


# --- issuing on a case ----------------------------------------------------------------------------------------


@pytest.fixture
def case(work_report, lead_head, inspector):
    services.status_recompute(period=JUNE, today=date(2019, 6, 30))
    task = work_report.tasks.get(seq="1")
    rectify_by = timezone.localdate() + timedelta(days=20)
    return services.case_open(
        unit=lead_head.unit, tasks=[task], trigger="连续两月严重滞后", user=inspector, rectify_by=rectify_by
    )


def test_issuing_numbers_freezes_records_the_step_and_audits(case, inspector):
    first = services.case_document_issue(case=case, kind="order", user=inspector)
    second = services.case_document_issue(case=case, kind="talk", user=inspector, arrangement="7月15日9时，302会议室")
    year = timezone.localdate().year
    assert (first.document_number, second.document_number) == (f"上纪督〔{year}〕1号", f"上纪督〔{year}〕2号")
    assert first.step.kind == CaseStepKind.ORDER and second.step.kind == CaseStepKind.TALK
    docx = Document(io.BytesIO(bytes(first.docx_file)))
    text = "\n".join(p.text for p in docx.paragraphs)
    task = case.facts["tasks"][-1]
    assert "区发改经信局：" in text and first.document_number in text and "特此督办。" in text
    assert task["name"] in "".join(c.text for t in docx.tables for row in t.rows for c in row.cells)
    assert f"{case.rectify_by.year}年{case.rectify_by.month}月{case.rectify_by.day}日前完成整改" in text
    event = Event.objects.get(action="case.document_issue", object_id=str(case.pk), summary__contains="督办单")
    assert first.pdf_sha256 in str(event.after)
    with pytest.raises(ImmutableError):
        first.save()
    BulletinTemplate.objects.filter(purpose="case").update(masthead="另一个标志")  # later edits change nothing
    assert services.case_document_render(first, "pdf") == bytes(first.pdf_file)
    assert "另一个标志" not in services.case_document_render(first, "html").decode()


def test_the_database_refuses_a_second_document_with_the_same_number(case, inspector):
    document = services.case_document_issue(case=case, kind="reminder", user=inspector)
    twin = {f.attname: getattr(document, f.attname) for f in CaseDocument._meta.concrete_fields if f.name != "id"}
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseDocument.objects.bulk_create([CaseDocument(**dict(twin, step_id=case.steps.create(
            kind="reminder", note="x", recorded_by=inspector).pk))])  # fmt: skip


def test_only_the_inspector_issues_and_the_unit_downloads_from_the_case_page(client, case, inspector, lead_head):
    url = reverse("supervision:case_document_issue", args=[case.pk])
    client.force_login(lead_head)
    assert "印发督办文书" not in client.get(reverse("supervision:case_detail", args=[case.pk])).content.decode()
    assert client.post(url, {"kind": "order", "confirmed": "yes"}).status_code == 403
    client.force_login(inspector)
    assert "确认印发" in client.post(url, {"kind": "order"}).content.decode()  # confirmed first
    client.post(url, {"kind": "order", "confirmed": "yes"})
    document = case.documents.get()
    client.force_login(lead_head)
    page = client.get(reverse("supervision:case_detail", args=[case.pk])).content.decode()
    assert document.document_number in page and document.title in page
    response = client.get(reverse("supervision:case_document_file", args=[document.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf" and response.content == bytes(document.pdf_file)


def test_the_command_issues_and_writes_a_document(case, inspector, tmp_path):
    out = io.StringIO()
    call_command("case_document", "issue", str(case.pk), "--kind", "reminder", "--user", inspector.username, stdout=out)
    document = case.documents.get()
    assert document.document_number in out.getvalue() and document.kind == "reminder"
    target = tmp_path / "提示函.docx"
    call_command(
        "case_document", "write", str(document.pk), "--format", "docx", "-o", str(target), stderr=io.StringIO()
    )
    assert target.read_bytes() == bytes(document.docx_file)
