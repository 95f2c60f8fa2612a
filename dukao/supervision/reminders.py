"""Reminders (催报): before a period's reporting day, lead units whose report is not in are reminded; after it,
they get an overdue notice. Delivered in the app, by e-mail (Django's mail backends) and to the unit's
webhook (a 浙政钉/DingTalk-style robot URL), each at most once: a rerun never sends twice."""

import json
import urllib.request
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q

from dukao.lib.periods import period_label, period_of, reporting_deadline
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
    if channel == "email":
        recipients = list(item.unit.users.filter(is_active=True).exclude(email="").values_list("email", flat=True))
        send_mail("督考催报", item.message, None, recipients)
        return f"已发送至 {len(recipients)} 个邮箱"
    if channel == "webhook":
        body = json.dumps({"msgtype": "text", "text": {"content": item.message}}, ensure_ascii=False).encode()
        request = urllib.request.Request(item.unit.webhook_url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (a URL the office configured)
            return f"HTTP {response.status}"
    return "站内消息"


def _channels(unit: Unit) -> list[str]:
    channels = ["app"]
    if unit.users.filter(Q(is_active=True) & ~Q(email="")).exists():
        channels.append("email")
    if unit.webhook_url:
        channels.append("webhook")
    return channels


def reminders_send(today: date) -> dict[str, int]:
    """Send what is due on ``today`` on every channel the unit has, once: a reminder row is claimed before it
    is delivered (a unique constraint), so reruns and concurrent runs never send twice. A failed delivery is
    recorded, not retried. Returns ``{"sent": n, "skipped": n, "failed": n}``."""
    counts = {"sent": 0, "skipped": 0, "failed": 0}
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
            try:
                reminder.outcome = _deliver(item, channel)[:200]
                counts["sent"] += 1
            except OSError as exc:
                reminder.outcome = f"发送失败：{exc}"[:200]
                counts["failed"] += 1
            Reminder.objects.filter(pk=reminder.pk).update(outcome=reminder.outcome)
    return counts
