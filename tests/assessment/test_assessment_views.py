"""The assessment pages: who sees what, the office's buttons, a unit's appeal with evidence, the export."""

import io
from datetime import date, timedelta

import openpyxl
import time_machine
from django.urls import reverse
from django.utils import timezone

from dukao.assessment import services
from dukao.assessment.models import AdjustmentKind, Appeal, AppealState, Assessment
from dukao.audit.models import Event
from dukao.plans.models import Task
from tests.progress.evidence_samples import PDF, PNG


def soon() -> date:
    return timezone.localdate() + timedelta(days=7)


def test_the_office_runs_a_draft_from_the_page(client, demo):
    client.force_login(demo["supervisor"])
    response = client.post(reverse("assessment:assessment_list"), {"year": "2019", "period": "2019-06"})
    assessment = Assessment.objects.get()
    assert response.url == reverse("assessment:assessment_detail", args=[assessment.pk])
    assert assessment.period == date(2019, 6, 1)
    page = client.get(response.url).content.decode()
    assert "区发改经信局" in page and "公布得分，开放申诉" in page


def test_a_unit_sees_nothing_of_a_draft_and_only_its_own_score_once_published(client, demo, draft):
    client.force_login(demo["unithead"])
    assert client.get(reverse("assessment:assessment_detail", args=[draft.pk])).status_code == 404
    services.assessment_open_appeals(assessment=draft, user=demo["supervisor"], deadline=soon())
    page = client.get(reverse("assessment:assessment_detail", args=[draft.pk])).content.decode()
    assert "区发改经信局" in page and "区统计局" not in page
    other = draft.unit_scores.exclude(unit=demo["unithead"].unit).first()
    assert client.get(reverse("assessment:unit_detail", args=[draft.pk, other.unit_id])).status_code == 404


def test_a_unit_head_appeals_with_evidence_and_the_office_accepts_with_an_adjustment(client, demo, draft):
    services.assessment_open_appeals(assessment=draft, user=demo["supervisor"], deadline=soon())
    unit_id = demo["unithead"].unit_id
    task = Task.objects.get(plan__kind="work_report", seq="4")
    url = reverse("assessment:unit_detail", args=[draft.pk, unit_id])
    client.force_login(demo["unithead"])
    upload = io.BytesIO(PDF)
    upload.name = "快报.pdf"
    response = client.post(url, {"appeal-task": task.pk, "appeal-reason": "已按快报重报。", "appeal-file": upload})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.original_name == "快报.pdf" and len(appeal.sha256) == 64
    assert client.get(reverse("assessment:appeal_file", args=[draft.pk, appeal.pk])).status_code == 200
    client.force_login(demo["supervisor"])
    page = reverse("assessment:appeal_detail", args=[draft.pk, appeal.pk])
    assert f'href="{page}">处理</a>' in client.get(url).content.decode()  # the list links to the handling form
    assert 'name="decision"' in client.get(page).content.decode()
    data = {"accept": "1", "decision": "采纳", "kind": AdjustmentKind.COMPLETION, "value": "75"}
    assert client.post(page, data).url == page
    appeal.refresh_from_db()
    assert appeal.state == AppealState.ACCEPTED
    assert draft.task_scores.get(task=task).base_earned == 75
    shown = client.get(page).content.decode()
    assert appeal.effect in shown and 'name="decision"' not in shown  # decided: no form, what changed instead
    client.force_login(demo["unithead"])  # the unit reads the decision and its effect, and cannot decide
    assert appeal.effect in client.get(page).content.decode()
    assert client.post(page, data).status_code == 200 and Appeal.objects.get().decided_by == demo["supervisor"]


def test_an_unrelated_unit_cannot_read_an_appeal_file(client, demo, draft, unrelated_head):
    services.assessment_open_appeals(assessment=draft, user=demo["supervisor"], deadline=soon())
    appeal = services.appeal_submit(
        assessment=draft, user=demo["unithead"], reason="请复核", content=PDF, file_name="a.pdf"
    )
    client.force_login(unrelated_head)
    assert client.get(reverse("assessment:appeal_file", args=[draft.pk, appeal.pk])).status_code == 404


def test_an_appeal_file_is_served_with_the_type_its_content_shows_not_its_name(client, demo, draft):
    services.assessment_open_appeals(assessment=draft, user=demo["supervisor"], deadline=soon())
    appeal = services.appeal_submit(
        assessment=draft, user=demo["unithead"], reason="请复核", content=PNG, file_name="说明.html"
    )
    client.force_login(demo["unithead"])
    url = reverse("assessment:appeal_file", args=[draft.pk, appeal.pk])
    response = client.get(url)
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox") and "inline" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PNG
    assert "attachment" in client.get(url, {"download": "1"})["Content-Disposition"]


