"""Reads on plans. Views and exports read only through these; each returns a queryset or plain values
with the related rows prefetched, so a page's query count does not grow with its number of tasks."""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Prefetch, Q, QuerySet, Subquery

from dukao.plans.models import Plan, Task, TaskUnit, UnitRole
from dukao.units.models import Cadre, CadreRole, Unit, UnitGroup


def plan_list() -> QuerySet[Plan]:
    """All plans, newest year first, each with ``task_count`` (tasks 已撤销 not counted)."""
    # Meta.ordering does not apply to aggregate queries: order explicitly.
    in_force = Count("tasks", filter=Q(tasks__withdrawn_at__isnull=True))
    return Plan.objects.annotate(task_count=in_force).order_by(*Plan._meta.ordering)


def _with_units(tasks: QuerySet[Task], details: bool = True) -> QuerySet[Task]:
    """``tasks`` with their plan and unit links; with ``details`` also their indicators and responsible cadres."""
    links = TaskUnit.objects.select_related("unit", "group").order_by("role", "position")
    tasks = tasks.select_related("plan").prefetch_related(Prefetch("unit_links", queryset=links))
    return tasks.prefetch_related("indicators", "responsible_cadres") if details else tasks


@dataclass(frozen=True)
class TaskFilter:
    """The filters of a plan page: a lead unit, a cooperating unit (ids), a target-type code, free text
    (matched in the task name, the requirement, the 序号 and the names of its units)."""

    lead: int | None = None
    cooperating: int | None = None
    target_type: str = ""
    text: str = ""


def _unit_role_q(unit_id: int, role: str) -> Q:
    """Tasks on which the unit has ``role``, directly or through a group it belongs to."""
    return Q(pk__in=unit_task_ids(unit_id, role))


def plan_tasks(
    plan: Plan, task_filter: TaskFilter | None = None, details: bool = True, withdrawn: bool = True
) -> QuerySet[Task]:
    """The plan's tasks in document order, filtered, with units prefetched and, with ``details``, indicators and
    responsible cadres (the exports need them; the plan's table does not). Tasks 已撤销 are among them unless
    ``withdrawn`` is False (an export gives the plan's current version)."""
    tasks = Task.objects.filter(plan=plan) if withdrawn else Task.objects.in_force().filter(plan=plan)
    f = task_filter or TaskFilter()
    if f.lead:
        tasks = tasks.filter(_unit_role_q(f.lead, UnitRole.LEAD))
    if f.cooperating:
        tasks = tasks.filter(_unit_role_q(f.cooperating, UnitRole.COOPERATING))
    if f.target_type:
        tasks = tasks.filter(target_type=f.target_type)
    if f.text:
        tasks = tasks.filter(task_text_q(f.text))
    return _with_units(tasks, details)


def task_text_q(text: str) -> Q:
    """Tasks matching free text: in the name, the requirement, the 序号 or the name of one of its units."""
    named = TaskUnit.objects.filter(Q(unit__name__icontains=text) | Q(group__name__icontains=text))
    return Q(name__icontains=text) | Q(requirement__icontains=text) | Q(seq=text) | Q(pk__in=named.values("task_id"))


def linked_units() -> QuerySet[Unit]:
    """Units that lead or cooperate on some task, directly or as members of a named group (a filter's list)."""
    groups = TaskUnit.objects.filter(group__isnull=False).values("group_id")
    members = UnitGroup.members.through.objects.filter(unitgroup_id__in=groups).values("unit_id")
    direct = TaskUnit.objects.filter(unit__isnull=False).values("unit_id")
    return Unit.objects.filter(Q(pk__in=direct) | Q(pk__in=members)).order_by(*Unit._meta.ordering)


def responsible_cadres() -> QuerySet[Cadre]:
    """Cadres named as 责任领导 of some task (a filter's list)."""
    named = Task.responsible_cadres.through.objects.values("cadre_id")
    return Cadre.objects.filter(pk__in=named).order_by("name")


