"""What waits for a user (the 工作台 and the navigation's badges): one queryset per kind of to-do, chosen by the
user's role. Counting runs one query per kind that applies to the role, however many rows there are."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from dukao.accounts.models import Role, User
from dukao.assessment.models import Appeal, AppealState, AssessmentState
from dukao.assessment.permissions import can_run
from dukao.lib.periods import months_before, period_of, reporting_deadline
from dukao.plans.models import Task, UnitRole
from dukao.plans.selectors import unit_task_ids
from dukao.progress import permissions
from dukao.progress.models import (
    CoordinationRequest,
    ProgressReport,
    ReportState,
    ReportVersion,
    RequestState,
    ScheduleRevision,
    ScheduleState,
)
from dukao.reviews.selectors import review_queue
from dukao.supervision.models import CaseState, SupervisionCase, Urge
from dukao.supervision.services import can_handle_cases


@dataclass(frozen=True)
class Todo:
    """One kind of to-do: its key (the anchor on the 工作台, the badge's name), heading and items."""

    key: str
    label: str
    items: QuerySet


@dataclass(frozen=True)
class DuePeriod:
    """A reporting period whose report a lead unit still owes: the day it is due and the tasks without one."""

    period: date
    due: date
    overdue: bool
    tasks: QuerySet[Task]


def due_periods(user: User, today: date) -> list[DuePeriod]:
    """The current period and the one before it (its reporting day has passed), with the tasks the user's unit
    leads in that year's plans and has not yet signed off a report on. Empty for roles outside a unit."""
    if user.role not in permissions.UNIT_ROLES or user.unit_id is None:
        return []
    periods = [period_of(today), months_before(period_of(today), 1)]
    result = []
    for period in periods:
        signed = ReportVersion.objects.filter(
            report__task=OuterRef("pk"), report__period=period, report__unit_id=user.unit_id
        )
        tasks = (
            Task.objects.in_force()
            .filter(pk__in=unit_task_ids(user.unit_id, UnitRole.LEAD), plan__year=period.year)
            .filter(~Exists(signed))
            .select_related("plan")
            .order_by("plan", "position")
        )
        due = reporting_deadline(period, settings.DUKAO_REPORTING_DAY)
        result.append(DuePeriod(period, due, today > due, tasks))
    return result


def _unit_reports(user: User, state: str) -> QuerySet[ProgressReport]:
    return (
        ProgressReport.objects.filter(unit_id=user.unit_id, state=state)
        .select_related("task__plan", "draft_saved_by")
        .order_by("period", "task__plan", "task__position")
    )


def _requests(user: User) -> QuerySet[CoordinationRequest]:
    """区政府办公室: requests to assign or, once answered, to close; a unit: those assigned to it, to answer."""
    requests = CoordinationRequest.objects.select_related("task__plan", "raised_by_unit", "assigned_to")
    if permissions.can_handle_requests(user):
        return requests.filter(state__in=[RequestState.OPEN, RequestState.ANSWERED]).order_by("created_at")
    return requests.filter(assigned_to_id=user.unit_id, state=RequestState.ASSIGNED).order_by("created_at")


def _cases(user: User) -> QuerySet[SupervisionCase]:
    """Open cases: all of them for 区纪委, the unit's own for its staff; nearest rectification deadline first."""
    cases = SupervisionCase.objects.filter(state=CaseState.OPEN).select_related("unit")
    if not can_handle_cases(user):
        cases = cases.filter(unit_id=user.unit_id)
    return cases.order_by("rectify_by", "created_at")


def todos(user: User) -> list[Todo]:
    """The kinds of to-do that apply to the user's role, each with its (unevaluated) items."""
    kinds = []
    if user.role == Role.UNIT_HEAD and user.unit_id:
        kinds.append(Todo("sign_off", _("待签发"), _unit_reports(user, ReportState.DRAFT)))
    if user.role in permissions.UNIT_ROLES and user.unit_id:
        kinds.append(Todo("returned", _("被退回"), _unit_reports(user, ReportState.RETURNED)))
    if user.role in permissions.REVIEWER_ROLES:
        kinds.append(Todo("review", _("待核定"), review_queue(user)))
    if permissions.can_decide_schedules(user):
        proposed = ScheduleRevision.objects.filter(state=ScheduleState.PROPOSED)
        kinds.append(Todo("schedules", _("待审批进度计划"), proposed.select_related("task__plan", "proposed_by")))
    if permissions.can_handle_requests(user) or (user.role in permissions.UNIT_ROLES and user.unit_id):
        kinds.append(Todo("requests", _("待办协调事项"), _requests(user)))
    if can_run(user):
        pending = Appeal.objects.filter(state=AppealState.PENDING, assessment__state=AssessmentState.APPEALS)
        kinds.append(Todo("appeals", _("待处理申诉"), pending.select_related("assessment", "unit", "task")))
    if can_handle_cases(user) or (user.role in permissions.UNIT_ROLES and user.unit_id):
        kinds.append(Todo("cases", _("督办事项"), _cases(user)))
    return kinds


def todo_counts(user: User, today: date) -> dict[str, int]:
    """``{key: count}`` of each to-do kind of the user's role, ``due`` (reports due or overdue) and ``total``."""
    counts = {todo.key: todo.items.count() for todo in todos(user)}
    due = sum(d.tasks.count() for d in due_periods(user, today))
    if due or user.role in permissions.UNIT_ROLES:
        counts["due"] = due
    counts["total"] = sum(counts.values())
    return counts


def unit_urges(user: User) -> QuerySet[Urge]:
    """The 催办 the user's unit received, newest first, each with its tasks (two queries); none outside a unit."""
    if user.role not in permissions.UNIT_ROLES or user.unit_id is None:
        return Urge.objects.none()
    tasks = Task.objects.select_related("plan").order_by("plan", "position")
    return (
        Urge.objects.filter(unit_id=user.unit_id)
        .select_related("sent_by")
        .prefetch_related(Prefetch("tasks", queryset=tasks))
        .order_by("-sent_at", "-pk")
    )


def unit_reports_by_id(user: User, ids: list[int]) -> QuerySet[ProgressReport]:
    """Of ``ids``, the reports of the user's unit (the sign-off service checks each one's state and the role)."""
    return (
        ProgressReport.objects.filter(pk__in=ids, unit_id=user.unit_id)
        .select_related("task__plan", "unit")
        .order_by("period", "task__plan", "task__position")
    )