def test_the_export_has_units_tasks_and_adjustments_and_no_formulas(client, demo, draft):
    formula = '=HYPERLINK("http://evil","x")'
    task = Task.objects.get(plan__kind="work_report", seq="1")
    services.adjustment_add(
        assessment=draft,
        user=demo["supervisor"],
        unit=demo["unithead"].unit,
        change=services.AdjustmentInput(AdjustmentKind.OBJECTIVE_CAUSE, formula, task),
    )
    client.force_login(demo["evaluator"])
    response = client.get(reverse("assessment:assessment_export", args=[draft.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["单位得分", "任务得分", "调整记录"]
    units = list(book["单位得分"].iter_rows(min_row=3, values_only=True))
    assert len(units) == draft.unit_scores.count() and units[0][0] == 1
    assert [u[0] for u in units[-21:]] == [None] * 21  # the units that lead no task: last, unranked
    assert book["任务得分"].max_row == 2 + 163  # title, header, tasks
    cell = book["调整记录"]["E3"]
    assert (cell.value, cell.data_type) == (formula, "s")
    assert Event.objects.filter(action="assessment.export").count() == 1


def test_a_reporter_cannot_export_or_act(client, demo, draft):
    client.force_login(demo["reporter"])
    services.assessment_open_appeals(assessment=draft, user=demo["supervisor"], deadline=soon())
    assert client.get(reverse("assessment:assessment_export", args=[draft.pk])).status_code == 403
    client.post(reverse("assessment:assessment_action", args=[draft.pk, "finalise"]), {"confirmed": "yes"})
    draft.refresh_from_db()
    assert not draft.is_final


@time_machine.travel("2020-01-06 09:00 +0800", tick=False)
def test_the_office_publishes_and_finalises_from_the_page(client, demo, draft):
    client.force_login(demo["supervisor"])
    action = "assessment:assessment_action"
    client.post(reverse(action, args=[draft.pk, "open_appeals"]), {"deadline": "2020-01-08", "confirmed": "yes"})
    draft.refresh_from_db()
    assert (draft.state, draft.appeal_deadline) == ("appeals", date(2020, 1, 8))
    client.post(reverse(action, args=[draft.pk, "finalise"]), {"confirmed": "yes"})  # no appeal pending: no wait
    draft.refresh_from_db()
    assert (
        draft.is_final
        and draft.snapshot_sha256
        in client.get(reverse("assessment:assessment_detail", args=[draft.pk])).content.decode()
    )


def test_a_malformed_period_is_refused_in_plain_chinese_and_nothing_is_run(client, demo):
    client.force_login(demo["supervisor"])
    page = client.post(reverse("assessment:assessment_list"), {"year": "2019", "period": "2019-13"}).content.decode()
    assert "报告期格式应为“年-月-日”，如 2019-12-31。" in page and not Assessment.objects.exists()


def test_periods_and_deadlines_are_date_pickers_and_a_picked_day_stands_for_its_month(client, demo):
    client.force_login(demo["supervisor"])
    page = client.get(reverse("assessment:assessment_list")).content.decode()
    assert 'type="date" name="period"' in page
    response = client.post(reverse("assessment:assessment_list"), {"year": "2019", "period": "2019-06-18"})
    assessment = Assessment.objects.get()
    assert assessment.period == date(2019, 6, 1)
    assert 'type="date" name="deadline"' in client.get(response.url).content.decode()


def test_units_that_lead_no_task_are_listed_apart_from_the_ranking(client, demo, draft):
    client.force_login(demo["supervisor"])
    page = client.get(reverse("assessment:assessment_detail", args=[draft.pk])).content.decode()
    ranking, apart = page.split("无牵头任务的单位（单列，不参与排名）")
    assert "望江指挥部" in ranking and "望江指挥部" not in apart  # 14 led tasks: ranked, at the floor
    assert "区统计局" in apart and "区统计局" not in ranking  # cooperates on 10 tasks, leads none
    statistics = draft.unit_scores.get(unit__name="区统计局")
    unit_page = client.get(reverse("assessment:unit_detail", args=[draft.pk, statistics.unit_id])).content.decode()
    assert "无牵头任务，单列，不参与排名" in unit_page
