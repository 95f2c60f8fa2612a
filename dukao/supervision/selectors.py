"""Reads on supervision, scoped to the user."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from dukao.accounts.models import User
from dukao.plans.models import Plan, Task, TaskUnit, UnitRole
from dukao.plans.selectors import task_text_q, unit_task_ids
from dukao.progress import permissions
from dukao.progress.models import ReportCorrection, ReportVersion, ScheduleRevision, ScheduleState
from dukao.progress.selectors import visible_reports
from dukao.supervision import fonts
from dukao.supervision.facts import task_parts
from dukao.supervision.models import (
    WHOLE_PERIOD,
    Bulletin,
    BulletinRender,
    BulletinState,
    BulletinTemplate,
    StatusComputation,
    SupervisionCase,
    TaskStatus,
    TemplatePurpose,
)
from dukao.supervision.parts import part_text
from dukao.supervision.rules import STATUS_LABELS, Status
from dukao.supervision.warning_rules import LIGHT_LABELS, WORST_FIRST
from dukao.units.models import Cadre, Unit

#: The statuses that put a unit in 区纪委's queue.
CASE_STATUSES = (Status.SERIOUSLY_BEHIND, Status.NOT_REPORTED)


#: The ``type`` filter value of tasks without a target type (the livelihood projects of the seed).
UNTYPED = "none"


#: How the unit filter reads a task's units: as lead unit (the dashboard's links), as cooperating unit, or either.
UNIT_ROLES = {"lead": (UnitRole.LEAD,), "cooperating": (UnitRole.COOPERATING,), "any": tuple(UnitRole)}


@dataclass(frozen=True)
class StatusFilter:
    """Filters of the status list (the 督查台账) and its exports: a status code; a target-type code (``""`` for
    tasks without a type, ``None`` for any); a plan; a unit (directly or through a group) as ``role``
    (``UNIT_ROLES``); a cadre named as 责任领导; free text (task name, requirement, 序号, unit names)."""

    status: str = ""
    target_type: str | None = None
    plan: Plan | None = None
    unit: Unit | None = None
    role: str = "lead"
    leader: Cadre | None = None
    text: str = ""

    def labels(self) -> list[tuple[str, str]]:
        """``[(filter name, value)]`` of the active filters, for the page and the export to show."""
        unit_name = {"lead": _("牵头单位"), "cooperating": _("配合单位"), "any": _("牵头或配合单位")}[self.role]
        active = [
            (_("状态"), _(STATUS_LABELS[Status(self.status)]) if self.status else ""),
            (_("目标类型"), type_label(self.target_type) if self.target_type is not None else ""),
            (_("分解表"), str(self.plan or "")),
            (unit_name, str(self.unit or "")),
            (_("责任领导"), self.leader.name if self.leader else ""),
            (_("关键词"), self.text),
        ]
        return [(name, value) for name, value in active if value]


def type_label(code: str) -> str:
    """``"A"`` → ``"A类"``; ``""`` → ``"未分类"``."""
    return _("%(code)s类") % {"code": code} if code else _("未分类")


#: The fields the status list shows. Sorting a province's 15,000 rows with every column of the task and its plan
#: (the notice's whole text) spilled 25 MB to disk; these few sort in memory.
LISTED_FIELDS = (
    "status",
    "reason",
    "recovered",
    "expected",
    "actual",
    "computed_at",
    "task__seq",
    "task__name",
    "task__target_type",
    "task__leaders",
    "task__deadline",
    "task__deadline_text",
    "task__plan__kind",
    "task__warning__light",
    "task__warning__reason",
)


def ledger_statuses(period: date, status_filter: StatusFilter | None = None) -> QuerySet[TaskStatus]:
    """The period's statuses of every task, filtered, in plan order. Each row's task comes with its units and
    责任领导 (two queries for a page or an export, whatever its size)."""
    links = TaskUnit.objects.select_related("unit", "group").order_by("role", "position")
    return _filtered(
        TaskStatus.objects.filter(period=period)
        .select_related("task__plan", "task__warning")
        .only(*LISTED_FIELDS)
        .prefetch_related(Prefetch("task__unit_links", queryset=links), "task__responsible_cadres")
        .order_by("task__plan__kind", "task__plan_id", "task__position", "task_id"),
        status_filter or StatusFilter(),
    )


def period_statuses(user: User, period: date, status_filter: StatusFilter | None = None) -> QuerySet[TaskStatus]:
    """``ledger_statuses`` as ``user`` may read them: every task for read-all roles, the tasks a unit leads
    otherwise."""
    statuses = ledger_statuses(period, status_filter)
    if permissions.reads_everything(user):
        return statuses
    if user.unit_id is None:  # leads nothing; and a NULL id in the query would match every group link
        return statuses.none()
    return statuses.filter(task_id__in=unit_task_ids(user.unit_id, UnitRole.LEAD))


def _filtered(statuses: QuerySet[TaskStatus], f: StatusFilter) -> QuerySet[TaskStatus]:
    if f.status:
        statuses = statuses.filter(status=f.status)
    if f.target_type is not None:
        statuses = statuses.filter(task__target_type=f.target_type)
    if f.plan:
        statuses = statuses.filter(task__plan=f.plan)
    if f.unit:
        on_unit = Q()
        for role in UNIT_ROLES[f.role]:
            on_unit |= Q(task_id__in=unit_task_ids(f.unit.pk, role))
        statuses = statuses.filter(on_unit)
    if f.leader:
        named = Task.responsible_cadres.through.objects.filter(cadre=f.leader).values("task_id")
        statuses = statuses.filter(task_id__in=named)
    if f.text:
        statuses = statuses.filter(task_id__in=Task.objects.filter(task_text_q(f.text)).values("pk"))
    return statuses


def with_latest_progress(statuses: Iterable[TaskStatus], period: date) -> list[TaskStatus]:
    """``statuses`` (a page, or an export's rows) as a list, each with ``latest_progress``: the 进展情况 of the
    task's latest signed-off report of ``period`` or earlier, ``(period, text)``, or ``None`` (one query for all:
    the database picks the latest version per task); and ``parts``: of a task with several lead units, each
    unit's part in words (``parts_in_words``)."""
    rows = list(statuses)
    latest_first = Window(
        RowNumber(),
        partition_by=F("report__task_id"),
        order_by=[F("report__period").desc(), F("submitted_at").desc(), F("pk").desc()],
    )
    versions = (
        ReportVersion.objects.filter(report__task_id__in=[s.task_id for s in rows], report__period__lte=period)
        .annotate(rank=latest_first)
        .filter(rank=1)
        .order_by()
        .values_list("report__task_id", "report__period", "narrative")
    )
    latest = {task_id: (report_period, text) for task_id, report_period, text in versions} if rows else {}
    parts = parts_in_words([s.task_id for s in rows], period) if rows else {}
    for status in rows:
        status.latest_progress = latest.get(status.task_id)
        status.parts = parts.get(status.task_id, [])
    return rows


