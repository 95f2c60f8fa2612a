"""The year-end report (年度目标任务完成情况报告) for 区委办公室's 综合考评: built from a final assessment — counts by
target type and by year-end status, the units ranked, the tasks not completed with their reasons — in the official
frame of the bulletins, numbered, issued once and never changed, from the assessment page and the command line."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from dukao.accounts.models import Role
from dukao.assessment import services
from dukao.assessment.year_report import TaskRow, UnitRow, percent, report_parts, report_snapshot
from dukao.audit.models import Event
from dukao.lib.models import ImmutableError
from tests.conftest import make_user


def row(seq: str, type_label: str, completion: str, status: str = "", reason: str = "", cause: bool = False):
    return TaskRow(
        "政府工作报告", seq, f"任务{seq}", type_label, "区发改经信局", Decimal(completion), status, reason, cause
    )


TASKS = [
    row("1", "A类", "1.05", "已完成"),
    row("2", "A类", "0.8", "欠进度", "计划至12月完成100%，核定完成80%。"),
    row("3", "B类", "0.9999", "严重滞后", "落后", cause=True),
    row("4", "未分类", "1", ""),
]
UNITS = [UnitRow(2, "区民政局", 3, "95.00"), UnitRow(1, "区教育局", 4, "101.50"), UnitRow(2, "区商务局", 2, "95.00")]
OFFICE = "杭州市上城区人民政府办公室"
TEMPLATE = {
    "masthead": f"{OFFICE}文件", "masthead_issue": False, "issuer": OFFICE, "signer": "", "recipients": "区委办公室",
    "copy_to": "区纪委(区监委)", "printer": OFFICE,
}  # fmt: skip


def snapshot() -> dict:
    return report_snapshot(
        year=2019, assessment="2019年度考核", tasks=TASKS, units=UNITS, template=TEMPLATE, number="上政办报〔2020〕1号",
        issued_on=date(2020, 1, 20),
    )  # fmt: skip


def test_counts_by_type_and_status_rank_the_units_and_list_what_was_not_completed():
    s = snapshot()
    assert (s["title"], s["total"], s["completed"]) == ("关于2019年度目标任务完成情况的报告", 4, 2)
    assert s["by_type"] == [
        {"label": "A类", "total": 2, "completed": 1},
        {"label": "B类", "total": 1, "completed": 0},
        {"label": "未分类", "total": 1, "completed": 1},
    ]
    assert {r["status"]: r["count"] for r in s["by_status"]} == {"已完成": 1, "欠进度": 1, "严重滞后": 1, "未评定": 1}
    assert [(u["rank"], u["unit"]) for u in s["units"]] == [(1, "区教育局"), (2, "区民政局"), (2, "区商务局")]
    assert [(t["seq"], t["completion"]) for t in s["unfinished"]] == [("2", "80.0"), ("3", "99.9")]  # never 100 %
    parts = report_parts(s)
    assert [p.heading for p in parts] == [
        "一、总体情况",
        "二、分类完成情况",
        "三、各单位考核排名",
        "四、未完成的任务及原因",
    ]
    assert "共4项，已完成2项，完成率50.0%；未完成2项" in parts[0].blocks[0].text
    reasons = [r[-1].text for r in parts[3].blocks[1].rows]
    assert reasons == ["欠进度，计划至12月完成100%，核定完成80%", "严重滞后，落后；客观原因已认定"]


@pytest.mark.parametrize(("ratio", "shown"), [("1", "100.0"), ("0.99999", "99.9"), ("0", "0.0"), ("1.2345", "123.4")])
def test_a_completion_is_shown_rounded_down(ratio, shown):
    assert percent(Decimal(ratio)) == shown


@pytest.fixture
def final(demo, draft):
    return services.assessment_finalise(assessment=draft, user=demo["supervisor"])


def test_the_office_issues_the_report_once_from_the_final_assessment(demo, draft):
    office = demo["supervisor"]
    with pytest.raises(services.AssessmentError, match="定稿后"):
        services.year_report_issue(assessment=draft, user=office)
    final = services.assessment_finalise(assessment=draft, user=office)
    report = services.year_report_issue(assessment=final, user=office)
    assert report.document_number == f"上政办报〔{timezone.localdate().year}〕1号"
    text = "\n".join(p.text for p in Document(io.BytesIO(bytes(report.docx_file))).paragraphs)
    total = final.task_scores.count()
    assert "区委办公室：" in text and f"纳入考核的目标任务共{total}项" in text and "特此报告。" in text
    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(report.pdf_file))).pages).replace("\n", "")
    assert "杭州市上城区人民政府办公室文件" in pdf and "四、未完成的任务及原因" in pdf and "印发" in pdf
    assert report.snapshot["units"][0]["rank"] == 1
    assert Event.objects.filter(action="assessment.report_issue", summary__contains=report.document_number).exists()
    with pytest.raises(services.AssessmentError, match="已经印发"):
        services.year_report_issue(assessment=final, user=office)
    with pytest.raises(ImmutableError):
        report.save()


def test_the_report_is_on_the_assessment_page_for_the_office_and_the_evaluators(client, demo, final):
    client.force_login(demo["supervisor"])
    page = reverse("assessment:assessment_detail", args=[final.pk])
    assert "印发年度目标任务完成情况报告" in client.get(page).content.decode()
    client.post(reverse("assessment:year_report_issue", args=[final.pk]), {"confirmed": "yes"})
    report = final.report
    evaluator = make_user("kp", Role.EVALUATOR, "区委办公室")
    client.force_login(evaluator)
    assert report.document_number in client.get(page).content.decode()
    response = client.get(reverse("assessment:year_report_file", args=[final.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf" and response.content == bytes(report.pdf_file)


def test_the_command_issues_and_writes_the_report(demo, final, tmp_path):
    target = tmp_path / "报告.docx"
    out = io.StringIO()
    arguments = ("report", str(final.pk), "--format", "docx", "-o", str(target), "--user", "supervisor")
    call_command("assessment", *arguments, stdout=out)
    final.refresh_from_db()
    assert final.report.document_number in out.getvalue() and target.read_bytes() == bytes(final.report.docx_file)
