"""一键催办: 区政府办公室 urges the lead units of tasks chosen on the 督查台账 (or every task listed there). Each lead
unit gets one 催办 (``Urge``) naming its tasks, recorded and audited, seen on its 工作台 and told to its people
(``notices``: their notice centre and channels); the year-end assessment may count it (docs/assessment.md)."""

from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from dukao.accounts.models import User
from dukao.accounts.permissions import may
from dukao.accounts.selectors import unit_members
from dukao.audit.services import event_record
from dukao.lib.permissions import deny_unless
from dukao.notices.models import NoticeKind
from dukao.notices.services import notice_send
from dukao.plans.models import Task, TaskUnit, UnitRole
from dukao.supervision.models import Urge
from dukao.units.models import Unit

#: The words of a 催办 when the office writes none.
DEFAULT_MESSAGE = "请对照目标任务和时间节点，抓紧推进，按期报送进展。"
MESSAGE_MAX = 500


class UrgeError(ValueError):
    """A 催办 that cannot be sent, with the reason in Chinese."""


def can_urge(user: User) -> bool:
    return may(user, "urge.send")


def _by_lead_unit(tasks: list[Task]) -> dict[Unit, list[Task]]:
    """The tasks grouped by their lead units (a group's members each), in the order given; one query."""
    links = TaskUnit.objects.filter(task__in=tasks, role=UnitRole.LEAD).select_related("unit", "group")
    units: dict[int, list[Unit]] = defaultdict(list)
    for link in links.prefetch_related("group__members"):
        units[link.task_id] += [link.unit] if link.unit else list(link.group.members.all())
    grouped: dict[Unit, list[Task]] = defaultdict(list)
    for task in tasks:
        for unit in units.get(task.pk, []):
            if task not in grouped[unit]:
                grouped[unit].append(task)
    return grouped


@transaction.atomic
def urge_send(*, user: User, tasks: list[Task], message: str = "") -> list[Urge]:
    """One 催办 to each lead unit of ``tasks`` naming its tasks among them, told to the unit's people; each
    audited as ``urge.send``. Raises ``PermissionDenied`` (not 区政府办公室) or ``UrgeError``."""
    deny_unless(can_urge(user), _("只有区政府办公室督查员可以催办。"))
    text = message.strip() or DEFAULT_MESSAGE
    if len(text) > MESSAGE_MAX:
        raise UrgeError(_("催办内容不能超过%(n)d字。") % {"n": MESSAGE_MAX})
    if not tasks:
        raise UrgeError(_("请至少选择一项任务。"))
    grouped = _by_lead_unit(tasks)
    if not grouped:
        raise UrgeError(_("所选任务没有牵头单位，无法催办。"))
    urges = []
    for unit, own in grouped.items():
        urge = Urge.objects.create(unit=unit, year=own[0].plan.year, message=text, sent_by=user)
        urge.tasks.set(own)
        names = "\n".join(f"“{t.seq}. {t.name}”" for t in own)
        notice_send(
            recipients=unit_members(unit.pk),
            kind=NoticeKind.URGE,
            title=f"【督考催办】区政府办公室催办{len(own)}项任务",
            body=f"{text}\n{names}",
            url=reverse("desk:home") + "#urges",
        )
        event_record(actor=user, action="urge.send", obj=urge, summary=f"{unit}：{len(own)}项任务；{text[:100]}")
        urges.append(urge)
    return urges
