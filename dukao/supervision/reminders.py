"""Reminders (催报): before a period's reporting day, lead units whose report is not in are reminded; after it,
they get an overdue notice. Recorded in the app (the unit's 工作台), told to the unit's reporters and head as one
notice each (``notices``: their notice centre and the channels each chose) and posted to the unit's webhook (a
浙政钉/DingTalk-style group robot URL), each at most once: a rerun never sends twice."""

import json
import urllib.request
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from dukao.accounts.selectors import unit_members
from dukao.lib.periods import period_label, period_of, reporting_deadline
from dukao.notices.models import NoticeKind
from dukao.notices.services import notice_send
from dukao.plans.models import Task, TaskUnit, UnitRole
from dukao.progress.models import ReportVersion
from dukao.supervision.models import Reminder, ReminderKind
from dukao.units.models import Unit


@dataclass(frozen=True)
class Due:
    unit: Unit
    task: Task
    period: date
    kind: str

    @property
    def message(self) -> str:
        due = reporting_deadline(self.period, settings.DUKAO_REPORTING_DAY)
        what = f"“{self.task.seq}. {self.task.name}”{period_label(self.period)}进展"
        if self.kind == ReminderKind.BEFORE:
            return f"【督考提醒】{self.unit.name}：请于{due.month}月{due.day}日前报送{what}。"
        return f"【督考逾期通知】{self.unit.name}：{what}已超过{due.month}月{due.day}日报送期限，请尽快报送。"


def reminders_due(today: date) -> list[Due]:
    """What is due on ``today``: within ``DUKAO_REMINDER_DAYS`` before the reporting day, a reminder for each
    lead unit without a submitted report for the current period; after it, an overdue notice."""
    period = period_of(today)
    deadline = reporting_deadline(period, settings.DUKAO_REPORTING_DAY)
    if today < deadline - timedelta(days=settings.DUKAO_REMINDER_DAYS):
        return []
    kind = ReminderKind.BEFORE if today <= deadline else ReminderKind.OVERDUE
    submitted = set(
        ReportVersion.objects.filter(report__period=period).values_list("report__task_id", "report__unit_id")
    )
    links = TaskUnit.objects.filter(role=UnitRole.LEAD, task__plan__year=period.year).select_related(
        "task", "unit", "group"
    )
    due = []
    for link in links.prefetch_related("group__members"):
        units = [link.unit] if link.unit else list(link.group.members.all())
        due += [Due(u, link.task, period, kind) for u in units if (link.task_id, u.pk) not in submitted]
    return due


def _deliver(item: Due, channel: str) -> str:
    if channel == "webhook":
        body = json.dumps({"msgtype": "text", "text": {"content": item.message}}, ensure_ascii=False).encode()
        request = urllib.request.Request(item.unit.webhook_url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (a URL the office configured)
            return f"HTTP {response.status}"
    return "站内消息"


def _channels(unit: Unit) -> list[str]:
    channels = ["app"]
    if unit.webhook_url:
        channels.append("webhook")
    return channels


def _tell_people(unit: Unit, items: list[Due]) -> None:
    """One notice to each reporter and the head of ``unit`` listing its newly claimed reminders; the link opens
    the 工作台's reports due."""
    due = reporting_deadline(items[0].period, settings.DUKAO_REPORTING_DAY)
    if items[0].kind == ReminderKind.BEFORE:
        kind, title = NoticeKind.REMINDER, f"【督考提醒】{len(items)}项任务请于{due.month}月{due.day}日前报送进展"
    else:
        kind, title = NoticeKind.OVERDUE, f"【督考逾期通知】{len(items)}项任务已超过{due.month}月{due.day}日报送期限"
    body = "\n".join(item.message for item in items)
    notice_send(recipients=unit_members(unit.pk), kind=kind, title=title, body=body, url=reverse("desk:home") + "#due")


def reminders_send(today: date) -> dict[str, int]:
    """Send what is due on ``today`` on every channel the unit has, once: a reminder row is claimed before it
    is delivered (a unique constraint), so reruns and concurrent runs never send twice. A failed webhook post is
    recorded, not retried; the people of each unit with new reminders get one notice (``_tell_people``), whose
    deliveries the worker retries. Returns ``{"sent": n, "skipped": n, "failed": n}``."""
    counts = {"sent": 0, "skipped": 0, "failed": 0}
    claimed: dict[Unit, list[Due]] = {}
    for item in reminders_due(today):
        for channel in _channels(item.unit):
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        unit=item.unit,
                        task=item.task,
                        period=item.period,
                        kind=item.kind,
                        channel=channel,
                        message=item.message,
                    )
            except IntegrityError:
                counts["skipped"] += 1
                continue
            if channel == "app":
                claimed.setdefault(item.unit, []).append(item)
            try:
                reminder.outcome = _deliver(item, channel)[:200]
                counts["sent"] += 1
            except OSError as exc:
                reminder.outcome = f"发送失败：{exc}"[:200]
                counts["failed"] += 1
            Reminder.objects.filter(pk=reminder.pk).update(outcome=reminder.outcome)
    for unit, items in claimed.items():
        _tell_people(unit, items)
    return counts