def with_current_status(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """``tasks``, each with ``current_statuses``: its status of the latest period any status was computed for
    (``[]`` when none), one query for all. The statuses are supervision's; plans reads them by name, not by
    import (apps import one way)."""
    statuses = apps.get_model("supervision", "TaskStatus").objects
    latest = statuses.order_by("-period").values("period")[:1]
    current = statuses.filter(period=Subquery(latest)).only("task_id", "period", "status", "reason", "recovered")
    return tasks.prefetch_related(Prefetch("statuses", queryset=current, to_attr="current_statuses"))


def plan_task_counts(plan: Plan) -> tuple[int, int]:
    """(tasks of the plan's current version, tasks 已撤销 by a re-import)."""
    in_force = Count("pk", filter=Q(withdrawn_at__isnull=True))
    counts = plan.tasks.aggregate(total=in_force, withdrawn=Count("withdrawn_at"))
    return counts["total"], counts["withdrawn"]


def plan_type_counts(plan: Plan) -> list[tuple[str, str, int]]:
    """``[(code, label, count)]`` of the plan's tasks (not those 已撤销) by target type, in legend order."""
    by_type = plan.tasks.in_force().values_list("target_type").annotate(n=Count("id"))
    counts = dict(by_type.values_list("target_type", "n"))
    legend = plan.target_types or {}
    codes = [c for c in legend if c in counts] + sorted(c for c in counts if c not in legend)
    return [(code, legend.get(code, ""), counts[code]) for code in codes]


def plan_units(plan: Plan, role: str) -> QuerySet[Unit]:
    """Units with ``role`` on the plan's tasks, directly or as members of a named group (the filter lists)."""
    links = TaskUnit.objects.filter(task__plan=plan, role=role)
    return Unit.objects.filter(
        Q(pk__in=links.values("unit_id")) | Q(unit_groups__in=links.values("group_id"))
    ).distinct()


def task_detail(task_id: int) -> Task:
    """One task with its units, indicators and the tasks of other plans describing the same work.
    Raises ``Task.DoesNotExist``."""
    same_work = Prefetch("same_work", queryset=Task.objects.select_related("plan"))
    tasks = _with_units(Task.objects.all()).prefetch_related(same_work, "unit_links__group__members")
    return tasks.get(pk=task_id)


def task_for_reporting(task_id: int) -> Task:
    """One task with its plan, its units (lead groups with their members) and indicators: what the reporting
    pages read, without ``task_detail``'s cadres and related tasks. Raises ``Task.DoesNotExist``."""
    links = (
        TaskUnit.objects.select_related("unit", "group").prefetch_related("group__members").order_by("role", "position")
    )
    tasks = Task.objects.select_related("plan").prefetch_related(Prefetch("unit_links", queryset=links), "indicators")
    return tasks.get(pk=task_id)


def task_siblings(task: Task) -> QuerySet[Task]:
    """The other rows of the plan that share the task's name (a task group, e.g. seed rows 79–81)."""
    return _with_units(Task.objects.filter(plan=task.plan, name=task.name).exclude(pk=task.pk))


def unit_tasks(unit: Unit, role: str) -> QuerySet[Task]:
    """Tasks on which ``unit`` has ``role`` (lead or cooperating), directly or through its groups."""
    return _with_units(Task.objects.filter(_unit_role_q(unit.pk, role))).order_by("plan", "position")


def unit_list() -> QuerySet[Unit]:
    """Active units with the number of tasks they lead directly."""
    return (
        Unit.objects.filter(active=True)
        .annotate(lead_count=Count("task_links", filter=Q(task_links__role=UnitRole.LEAD)))
        .order_by(*Unit._meta.ordering)
    )


def unit_groups_map() -> dict[str, list[str]]:
    """``{group name: [member unit names]}`` for every unit group."""
    groups = UnitGroup.objects.prefetch_related("members")
    return {g.name: [m.name for m in g.members.all()] for g in groups}


def task_unit_names(task: Task, role: str) -> list[str]:
    """Canonical names (a group stays one entry) of the task's units with ``role``, in document order.
    Reads the prefetched ``unit_links``."""
    return [link.name for link in task.unit_links.all() if link.role == role]


def _prefetched(obj, relation: str) -> bool:
    """Whether ``obj.<relation>.all()`` is answered from a ``prefetch_related`` cache."""
    return relation in getattr(obj, "_prefetched_objects_cache", {})


def task_unit_ids(task: Task, role: str) -> set[int]:
    """Ids of the units that have ``role`` on the task, groups expanded to their members: from the task's
    prefetched links and group members when ``task_detail`` or ``task_for_reporting`` loaded it (no query),
    else one query."""
    if _prefetched(task, "unit_links") and all(
        link.group_id is None or _prefetched(link.group, "members") for link in task.unit_links.all()
    ):
        ids: set[int] = set()
        for link in task.unit_links.all():
            if link.role == role and link.unit_id:
                ids.add(link.unit_id)
            if link.role == role and link.group_id:
                ids.update(member.pk for member in link.group.members.all())
        return ids
    links = TaskUnit.objects.filter(task=task, role=role)
    direct = Unit.objects.filter(Q(pk__in=links.values("unit_id")) | Q(unit_groups__in=links.values("group_id")))
    return set(direct.values_list("pk", flat=True))


def unit_task_ids(unit_id: int, role: str) -> QuerySet[TaskUnit]:
    """A subquery of the ids of tasks on which the unit has ``role`` (directly or through a group)."""
    return TaskUnit.objects.filter(role=role).filter(Q(unit_id=unit_id) | Q(group__members=unit_id)).values("task_id")


@dataclass(frozen=True)
class CadreFilter:
    """The filters of the cadre list: a unit (id; the cadre's own unit or one they oversee), a role, a name
    (or post) fragment."""

    unit: int | None = None
    role: str = ""
    text: str = ""


def cadre_list(cadre_filter: CadreFilter | None = None) -> QuerySet[Cadre]:
    """Cadres, filtered, with their unit and units in charge loaded (a constant number of queries)."""
    f = cadre_filter or CadreFilter()
    cadres = Cadre.objects.all()
    if f.unit:
        overseeing = Cadre.units_in_charge.through.objects.filter(unit=f.unit).values("cadre_id")
        cadres = cadres.filter(Q(unit=f.unit) | Q(pk__in=overseeing))
    if f.role:
        cadres = cadres.filter(role=f.role)
    if f.text:
        cadres = cadres.filter(Q(name__icontains=f.text) | Q(post__icontains=f.text))
    return cadres.select_related("unit").prefetch_related("units_in_charge")


def cadre_tasks(cadre: Cadre) -> QuerySet[Task]:
    """The tasks a cadre answers for, in plan order: the tasks led (directly or through a group) by the
    units they are responsible for — their own unit for a 主要负责人, and the units in charge — and the
    tasks that name them as 责任领导. Units, indicators and cadres prefetched: the number of queries does
    not grow with the number of tasks."""
    units = list(cadre.units_in_charge.values_list("pk", flat=True))
    if cadre.role == CadreRole.PRINCIPAL:
        units.append(cadre.unit_id)
    led = TaskUnit.objects.filter(role=UnitRole.LEAD).filter(Q(unit__in=units) | Q(group__members__in=units))
    named = Task.responsible_cadres.through.objects.filter(cadre=cadre).values("task_id")
    tasks = Task.objects.filter(Q(pk__in=led.values("task_id")) | Q(pk__in=named))
    return _with_units(tasks).order_by("plan", "position")


def unit_cadres(unit: Unit) -> QuerySet[Cadre]:
    """The unit's principals and the cadres who oversee it, with their units."""
    overseeing = Cadre.units_in_charge.through.objects.filter(unit=unit).values("cadre_id")
    cadres = Cadre.objects.filter(Q(unit=unit, role=CadreRole.PRINCIPAL) | Q(pk__in=overseeing))
    return cadres.select_related("unit")


def cadre_units() -> QuerySet[Unit]:
    """Units that have a cadre of their own or one who oversees them (the choices of the cadre filter)."""
    overseen = Cadre.units_in_charge.through.objects.values("unit_id")
    return Unit.objects.filter(Q(pk__in=Cadre.objects.values("unit_id")) | Q(pk__in=overseen))
