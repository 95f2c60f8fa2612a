"""Early warning (预警): each task's light (``warning_rules``) stored as of a day, and the people told of each new
yellow or red light once. The daily run (``dukao warnings_send``, queued for the worker like the reminders)
computes the lights of this year's tasks and tells; an event that changes a task's facts recomputes its light as
of the day of the last run (``supervision.receivers``), so a verified report turns a light green at once."""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from dukao.accounts.models import Role, User
from dukao.accounts.selectors import unit_members
from dukao.audit.services import event_record
from dukao.lib.periods import period_of
from dukao.notices.models import NoticeKind
from dukao.notices.services import notice_send
from dukao.plans.models import Task, TaskUnit, UnitRole
from dukao.supervision.facts import indicator_facts
from dukao.supervision.models import TaskWarning
from dukao.supervision.warning_rules import Light, task_warning
from dukao.units.models import Cadre, Unit


def warning_days() -> int:
    """How many days ahead a node warns (setting ``DUKAO_WARNING_DAYS``)."""
    return settings.DUKAO_WARNING_DAYS


@transaction.atomic
def warnings_refresh(*, today: date, task_ids: list[int] | None = None) -> dict[str, int]:
    """Compute the lights of this year's tasks in force (or of ``task_ids``) as of ``today`` and store them: a
    light that changed starts again (``since`` today, not yet told); an unchanged one keeps its day and whether it
    was told, with its reason brought up to date. Returns the count of tasks by light."""
    tasks = Task.objects.in_force().filter(plan__year=today.year)
    if task_ids is not None:
        tasks = tasks.filter(pk__in=task_ids)
    facts = indicator_facts(tasks, period_of(today))
    ids = list(tasks.values_list("pk", flat=True))
    stored = {w.task_id: w for w in TaskWarning.objects.select_for_update().filter(task_id__in=ids)}
    window, counts = warning_days(), dict.fromkeys(Light, 0)
    new, changed = [], []
    for task_id in ids:
        verdict = task_warning(tuple(facts.get(task_id, {}).values()), today, window)
        counts[verdict.light] += 1
        row = stored.get(task_id)
        if row is None:
            row = TaskWarning(task_id=task_id, light=verdict.light, since=today, as_of=today)
            new.append(row)
        elif row.light != verdict.light:
            row.light, row.since, row.notified = verdict.light, today, False
            changed.append(row)
        else:
            changed.append(row)
        row.reason, row.due, row.as_of = verdict.reason[:300], verdict.due, today
    TaskWarning.objects.bulk_create(new)
    TaskWarning.objects.bulk_update(changed, ["light", "reason", "due", "as_of", "since", "notified"])
    return {light.value: n for light, n in counts.items()}


def warnings_follow(task_ids: list[int]) -> None:
    """Recompute the lights of ``task_ids`` as of the day of the last run (today when there was none)."""
    last = TaskWarning.objects.aggregate(day=Max("as_of"))["day"]
    warnings_refresh(today=last or timezone.localdate(), task_ids=task_ids)


def _lead_units(task_ids: list[int]) -> dict[int, list[Unit]]:
    """``{task id: its lead units}`` (a group's members), one query."""
    links = TaskUnit.objects.filter(task_id__in=task_ids, role=UnitRole.LEAD).select_related("unit", "group")
    units: dict[int, list[Unit]] = defaultdict(list)
    for link in links.prefetch_related("group__members"):
        units[link.task_id] += [link.unit] if link.unit else list(link.group.members.all())
    return units


def leaders_of(unit: Unit, on: date) -> tuple[list[User], list[Cadre]]:
    """Who answers for ``unit`` when a light turns red: the unit's head (accounts) and the 分管领导 in office who
    oversee it, told through the account of the same name in the cadre's own unit (cadres are a register, not
    accounts)."""
    cadres = list(Cadre.objects.in_office(on).filter(role="in_charge", units_in_charge=unit).select_related("unit"))
    people = list(unit_members(unit.pk, roles=[Role.UNIT_HEAD]))
    for cadre in cadres:
        people += [
            u for u in User.objects.filter(unit_id=cadre.unit_id, is_active=True) if u.get_full_name() == cadre.name
        ]
    return people, cadres


def _tell(unit: Unit, light: str, rows: list[TaskWarning], today: date) -> None:
    lines = "\n".join(f"“{w.task.seq}. {w.task.name}”：{w.reason}" for w in rows)
    if light == Light.YELLOW:
        title = f"【督考预警】{unit.name}：{len(rows)}项任务即将逾期（黄灯）"
        notice_send(
            recipients=unit_members(unit.pk), kind=NoticeKind.WARNING, title=title, body=lines, url=reverse("desk:home")
        )
        return
    people, cadres = leaders_of(unit, today)
    leaders = "、".join(c.name for c in cadres)
    title = f"【督考预警】{unit.name}：{len(rows)}项任务已逾期（红灯）"
    body = lines + (f"\n分管领导：{leaders}" if leaders else "")
    notice_send(recipients=people, kind=NoticeKind.WARNING, title=title, body=body, url=reverse("desk:home"))


@transaction.atomic
def warnings_send(*, today: date) -> dict[str, int]:
    """Refresh the lights as of ``today``, then tell each lead unit of its tasks newly yellow and its head and
    分管领导 of those newly red, one notice per unit and light. Each light is claimed (``notified``) before it is
    told, so a rerun tells nothing again. Returns the counts by light and ``{"told": tasks told}``."""
    counts = warnings_refresh(today=today)
    pending = TaskWarning.objects.select_for_update().filter(
        notified=False, light__in=[Light.YELLOW, Light.RED], task__plan__year=today.year
    )
    rows = list(pending.select_related("task").order_by("task__plan_id", "task__position"))
    TaskWarning.objects.filter(pk__in=[w.pk for w in rows]).update(notified=True)
    units = _lead_units([w.task_id for w in rows])
    by_unit: dict[tuple[Unit, str], list[TaskWarning]] = defaultdict(list)
    for row in rows:
        for unit in units.get(row.task_id, []):
            by_unit[unit, row.light].append(row)
    for (unit, light), told in by_unit.items():
        _tell(unit, light, told, today)
    counts["told"] = len(rows)
    event_record(
        actor=None,
        action="warning.send",
        obj=None,
        summary=f"{today:%Y-%m-%d} 红灯{counts['red']}项、黄灯{counts['yellow']}项，新通知{len(rows)}项",
    )
    return counts
