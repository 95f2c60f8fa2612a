"""Reads on schedules, reports and requests, scoped to the user (``progress.permissions``)."""

from django.db.models import OuterRef, Prefetch, Q, QuerySet

from dukao.accounts.models import User
from dukao.plans.models import Indicator, Task, UnitRole
from dukao.plans.selectors import unit_task_ids
from dukao.progress import permissions
from dukao.progress.models import (
    Contribution,
    CoordinationRequest,
    Evidence,
    ProgressReport,
    ReportVersion,
    RequestState,
    RequestStep,
    ScheduleRevision,
    ScheduleState,
)
from dukao.progress.verifiers import verified_by
from dukao.units.models import Unit


def unit_tasks(user: User, role: str = UnitRole.LEAD) -> QuerySet[Task]:
    """Tasks on which the user's unit has ``role`` (lead by default), in plan order."""
    if user.unit_id is None:
        return Task.objects.none()
    return (
        Task.objects.filter(pk__in=unit_task_ids(user.unit_id, role))
        .select_related("plan")
        .order_by("plan", "position")
    )


def visible_reports(user: User) -> QuerySet[ProgressReport]:
    """Reports the user may read: all for read-all roles; else the unit's own and those it verifies."""
    reports = ProgressReport.objects.select_related("task__plan", "unit")
    if permissions.reads_everything(user):
        return reports
    verified = verified_by(user, Indicator.objects.filter(task=OuterRef("task")), "unit_id")
    return reports.filter(Q(unit_id=user.unit_id) | verified)


def report_for(user: User, report_id: int) -> ProgressReport:
    """One report the user may read. Raises ``ProgressReport.DoesNotExist`` otherwise (a unit guessing ids
    learns nothing: another unit's report does not exist for it)."""
    versions = ReportVersion.objects.prefetch_related("values__indicator", "reviews__reviewer", "evidence")
    return (
        visible_reports(user)
        .prefetch_related(Prefetch("versions", queryset=versions), "evidence")
        .select_related("draft_saved_by")
        .get(pk=report_id)
    )


def evidence_for(user: User, evidence_id: int) -> Evidence:
    """One evidence file of a report the user may read. Raises ``Evidence.DoesNotExist`` otherwise."""
    return Evidence.objects.select_related("report").get(pk=evidence_id, report__in=visible_reports(user))


def task_reports(user: User, task: Task) -> QuerySet[ProgressReport]:
    """The task's reports the user may read, newest period first."""
    return visible_reports(user).filter(task=task).order_by("-period", "unit__name")


def unit_reports(user: User, states: tuple[str, ...] = ()) -> QuerySet[ProgressReport]:
    """The user's unit's reports, optionally in ``states``."""
    reports = ProgressReport.objects.filter(unit_id=user.unit_id).select_related("task__plan")
    return reports.filter(state__in=states) if states else reports


def baseline(task: Task) -> ScheduleRevision | None:
    """The approved schedule revision in force (the highest approved number), with its checkpoints."""
    return (
        task.schedule_revisions.filter(state=ScheduleState.APPROVED)
        .prefetch_related("checkpoints__indicator")
        .order_by("-number")
        .first()
    )


def scheduled_nodes(task: Task) -> dict[int, list[str]]:
    """``{indicator id: the named nodes of the approved schedule, in date order}``: what a milestone's report
    may name as the node reached (the status rules judge each node by name)."""
    revision = baseline(task)
    nodes: dict[int, list[str]] = {}
    for checkpoint in sorted(revision.checkpoints.all(), key=lambda c: c.due) if revision else ():
        if checkpoint.node and checkpoint.node not in nodes.setdefault(checkpoint.indicator_id, []):
            nodes[checkpoint.indicator_id].append(checkpoint.node)
    return nodes


def schedule_history(task: Task) -> QuerySet[ScheduleRevision]:
    """Every revision of the task's schedule, newest first, with checkpoints."""
    return task.schedule_revisions.select_related("proposed_by", "decided_by").prefetch_related(
        "checkpoints__indicator"
    )


def visible_requests(user: User) -> QuerySet[CoordinationRequest]:
    """Coordination requests: all for 区政府办公室 and read-all roles; else those the unit raised or handles."""
    requests = CoordinationRequest.objects.select_related("task__plan", "raised_by_unit", "assigned_to")
    if permissions.reads_everything(user):
        return requests
    return requests.filter(Q(raised_by_unit_id=user.unit_id) | Q(assigned_to_id=user.unit_id))


def coordination_requests_open(user: User | None = None, unit: Unit | None = None) -> QuerySet[CoordinationRequest]:
    """Coordination requests not yet closed (未办结), oldest first (their age shows on the pages): every one (the
    bulletin); with ``user``, those the user may see; with ``unit``, those the unit raised or was assigned."""
    requests = (
        visible_requests(user)
        if user
        else CoordinationRequest.objects.select_related("task__plan", "raised_by_unit", "assigned_to")
    )
    if unit is not None:
        requests = requests.filter(Q(raised_by_unit=unit) | Q(assigned_to=unit))
    return requests.exclude(state=RequestState.CLOSED).order_by("created_at", "pk")


def request_steps(request: CoordinationRequest) -> QuerySet[RequestStep]:
    """A request's history, oldest first, with who acted and for which unit."""
    return request.steps.select_related("actor", "actor_unit", "unit")


def unit_report(user: User, task: Task, period) -> ProgressReport | None:
    """The user's unit's report on ``task`` for ``period``, if it has been started."""
    return ProgressReport.objects.filter(task=task, period=period, unit_id=user.unit_id).first()


def task_contributions(task: Task) -> QuerySet[Contribution]:
    """Cooperating units' notes on the task, newest period first (readable by everyone who reads the task)."""
    return task.contributions.select_related("unit")