def parts_in_words(task_ids: list[int], period: date) -> dict[int, list[str]]:
    """``{task id: ["区发改经信局：已报送；核定80亿元", …]}`` of the tasks with several lead units: who reported what
    for ``period``, as known today (``facts.task_parts``; one query when no task has several lead units)."""
    found = task_parts(task_ids, period, timezone.localdate())
    return {task_id: [part_text(p) for p in sorted(parts, key=lambda p: p.unit)] for task_id, parts in found.items()}


def status_counts(statuses: QuerySet[TaskStatus]) -> list[tuple[str, str, int]]:
    """``[(status, label, count)]`` in bulletin order, counted in the database (one query, whatever the number
    of tasks)."""
    counts = dict(statuses.order_by().values_list("status").annotate(n=Count("*")))
    return [(s.value, _(label), counts.get(s.value, 0)) for s, label in STATUS_LABELS.items()]


def light_counts(statuses: QuerySet[TaskStatus]) -> list[tuple[str, str, int]]:
    """``[(light, label, count)]`` of the early-warning lights of ``statuses``' tasks, worst first (one query);
    tasks without a light yet are not counted."""
    counts = dict(statuses.order_by().values_list("task__warning__light").annotate(n=Count("*")))
    return [(light.value, _(LIGHT_LABELS[light]), counts.get(light.value, 0)) for light in WORST_FIRST]


