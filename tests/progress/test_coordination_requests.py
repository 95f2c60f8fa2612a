"""Coordination requests: raised by the lead unit, handled by 区政府办公室, visible with their age."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dukao.accounts.models import Role
from dukao.desk.selectors import todo_counts
from dukao.progress import services
from dukao.progress.models import RequestState, RequestStep
from dukao.progress.selectors import coordination_requests_open
from dukao.units.models import Unit
from tests.conftest import make_user


@pytest.fixture
def task(work_report):
    return work_report.tasks.get(seq="8")  # 建设数字E谷, led by 区发改经信局


def test_raise_assign_answer_close(task, lead_reporter, supervisor):
    with time_machine.travel("2019-05-06 10:00 +0800"):
        item = services.request_raise(
            task=task,
            user=lead_reporter,
            subject="中维商务中心消防验收",
            needed="请协调消防大队提前介入验收",
            needed_from="市消防救援支队上城大队",
        )
    with time_machine.travel("2019-05-20 10:00 +0800"):
        assert item.age_days() == 14
        assert list(coordination_requests_open(supervisor)) == [item]
        services.request_assign(request=item, user=supervisor, unit=Unit.objects.get(name="市消防救援支队上城大队"))
        services.request_answer(request=item, user=supervisor, answer="已协调，6月上旬组织验收")
        item = services.request_close(request=item, user=supervisor)
    assert item.state == RequestState.CLOSED and list(coordination_requests_open(supervisor)) == []


def test_closing_before_an_answer_is_refused(task, lead_reporter, supervisor):
    item = services.request_raise(task=task, user=lead_reporter, subject="s", needed="n")
    with pytest.raises(services.WorkflowError, match="待交办"):
        services.request_close(request=item, user=supervisor)


def test_units_cannot_handle_requests_and_another_unit_cannot_see_them(task, lead_reporter, unrelated_head, client):
    item = services.request_raise(task=task, user=lead_reporter, subject="s", needed="n")
    with pytest.raises(PermissionDenied):
        services.request_answer(request=item, user=lead_reporter, answer="自己答复")
    client.force_login(unrelated_head)
    assert client.get(reverse("progress:request_detail", args=[item.pk])).status_code == 404


def test_the_office_handles_a_request_from_its_page(task, lead_reporter, supervisor, client):
    item = services.request_raise(task=task, user=lead_reporter, subject="s", needed="n")
    client.force_login(supervisor)
    url = reverse("progress:request_detail", args=[item.pk])
    client.post(url, {"action": "answer", "answer": "已协调解决"})
    item.refresh_from_db()
    assert item.state == RequestState.ANSWERED and item.answer == "已协调解决"


def test_open_requests_show_on_the_unit_page_with_their_age(task, lead_reporter, supervisor, client):
    services.request_raise(task=task, user=lead_reporter, subject="消防验收协调", needed="n")
    client.force_login(supervisor)
    url = reverse("progress:unit_requests", args=[lead_reporter.unit_id])
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "消防验收协调" in html and "已过天数" in html and "<html" not in html


def test_the_assigned_unit_sees_the_instruction_answers_and_the_history_is_kept(
    client, task, lead_reporter, supervisor
):
    education = make_user("jyj", Role.UNIT_HEAD, "区教育局")
    item = services.request_raise(task=task, user=lead_reporter, subject="校舍用地", needed="请协调用地指标")
    client.force_login(supervisor)
    client.post(
        reverse("progress:request_detail", args=[item.pk]),
        {"action": "assign", "assigned_to": education.unit_id, "instruction": "请区教育局5个工作日内答复"},
    )
    assert todo_counts(education, date(2019, 6, 20))["requests"] == 1
    client.force_login(education)
    page = client.get(reverse("progress:request_detail", args=[item.pk])).content.decode()
    assert "请区教育局5个工作日内答复" in page and 'name="answer"' in page
    client.post(reverse("progress:request_detail", args=[item.pk]), {"answer": "已腾出用地，下周交付"})
    item.refresh_from_db()
    assert item.state == RequestState.ANSWERED and item.answer == "已腾出用地，下周交付"
    steps = list(RequestStep.objects.filter(request=item).values_list("action", "note", "actor__username"))
    assert steps == [
        ("raise", "请协调用地指标", "fgj"),
        ("assign", "请区教育局5个工作日内答复", "supervisor"),
        ("answer", "已腾出用地，下周交付", "jyj"),
    ]
    services.request_close(request=item, user=supervisor)
    with pytest.raises(services.WorkflowError):
        services.request_answer(request=item, user=supervisor, answer="再答复")


def test_a_unit_not_assigned_cannot_answer(task, lead_reporter, supervisor):
    item = services.request_raise(task=task, user=lead_reporter, subject="s", needed="n")
    with pytest.raises(PermissionDenied):
        services.request_answer(request=item, user=lead_reporter, answer="自己答复")
