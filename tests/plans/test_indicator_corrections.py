"""Correcting parsed indicators by hand: who may, what is recorded, and that a re-import keeps it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from dukao.plans.models import Indicator, IndicatorKind
from dukao.plans.services import plan_import


def formset_data(task, rows):
    """POST data for the indicator formset of ``task``: existing forms as given in ``rows``."""
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(task.indicators.count())}
    data["form-MIN_NUM_FORMS"], data["form-MAX_NUM_FORMS"] = "0", "1000"
    for n, row in enumerate(rows):
        data.update({f"form-{n}-{key}": value for key, value in row.items()})
    return data


@pytest.fixture
def row_46(work_report):
    return work_report.tasks.get(seq="46")


def test_supervisor_corrects_an_indicator_and_who_and_when_is_kept(client, supervisor, row_46):
    client.force_login(supervisor)
    existing = row_46.indicators.get()
    data = formset_data(
        row_46,
        [
            {
                "id": existing.pk,
                "kind": "ratio",
                "comparator": ">=",
                "target": "6",
                "unit": "项",
                "text": existing.text,
            },
            {"kind": "money", "comparator": ">=", "target": "2.5", "unit": "亿元", "text": "亩均税收"},
        ],
    )
    response = client.post(reverse("plans:task_indicators", args=[row_46.pk]), data)
    assert response.status_code == 302
    first, second = row_46.indicators.order_by("position")
    assert first.kind == IndicatorKind.RATIO and first.corrected_by == supervisor and first.corrected_at
    assert second.normalized_target == Decimal("250000000") and second.normalized_unit == "元"


def test_a_correction_survives_reimporting_a_changed_plan(client, supervisor, row_46, seed_bytes):
    client.force_login(supervisor)
    existing = row_46.indicators.get()
    data = formset_data(row_46, [{"id": existing.pk, "kind": "milestone", "comparator": "=", "text": "保持前列"}])
    client.post(reverse("plans:task_indicators", args=[row_46.pk]), data)
    edited = seed_bytes.decode().replace("| 11000人 |", "| 12000人 |").replace("等6项指标", "等7项指标").encode()
    report = plan_import(content=edited, file_name="edited.txt")
    kept = Indicator.objects.get(task__plan=row_46.plan, task__seq="46")
    assert kept.kind == IndicatorKind.MILESTONE and kept.text == "保持前列"
    assert report.warnings == [
        f"“{row_46.plan.title}”序号46的指标曾经人工修正，而该行内容已有变化：已保留人工修正，请复核。"
    ]
    assert Indicator.objects.get(task__plan=row_46.plan, task__seq="6").target == Decimal("12000")


def test_a_quantity_without_a_target_is_refused_in_chinese(client, supervisor, row_46):
    client.force_login(supervisor)
    existing = row_46.indicators.get()
    data = formset_data(row_46, [{"id": existing.pk, "kind": "quantity", "comparator": ">=", "text": "x"}])
    html = client.post(reverse("plans:task_indicators", args=[row_46.pk]), data).content.decode()
    assert "“数量”类指标需要填写目标值。" in html
    assert row_46.indicators.get().corrected_at is None


def test_a_unit_reporter_may_not_correct_indicators(client, lead_reporter, row_46):
    client.force_login(lead_reporter)
    assert client.get(reverse("plans:task_indicators", args=[row_46.pk])).status_code == 403
    page = client.get(reverse("plans:task_detail", args=[row_46.pk])).content.decode()
    assert "修正或确认" not in page


def test_a_correction_keeps_the_indicator_and_what_refers_to_it(client, supervisor, work_report, lead_reporter):
    from tests.progress.factories import draft

    task = work_report.tasks.get(seq="1")
    report = draft(task, lead_reporter, p0="5.9")
    existing = task.indicators.get()
    client.force_login(supervisor)
    data = formset_data(
        task,
        [{"id": existing.pk, "kind": "growth", "comparator": ">=", "target": "6", "unit": "%", "text": existing.text}],
    )
    client.post(reverse("plans:task_indicators", args=[task.pk]), data)
    corrected = task.indicators.get()
    assert corrected.pk == existing.pk and corrected.target == Decimal("6")
    report.refresh_from_db()
    assert str(existing.pk) in report.draft_values


def test_an_indicator_with_a_submitted_report_cannot_be_deleted(
    client, supervisor, work_report, lead_reporter, lead_head
):
    from tests.progress.factories import submitted

    task = work_report.tasks.get(seq="1")
    submitted(task, lead_reporter, lead_head, p0="5.9")
    existing = task.indicators.get()
    client.force_login(supervisor)
    data = formset_data(
        task,
        [
            {
                "id": existing.pk,
                "kind": "growth",
                "comparator": ">=",
                "target": "5.5",
                "unit": "%",
                "text": existing.text,
                "DELETE": "on",
            }
        ],
    )
    response = client.post(reverse("plans:task_indicators", args=[task.pk]), data, follow=True)
    assert "不能删除" in response.content.decode()
    assert task.indicators.filter(pk=existing.pk).exists()


def test_reimport_keeps_indicators_that_carry_reports_and_says_so(work_report, lead_reporter, lead_head, seed_bytes):
    from tests.progress.factories import submitted

    task = work_report.tasks.get(seq="6")
    submitted(
        task,
        lead_reporter.__class__.objects.create_user("rs", role="reporter", unit=task.lead_links[0].unit),
        lead_reporter.__class__.objects.create_user("hs", role="unit_head", unit=task.lead_links[0].unit),
        p0="5000",
    )
    before = task.indicators.get().pk
    report = plan_import(content=seed_bytes.decode().replace("| 11000人 |", "| 12000人 |").encode(), file_name="e.txt")
    assert task.indicators.get().pk == before
    assert any("序号6已有进度计划或填报记录" in w for w in report.warnings)