@dataclass(frozen=True)
class Computed:
    """When a period's statuses were computed: the latest computation of the whole period and, when one came
    after it, the latest computation of the tasks an event touched (None when there was none)."""

    whole: StatusComputation | None
    latest: StatusComputation | None


def status_computed(period: date) -> Computed:
    """The computations a page showing ``period``'s statuses names (two small queries on an index)."""
    computations = StatusComputation.objects.filter(period=period).select_related("actor").order_by("-computed_at")
    latest = computations.first()
    whole = latest if latest is None or latest.whole_period else computations.filter(trigger__in=WHOLE_PERIOD).first()
    return Computed(whole, latest if latest != whole else None)


def bulletin_template(purpose: str = TemplatePurpose.BULLETIN) -> BulletinTemplate:
    """The template in use for ``purpose`` (data migrations create 区政府办公室's for bulletins and the year-end
    report, 区纪委(区监委)'s for case documents); ``ValueError`` when there is none."""
    template = BulletinTemplate.objects.filter(purpose=purpose, in_use=True).first()
    if template is None:
        raise ValueError(
            _("没有正在使用的通报版式模板（%(purpose)s），请在管理后台“通报版式模板”中勾选一个“当前使用”。")
            % {"purpose": TemplatePurpose(purpose).label}
        )
    return template


def bulletin_faces(bulletin: Bulletin) -> list[tuple[str, str, str]]:
    """``[(role, family, source)]`` of the PDF: as recorded when it was issued (``[]`` for a bulletin issued before
    faces were recorded), for a draft the faces this server would print it in now."""
    if bulletin.state == BulletinState.ISSUED:
        return fonts.faces_labelled(bulletin.snapshot.get("faces", []))
    return fonts.faces_labelled(fonts.faces_used(fonts.resolve()))


def bulletin_list() -> QuerySet[Bulletin]:
    """Bulletins for a list, newest first, without their snapshots and kept files (hundreds of KB each)."""
    return Bulletin.objects.defer("snapshot", "docx_file", "pdf_file").order_by("-period", "-created_at")


def visible_cases(user: User) -> QuerySet[SupervisionCase]:
    """Cases: all for read-all roles; a unit sees only its own."""
    cases = SupervisionCase.objects.select_related("unit", "opened_by").prefetch_related("steps__recorded_by", "tasks")
    return cases if permissions.reads_everything(user) else cases.filter(unit_id=user.unit_id)


@dataclass(frozen=True)
class TaskCard:
    """Everything about one task for its printed card: the task and its indicators, the approved schedule, the
    reports the user may read (every version with its values and reviews), its status per period, the cases
    on it the user may see, and — of a task with several lead units — each unit's part in its latest period."""

    task: Task
    schedule: ScheduleRevision | None
    reports: list
    statuses: list[TaskStatus]
    cases: list[SupervisionCase]
    parts: list[str]


def task_card(user: User, task_id: int) -> TaskCard:
    """The card of task ``task_id`` as ``user`` may read it; ``Task.DoesNotExist`` for an unknown task. A fixed
    number of queries whatever the number of reports and versions."""
    task = (
        Task.objects.select_related("plan")
        .prefetch_related("indicators", Prefetch("unit_links", TaskUnit.objects.select_related("unit", "group")))
        .get(pk=task_id)
    )
    schedule = (
        ScheduleRevision.objects.filter(task=task, state=ScheduleState.APPROVED)
        .prefetch_related("checkpoints__indicator")
        .order_by("-number")
        .first()
    )
    versions = ReportVersion.objects.select_related("submitted_by").prefetch_related(
        "values__indicator", "reviews__indicator", "reviews__reviewer"
    )
    reports = (
        visible_reports(user)
        .filter(task=task)
        .order_by("period")
        .prefetch_related(Prefetch("versions", versions.order_by("number")))
    )
    cases = visible_cases(user).filter(tasks=task).prefetch_related("documents")
    statuses = list(task.statuses.order_by("period"))
    parts = parts_in_words([task.pk], statuses[-1].period).get(task.pk, []) if statuses else []
    return TaskCard(task, schedule, list(reports), statuses, list(cases), parts)


