"""Supervision cases as two-way work: the unit under a case sees it and answers with a 整改报告 and its file;
each step has its own day and file; 销号 needs a 整改报告 or a written reason, and is confirmed first."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from dukao.desk.selectors import todo_counts
from dukao.supervision import services
from dukao.supervision.models import CaseState, CaseStep, CaseStepKind
from tests.progress.evidence_samples import PDF, PNG


@pytest.fixture
def case(work_report, lead_head, inspector):
    task = work_report.tasks.get(seq="1")
    return services.case_open(
        unit=lead_head.unit, tasks=[task], trigger="连续两月严重滞后", user=inspector, rectify_by=date(2030, 1, 31)
    )


def test_the_unit_sees_its_case_and_answers_with_a_rectification_report(client, case, lead_head, inspector):
    assert todo_counts(lead_head, date(2019, 6, 20))["cases"] == 1
    client.force_login(lead_head)
    desk = client.get(reverse("desk:home")).content.decode()
    assert "连续两月严重滞后" in desk and "2030年1月31日" in desk
    page = client.get(reverse("supervision:case_detail", args=[case.pk])).content.decode()
    assert "提交整改报告" in page
    client.post(
        reverse("supervision:case_detail", args=[case.pk]),
        {"kind": "rectification", "note": "已制定追赶计划", "happened_on": "2019-06-18", "file": _upload()},
    )
    step = case.steps.get()
    assert (step.kind, step.happened_on, step.original_name) == ("rectification", date(2019, 6, 18), "整改报告.pdf")
    assert step.content_type == "application/pdf" and len(step.sha256) == 64
    response = client.get(reverse("supervision:case_step_file", args=[step.pk]))
    assert response["Content-Type"] == "application/pdf" and response["Content-Security-Policy"].startswith("sandbox")
    assert "inline" in response["Content-Disposition"]
    client.force_login(inspector)
    page = client.get(reverse("supervision:case_detail", args=[case.pk])).content.decode()
    assert "已制定追赶计划" in page and "整改报告.pdf" in page


def test_the_unit_may_record_only_its_rectification_report(case, lead_head, lead_reporter):
    with pytest.raises(PermissionDenied):
        services.case_step(case=case, kind=CaseStepKind.CLOSE, note="自行销号", user=lead_head)
    with pytest.raises(PermissionDenied):  # the answer is signed by the unit's head
        services.case_step(case=case, kind=CaseStepKind.RECTIFICATION, note="整改", user=lead_reporter)


def test_closing_needs_a_report_or_a_reason_and_is_confirmed_first(client, case, inspector):
    with pytest.raises(ValueError, match="销号须写明理由"):
        services.case_step(case=case, kind=CaseStepKind.CLOSE, note="同意销号", user=inspector)
    client.force_login(inspector)
    url = reverse("supervision:case_detail", args=[case.pk])
    data = {"kind": "close", "note": "同意销号", "reason": "任务已调整出年度计划"}
    asked = client.post(url, data)
    assert "确认销号" in asked.content.decode() and case.steps.count() == 0
    client.post(url, data | {"confirmed": "yes"})
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.steps.get().reason == "任务已调整出年度计划"


def test_a_step_keeps_its_own_day_and_refuses_a_future_one(case, inspector):
    step = services.case_step(
        case=case, kind=CaseStepKind.TALK, note="约谈单位负责人", user=inspector, happened_on=date(2019, 6, 3)
    )
    assert step.happened_on == date(2019, 6, 3)
    with pytest.raises(ValueError, match="不能晚于今天"):
        services.case_step(case=case, kind=CaseStepKind.TALK, note="约谈", user=inspector, happened_on=date(2999, 1, 1))
    image = services.case_step(
        case=case, kind=CaseStepKind.ORDER, note="督办单", user=inspector, attachment=services.StepFile(PNG, "单.png")
    )
    assert image.content_type == "image/png"


def test_a_step_kind_outside_the_fixed_list_is_refused_by_the_service_and_by_the_database(case, inspector):
    with pytest.raises(ValueError, match="请选择办理环节"):
        services.case_step(case=case, kind="bogus", note="未知环节", user=inspector)
    with pytest.raises(IntegrityError, match="case_step_kind_known"), transaction.atomic():
        CaseStep.objects.create(case=case, kind="bogus", note="绕过服务写入", recorded_by=inspector)
    CaseStep.objects.create(case=case, kind=CaseStepKind.TALK, note="约谈", recorded_by=inspector)  # a known kind
    assert list(case.steps.values_list("kind", flat=True)) == ["talk"]


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("整改报告.pdf", PDF, content_type="application/octet-stream")
