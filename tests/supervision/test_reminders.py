"""Reminders: before the reporting day and after it, on every channel, never twice."""

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from dukao.notices.models import Notice, NoticeKind
from dukao.supervision.models import Reminder, ReminderKind
from dukao.supervision.reminders import reminders_due, reminders_send
from dukao.units.models import Unit
from tests.progress.factories import submitted


class _Robot(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        length = int(self.headers["Content-Length"])
        _Robot.received.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def robot():
    """A messaging robot on loopback that records what it is sent (stops with the test)."""
    _Robot.received = []
    server = HTTPServer(("127.0.0.1", 0), _Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/robot"
    server.shutdown()


@pytest.fixture
def fgj(seed, lead_reporter, robot):
    unit = Unit.objects.get(name="区发改经信局")
    unit.webhook_url = robot
    unit.save()
    lead_reporter.email = "fgj@example.gov.cn"
    lead_reporter.save()
    return unit


def test_nothing_is_due_before_the_reminder_window(fgj):
    assert reminders_due(date(2019, 6, 21)) == []


def test_units_without_a_report_are_reminded_on_every_channel_once(
    fgj, work_report, lead_reporter, lead_head, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    submitted(work_report.tasks.get(seq="1"), lead_reporter, lead_head)  # June's report on row 1 is in
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_send(date(2019, 6, 23))
    mine = Reminder.objects.filter(unit=fgj)
    led = fgj.task_links.filter(role="lead").count()
    assert mine.filter(channel="app").count() == led - 1  # not for row 1
    assert mine.filter(channel="webhook").count() == led - 1 and len(_Robot.received) == led - 1
    assert "请于6月25日前报送" in _Robot.received[0]["text"]["content"]
    # The reporter and the head each get one notice listing the tasks; e-mail reaches the one with an address.
    notices = Notice.objects.filter(kind=NoticeKind.REMINDER)
    assert sorted(n.recipient.username for n in notices) == ["fgj", "fgj_head"]
    assert notices[0].body.count("请于6月25日前报送") == led - 1 and notices[0].url == "/my/#due"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["fgj@example.gov.cn"]
    assert f"{led - 1}项任务请于6月25日前报送进展" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        again = reminders_send(date(2019, 6, 24))
    assert again["sent"] == 0 and again["skipped"] == first["sent"]
    assert len(mail.outbox) == 1 and len(_Robot.received) == led - 1 and notices.count() == 2


def test_after_the_reporting_day_an_overdue_notice_goes_out(fgj):
    reminders_send(date(2019, 6, 26))
    assert set(Reminder.objects.values_list("kind", flat=True)) == {ReminderKind.OVERDUE}
    assert "已超过6月25日报送期限" in Reminder.objects.filter(unit=fgj).first().message
    assert Notice.objects.get(kind=NoticeKind.OVERDUE).title.endswith("已超过6月25日报送期限")


def test_an_unreachable_robot_is_recorded_not_retried(fgj):
    fgj.webhook_url = "http://127.0.0.1:9/closed"
    fgj.save()
    counts = reminders_send(date(2019, 6, 23))
    assert counts["failed"] == fgj.task_links.filter(role="lead").count()
    assert Reminder.objects.filter(channel="webhook").first().outcome.startswith("发送失败")
    assert reminders_send(date(2019, 6, 23))["failed"] == 0


def test_the_command_queues_the_task_for_the_worker(fgj, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    out = StringIO()
    call_command("send_reminders", "--date", "2019-06-23", stdout=out)
    assert "已排队" in out.getvalue() and Reminder.objects.filter(channel="app").exists()
    call_command("send_reminders", "--date", "2019-06-23", "--now", stdout=out)
    assert "已发送 0 条" in out.getvalue()