def case_proposals(user: User, period: date) -> list[dict]:
    """For 区纪委: lead units of tasks seriously behind (严重滞后, or 未报送: no report at all) in ``period``, with
    the step the rules propose — two such periods in a row → 提醒, three or more → 约谈; an A类 task still in that
    state in December → 问责移送 (docs/supervision.md, "Supervision cases")."""
    if not permissions.reads_everything(user):
        return []
    history: dict[int, list[str]] = defaultdict(list)
    earlier = TaskStatus.objects.filter(period__lte=period, period__year=period.year).order_by("task_id", "-period")
    for task_id, status in earlier.values_list("task_id", "status"):
        history[task_id].append(status)
    current = TaskStatus.objects.filter(period=period, status__in=CASE_STATUSES).select_related("task__plan")
    by_unit: dict[str, dict] = {}
    for status in current.prefetch_related("task__unit_links__unit"):
        streak = _streak(history[status.task_id])
        step = "约谈" if streak >= 3 else "提醒" if streak >= 2 else "关注"
        if period.month == 12 and status.task.target_type == "A":
            step = "问责移送"
        for link in status.task.lead_links:
            if link.unit is None:
                continue
            entry = by_unit.setdefault(link.unit.name, {"unit": link.unit, "tasks": [], "step": "关注"})
            entry["tasks"].append(
                {"task": status.task, "streak": streak, "reason": status.reason, "status": status.get_status_display()}
            )
            entry["step"] = max(entry["step"], step, key=["关注", "提醒", "约谈", "问责移送"].index)
    return sorted(by_unit.values(), key=lambda e: -len(e["tasks"]))


def _streak(statuses: list[str]) -> int:
    """How many of the latest periods in a row were 严重滞后 or 未报送 (statuses newest first)."""
    count = 0
    for status in statuses:
        if status not in CASE_STATUSES:
            break
        count += 1
    return count


def default_period(today: date) -> date:
    """The period pages open on: the latest with computed statuses; else this month if a plan covers this
    year; else December of the latest plan's year (a past year's plan read later, like the 2019 seed)."""
    latest = TaskStatus.objects.order_by("-period").values_list("period", flat=True).first()
    if latest:
        return latest
    years = set(Plan.objects.values_list("year", flat=True))
    if not years or today.year in years:
        return date(today.year, today.month, 1)
    return date(max(years), 12, 1)


def own_renders(user: User) -> QuerySet[BulletinRender]:
    """The bulletin files the worker rendered (or is rendering) for ``user``: nobody else's."""
    return BulletinRender.objects.select_related("bulletin").filter(requested_by=user)


def statuses_as_of(moment: datetime | None) -> QuerySet[TaskStatus]:
    """The status versions in force at ``moment`` (written by then, not superseded by then): what a document issued
    or an assessment finalised at ``moment`` counted. None: the current versions."""
    if moment is None:
        return TaskStatus.objects.all()
    in_force = Q(superseded_at__isnull=True) | Q(superseded_at__gt=moment)
    return TaskStatus.versions.filter(in_force, computed_at__lte=moment)


@dataclass(frozen=True)
class LaterCorrection:
    """A month of a task corrected (更正) after a document counted its status: the corrected report's month, when
    the correction was verified, and the task's status now for the document's period (None when not computed)."""

    task: Task
    month: date
    corrected_at: datetime
    status: TaskStatus | None


def corrections_after(
    moment: datetime | None, period: date, tasks: QuerySet[Task] | None = None
) -> list[LaterCorrection]:
    """The corrections verified after ``moment`` of the months of ``period``'s year up to ``period`` (of ``tasks``,
    default every task), oldest first, each with the task's current status for ``period``; none when ``moment`` is
    None (nothing issued yet). Two queries, whatever the number of corrections."""
    if moment is None:
        return []
    corrections = ReportCorrection.objects.filter(
        verified_at__gt=moment, report__period__lte=period, report__period__year=period.year
    )
    if tasks is not None:
        corrections = corrections.filter(report__task__in=tasks)
    found = list(corrections.select_related("report__task").order_by("verified_at", "pk"))
    task_ids = {c.report.task_id for c in found}
    statuses = {s.task_id: s for s in TaskStatus.objects.filter(period=period, task_id__in=task_ids)}
    return [
        LaterCorrection(c.report.task, c.report.period, c.verified_at, statuses.get(c.report.task_id)) for c in found
    ]
