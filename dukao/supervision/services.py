"""Writes on supervision: recomputing statuses, drafting and issuing bulletins, supervision cases."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dukao.accounts.models import Role, User
from dukao.accounts.permissions import may
from dukao.audit.services import event_record
from dukao.lib.periods import month_end, period_label, period_of, quarter_label
from dukao.lib.permissions import deny_unless
from dukao.plans.models import Task, UnitRole
from dukao.plans.selectors import unit_task_ids
from dukao.progress.evidence import check_evidence
from dukao.supervision import issuing, letters, tasks
from dukao.supervision.facts import Tasks, on_time, sign_offs, task_facts
from dukao.supervision.models import (
    LETTER_KINDS,
    Bulletin,
    BulletinRender,
    BulletinState,
    CaseDocument,
    CaseState,
    CaseStep,
    CaseStepKind,
    ComputationTrigger,
    RenderState,
    StatusComputation,
    SupervisionCase,
    TaskStatus,
    TemplatePurpose,
)
from dukao.supervision.notify import case_notify
from dukao.supervision.rules import STATUS_LABELS, Status, Thresholds, recovered, task_verdict
from dukao.supervision.selectors import bulletin_template
from dukao.supervision.snapshot import bulletin_snapshot, template_fields
from dukao.units.models import Unit


def can_issue_bulletins(user: User) -> bool:
    """区政府办公室 drafts and issues bulletins (seed notice: 区政府办公室负责督察通报); drafts are theirs alone."""
    return may(user, "bulletins.draft")


def can_handle_cases(user: User) -> bool:
    """区纪委(区监委) opens and follows supervision cases (seed notice: 督办、问责)."""
    return may(user, "cases.handle")


def thresholds() -> Thresholds:
    """The status thresholds in force (settings ``DUKAO_STATUS_THRESHOLDS``, else the documented defaults)."""
    return Thresholds(**getattr(settings, "DUKAO_STATUS_THRESHOLDS", {}))


#: The stored fields of a status that a recompute may change (besides ``computed_at``).
VERDICT_FIELDS = ["status", "expected", "actual", "gap", "reason", "recovered", "reported_on_time"]


@transaction.atomic
def status_recompute(
    *,
    period: date,
    today: date | None = None,
    trigger: str = ComputationTrigger.COMMAND,
    actor: User | None = None,
) -> dict[str, int]:
    """Compute and store every task's status for ``period`` (a month's first day) as known on ``today``, and
    record the computation (``trigger``, ``actor``). Touches that period only, and writes only the verdicts that
    changed, each as a new version (``computed_at``: when it was written) that supersedes the one before: a province
    recomputes 15,000 tasks, of which a day changes a few hundred. Returns ``{status: count}``."""
    counts, changed = _recompute(period, today or timezone.localdate(), Written(trigger, actor))
    StatusComputation.objects.create(
        period=period, trigger=trigger, actor=actor, tasks=sum(counts.values()), changed=changed
    )
    return counts


def status_recompute_day(*, today: date, trigger: str = ComputationTrigger.SCHEDULE) -> dict[date, dict[str, int]]:
    """The daily computation (the worker, on schedule): the period of ``today`` and, on a month's first day, the
    one before — a reporting day passing (a deadline on the month's last day passes on the next month's first)
    turns missing reports into 未报送. Returns ``{period: {status: count}}``."""
    periods = sorted({period_of(today), period_of(today - timedelta(days=1))})
    return {period: status_recompute(period=period, today=today, trigger=trigger) for period in periods}


def can_recompute(user: User) -> bool:
    """区政府办公室 may recompute a period's statuses by hand (they follow every event and the reporting day)."""
    return may(user, "status.recompute")


@transaction.atomic
def status_recompute_by_hand(*, period: date, user: User) -> dict[str, int]:
    """区政府办公室 recomputes every task's status for ``period`` from 进度督察 (audited)."""
    deny_unless(can_recompute(user), _("只有区政府办公室可以重新计算状态。"))
    counts = status_recompute(period=period, trigger=ComputationTrigger.MANUAL, actor=user)
    event_record(
        actor=user,
        action="status.recompute",
        obj=None,
        summary=f"{period_label(period)}：重新计算 {sum(counts.values())} 项任务的状态",
        after={"period": period.isoformat(), "counts": counts},
    )
    return counts


@transaction.atomic
def status_refresh(
    *, task_ids: list[int], since: date | None, trigger: str, actor: User | None = None, today: date | None = None
) -> list[date]:
    """Recompute the statuses of ``task_ids`` in every period already computed for them from ``since`` on
    (None: the whole year), oldest first (a period's 已追赶 follows the one before), each recorded as a
    computation. Called after an event changed the tasks' facts (``plans.signals.task_facts_changed``), on the
    request that made the event: one query locks the tasks, so two refreshes of one task run one after the other
    and the later one reads both events, and one reads every current status of the tasks (the periods to
    recompute, their verdicts and versions, the ones before them, the tasks' years); the facts are read for the
    tasks alone, by id, in as many queries for one task as for many. A new verdict is a new version (``_judge``).
    A period not computed yet is left to the next whole computation. Returns the periods recomputed."""
    list(Task.objects.filter(pk__in=task_ids).select_for_update().values_list("pk", flat=True))
    rows = TaskStatus.objects.filter(task_id__in=task_ids).order_by("task_id", "period")
    fields = ("task_id", "task__plan__year", "task__withdrawn_at", "period", "version", *VERDICT_FIELDS)
    stored: dict[int, dict[date, tuple]] = {}
    versions: dict[date, dict[int, int]] = {}
    years: dict[int, int] = {}
    for task_id, year, withdrawn_at, period, version, *verdict in rows.values_list(*fields):
        stored.setdefault(task_id, {})[period] = tuple(verdict)
        versions.setdefault(period, {})[task_id] = version
        if withdrawn_at is None:  # a task 已撤销 is judged no more (its stored statuses stay)
            years[task_id] = year
    periods = sorted({p for by_period in stored.values() for p in by_period if since is None or p >= since})
    today = today or timezone.localdate()
    written = Written(trigger, actor)
    for period in periods:
        ids = [pk for pk, year in years.items() if year == period.year]
        previous = {
            task_id: by_period[max(earlier)][0]
            for task_id, by_period in stored.items()
            if (earlier := [p for p in by_period if p < period])
        }
        verdicts = {task_id: by_period[period] for task_id, by_period in stored.items() if period in by_period}
        counts, changed = _judge(period, today, ids, Stored(verdicts, versions[period]), previous, written)
        for row in changed:  # the period after reads these as the statuses before it
            stored[row.task_id][period] = tuple(getattr(row, field) for field in VERDICT_FIELDS)
        StatusComputation.objects.create(
            period=period, trigger=trigger, actor=actor, tasks=sum(counts.values()), changed=len(changed)
        )
    return periods


class Stored(NamedTuple):
    """A period's current statuses: ``{task id: VERDICT_FIELDS values}`` and ``{task id: version}``."""

    verdicts: dict[int, tuple]
    versions: dict[int, int]


class Written(NamedTuple):
    """What wrote a status version (a ``ComputationTrigger``), and who (None: the system)."""

    trigger: str
    actor: User | None


def _recompute(period: date, today: date, written: Written) -> tuple[dict[str, int], int]:
    """Judge every task of the period's year (not those 已撤销) and write the verdicts that changed. Returns
    ``({status: count}, number changed)``."""
    tasks = Task.objects.in_force().filter(plan__year=period.year)
    rows = TaskStatus.objects.filter(period=period).values_list("task_id", "version", *VERDICT_FIELDS)
    stored = Stored({}, {})
    for task_id, version, *verdict in rows:
        stored.verdicts[task_id], stored.versions[task_id] = tuple(verdict), version
    counts, changed = _judge(period, today, tasks, stored, _previous_statuses(tasks, period), written)
    return counts, len(changed)


def _judge(
    period: date, today: date, tasks: Tasks, stored: Stored, previous: dict[int, str], written: Written
) -> tuple[dict[str, int], list[TaskStatus]]:
    """Judge ``tasks`` (``facts.Tasks``) in ``period`` and write, as new versions, the verdicts that differ from the
    ``stored`` ones, ``previous`` being each task's status of its latest period before. Returns ``({status:
    count}, the rows written)``."""
    signed = sign_offs(tasks, period)
    facts, punctual = task_facts(tasks, period, today, signed), on_time(signed, period)
    now, t = timezone.now(), thresholds()
    counts: dict[str, int] = {}
    changed = []
    for task_id, task_fact in facts.items():
        verdict = task_verdict(task_fact, month_end(period), t)
        counts[verdict.status] = counts.get(verdict.status, 0) + 1
        values = (
            verdict.status.value,
            _round(verdict.expected),
            _round(verdict.actual),
            _round(verdict.gap),
            verdict.reason[:300],
            recovered(_status(previous.get(task_id)), verdict.status),
            task_id in punctual,
        )
        if stored.verdicts.get(task_id) != values:
            changed.append(
                TaskStatus(
                    task_id=task_id,
                    period=period,
                    version=stored.versions.get(task_id, 0) + 1,
                    computed_at=now,
                    trigger=written.trigger,
                    actor=written.actor,
                    **dict(zip(VERDICT_FIELDS, values, strict=True)),
                )
            )
    _supersede(period, [row.task_id for row in changed if row.version > 1], now)
    # A computation that ran at the same moment and wrote these versions first wins; this one's are dropped.
    TaskStatus.objects.bulk_create(changed, ignore_conflicts=True)
    return counts, changed


def _supersede(period: date, task_ids: list[int], now) -> None:
    """Mark the current versions of ``task_ids`` in ``period`` superseded (their verdicts stay as they were)."""
    if task_ids:
        TaskStatus.objects.filter(period=period, task_id__in=task_ids).update(current=False, superseded_at=now)


def _previous_statuses(tasks, period: date) -> dict[int, str]:
    """``{task id: status}`` of each task's latest period before ``period`` (the database picks the row: in
    December a province has 160,000 earlier rows, of which 15,000 are the latest)."""
    latest_first = Window(RowNumber(), partition_by=F("task_id"), order_by=F("period").desc())
    earlier = TaskStatus.objects.filter(task__in=tasks, period__lt=period).annotate(rank=latest_first)
    return dict(earlier.filter(rank=1).order_by().values_list("task_id", "status"))


def _status(value: str | None) -> Status | None:
    return Status(value) if value else None


def _round(value):
    return None if value is None else round(value, 2)


# ----- bulletins -------------------------------------------------------------------------------------------


@transaction.atomic
def bulletin_draft(*, period: date, user: User | None, today: date | None = None, quarterly: bool = False) -> Bulletin:
    """Recompute the period's statuses and (re)build its draft bulletin from them; a quarterly bulletin is
    drafted on the quarter's last month. ``user`` None is the command line (``dukao bulletin``, which needs no
    account). Raises ``ValueError`` for a quarterly bulletin on another month."""
    deny_unless(user is None or can_issue_bulletins(user), _("只有区政府办公室可以编制督察通报。"))
    label = quarter_label(period) if quarterly else period_label(period)
    status_recompute(period=period, today=today, trigger=ComputationTrigger.BULLETIN, actor=user)
    drafts = Bulletin.objects.filter(period=period, state=BulletinState.DRAFT, quarterly=quarterly)
    bulletin = drafts.first() or Bulletin(period=period, quarterly=quarterly)
    bulletin.title = f"关于{label}政府工作报告目标任务和民生实事项目进展情况的通报"
    bulletin.document_number = "〔待编号〕"
    edited = {key: bulletin.snapshot[key] for key in bulletin.snapshot.get("edited", [])}
    with translation.override(settings.LANGUAGE_CODE):  # a Chinese document, whatever the user's language
        snapshot = bulletin_snapshot(period, bulletin.title, bulletin.document_number, today, quarterly)
    bulletin.snapshot = dict(snapshot, **edited, edited=list(edited))  # the office's own words survive a redraft
    bulletin.save()
    event_record(actor=user, action="bulletin.draft", obj=bulletin, summary=bulletin.title)
    return bulletin


@transaction.atomic
def bulletin_issue(*, bulletin: Bulletin, user: User, issued_on: date | None = None) -> Bulletin:
    """Issue a draft: give it the next document number of the year, freeze its snapshot, and record the
    SHA-256 of its .docx and PDF, which re-render byte for byte from the snapshot."""
    deny_unless(can_issue_bulletins(user), _("只有区政府办公室可以印发督察通报。"))
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.state != BulletinState.DRAFT:
        raise ValueError(_("该通报已经印发。"))
    issued_on = issued_on or timezone.localdate()
    template = bulletin_template()
    snapshot = dict(bulletin.snapshot, **template_fields(template), issued_on=issued_on.isoformat())
    bulletin.state = BulletinState.ISSUED
    return issuing.document_issue(
        bulletin,
        template=template,
        issued_on=issued_on,
        snapshot=snapshot,
        user=user,
        action="bulletin.issue",
        serial_words=lambda serial: {"issue_no": f"第{serial}期" if template.masthead_issue else ""},
    )


@transaction.atomic
def bulletin_publish(*, bulletin: Bulletin, user: User, publish: bool = True) -> Bulletin:
    """区政府办公室 publishes an issued bulletin on the public portal (``publish``) or takes it off again; issuing
    alone publishes nothing. Raises ``PermissionDenied`` or ``ValueError`` (a draft; already in that state)."""
    deny_unless(can_issue_bulletins(user), _("只有区政府办公室可以在公开页面发布督察通报。"))
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.state != BulletinState.ISSUED:
        raise ValueError(_("通报印发后才能公开发布。"))
    if publish == (bulletin.published_at is not None):
        raise ValueError(_("该通报已在公开页面发布。") if publish else _("该通报未在公开页面发布。"))
    bulletin.published_at, bulletin.published_by = (timezone.now(), user) if publish else (None, None)
    bulletin.save(update_fields=["published_at", "published_by", "updated_at"])
    event_record(
        actor=user,
        action="bulletin.publish" if publish else "bulletin.unpublish",
        obj=bulletin,
        summary=f"{'公开发布' if publish else '撤回公开'}：{bulletin.document_number} {bulletin.title}",
        after={"published": publish},
    )
    return bulletin


#: The parts of a draft the office may write itself before issuing (GB/T 9704-2012 §7.3: 正文, 附件说明).
EDITABLE_TEXT = ("preface", "closing", "attachments")


@transaction.atomic
def bulletin_text_edit(
    *, bulletin: Bulletin, user: User, preface: str, closing: str, attachments: list[str]
) -> Bulletin:
    """Replace a draft's 按语/导语 (before the first part), closing paragraph and 附件说明 (one name per
    attachment) with the office's own words, kept through later redrafts and frozen on issue."""
    deny_unless(can_issue_bulletins(user), _("只有区政府办公室可以编制督察通报。"))
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.state != BulletinState.DRAFT:
        raise ValueError(_("该通报已经印发，不能再修改。"))
    before = {key: bulletin.snapshot.get(key) for key in EDITABLE_TEXT}
    after = {"preface": preface.strip(), "closing": closing.strip(), "attachments": [a.strip() for a in attachments]}
    after["attachments"] = [name for name in after["attachments"] if name]
    bulletin.snapshot = dict(bulletin.snapshot, **after, edited=list(EDITABLE_TEXT))
    bulletin.save(update_fields=["snapshot", "updated_at"])
    event_record(
        actor=user, action="bulletin.edit_text", obj=bulletin, summary=bulletin.title, before=before, after=after
    )
    return bulletin


def bulletin_render(bulletin: Bulletin, fmt: str, *, fresh: bool = False) -> bytes:
    """The bulletin as ``html``, ``docx`` or ``pdf`` bytes: an issued bulletin's kept files (unless ``fresh``),
    otherwise rendered from the snapshot (an issued snapshot never changes)."""
    return issuing.document_render(bulletin, fmt, fresh=fresh)


def bulletin_render_in_worker(bulletin: Bulletin, fmt: str) -> bool:
    """Whether the file is rendered by the worker (``bulletin_render_request``): a Word or PDF file not kept,
    i.e. a draft's; an issued bulletin's kept files are served at once."""
    return fmt in ("docx", "pdf") and bulletin.kept(fmt) is None


@transaction.atomic
def bulletin_render_request(*, bulletin: Bulletin, fmt: str, user: User) -> BulletinRender:
    """Queue the render of ``bulletin``'s ``fmt`` file for ``user``: a render of it the user is still waiting for
    is reused (asking again does not queue more work), an earlier finished one is replaced."""
    renders = BulletinRender.objects.filter(bulletin=bulletin, fmt=fmt, requested_by=user)
    waiting = renders.filter(state=RenderState.QUEUED).first()
    if waiting is not None:
        return waiting
    renders.delete()
    render = BulletinRender.objects.create(bulletin=bulletin, fmt=fmt, requested_by=user)
    transaction.on_commit(lambda: tasks.bulletin_render_task.enqueue(render.pk))
    return render


def bulletin_render_run(render_id: int) -> str:
    """The worker's part: render the file from the bulletin's snapshot as it is now and keep it, or keep why it
    failed (a missing font, …) for the page to say. Returns the state."""
    render = BulletinRender.objects.select_related("bulletin").get(pk=render_id)
    if render.state != RenderState.QUEUED:
        return render.state
    try:
        render.content = bulletin_render(render.bulletin, render.fmt)
        render.state = RenderState.DONE
    except Exception as error:  # any failure ends the wait: the page shows it instead of polling forever
        render.state, render.error = RenderState.FAILED, str(error)[:1000]
    render.finished_at = timezone.now()
    render.save(update_fields=["content", "state", "error", "finished_at"])
    return render.state


def stale_renders() -> QuerySet[BulletinRender]:
    """The renders queued longer than ``DUKAO_RENDER_EXPIRY_MINUTES`` (``BulletinRender.stale``)."""
    expiry = timedelta(minutes=settings.DUKAO_RENDER_EXPIRY_MINUTES)
    return BulletinRender.objects.filter(state=RenderState.QUEUED, requested_at__lt=timezone.now() - expiry)


@transaction.atomic
def bulletin_render_requeue(*, render: BulletinRender, user: User | None) -> BulletinRender:
    """Queue a stale render again (its worker never ran it): the person who asked, from the render's page (超时,
    重新生成), or the command line (``user`` None, ``dukao render_requeue``). Audited. Raises ``ValueError`` for a
    render that is not stale (still within its time, or finished)."""
    render = BulletinRender.objects.select_for_update().select_related("bulletin").get(pk=render.pk)
    if not render.stale:
        raise ValueError(_("该文件未超时，无需重新生成。"))
    render.requested_at = timezone.now()
    render.save(update_fields=["requested_at"])
    transaction.on_commit(lambda: tasks.bulletin_render_task.enqueue(render.pk))
    event_record(
        actor=user,
        action="render.requeue",
        obj=render.bulletin,
        summary=f"重新生成{render.fmt.upper()}文件：{render.bulletin.title}",
        after={"render": render.pk, "fmt": render.fmt},
    )
    return render


# ----- supervision cases -----------------------------------------------------------------------------------


@transaction.atomic
def case_open(
    *, unit: Unit, tasks: list[Task], trigger: str, user: User, rectify_by: date | None = None
) -> SupervisionCase:
    """区纪委(区监委) opens a case on a unit, freezing the tasks' statuses and reasons as they are now."""
    deny_unless(can_handle_cases(user), _("只有区纪委(区监委)可以立案督办。"))
    if not tasks:
        raise ValueError(_("请至少选择一项任务。"))
    _case_tasks_check(unit, tasks)
    statuses = TaskStatus.objects.filter(task__in=tasks).order_by("task_id", "period").select_related("task")
    facts = {
        "opened_on": timezone.localdate().isoformat(),
        "tasks": [
            {
                "seq": s.task.seq,
                "name": s.task.name,
                "period": period_label(s.period),
                "status": STATUS_LABELS[Status(s.status)],  # the record stays Chinese, like the reasons
                "reason": s.reason,
            }
            for s in statuses
        ],
    }
    case = SupervisionCase.objects.create(
        unit=unit, trigger=trigger, facts=facts, rectify_by=rectify_by, opened_by=user
    )
    case.tasks.set(tasks)
    event_record(actor=user, action="case.open", obj=case, summary=f"{unit}：{trigger}")
    case_notify(case)
    return case


def _case_tasks_check(unit: Unit, tasks: list[Task]) -> None:
    """A case is about tasks in force that the unit answers for: as lead or co-responsible (责任单位)."""
    if withdrawn := [task.seq for task in tasks if task.is_withdrawn]:
        raise ValueError(_("任务 %(seqs)s 已撤销，不能立案督办。") % {"seqs": "、".join(withdrawn)})
    roles = (UnitRole.LEAD, UnitRole.RESPONSIBLE)
    answered = {link["task_id"] for role in roles for link in unit_task_ids(unit.pk, role)}
    if others := [task.seq for task in tasks if task.pk not in answered]:
        message = _("%(unit)s不是任务 %(seqs)s 的牵头单位或责任单位。")
        raise ValueError(message % {"unit": unit.name, "seqs": "、".join(others)})


def can_answer_case(user: User, case: SupervisionCase) -> bool:
    """The head of the unit under an open case answers it with a 整改报告 (the unit's answer is signed by its head,
    like its reports)."""
    return user.role == Role.UNIT_HEAD and user.unit_id == case.unit_id and case.state == CaseState.OPEN


@dataclass(frozen=True)
class StepFile:
    """A file attached to a step: its bytes and the name it was uploaded under."""

    content: bytes
    name: str


@transaction.atomic
def case_step(
    *,
    case: SupervisionCase,
    kind: str,
    note: str,
    user: User,
    happened_on: date | None = None,
    attachment: StepFile | None = None,
    reason: str = "",
) -> CaseStep:
    """Record a step on ``happened_on`` (default today; never a future day), with an optional file. 区纪委 records
    any step; the unit's head records its 整改报告. 销号 closes the case, and needs a 整改报告 on the case or a written
    ``reason`` for closing without one. Raises ``PermissionDenied``, ``ValueError`` (a closed case, an empty note,
    a future day, 销号 without report or reason) or ``EvidenceRejected`` (the file)."""
    allowed = can_handle_cases(user) or (kind == CaseStepKind.RECTIFICATION and can_answer_case(user, case))
    deny_unless(allowed, _("只有区纪委(区监委)可以办理督办案件；被督办单位负责人可以提交整改报告。"))
    case = SupervisionCase.objects.select_for_update().get(pk=case.pk)
    if case.state == CaseState.CLOSED:
        raise ValueError(_("该案件已销号。"))
    if kind not in CaseStepKind.values:
        raise ValueError(_("请选择办理环节。"))
    if not note.strip():
        raise ValueError(_("请填写本环节的内容。"))
    happened_on = happened_on or timezone.localdate()
    if happened_on > timezone.localdate():
        raise ValueError(_("环节日期不能晚于今天。"))
    reported = case.steps.filter(kind=CaseStepKind.RECTIFICATION).exists()
    if kind == CaseStepKind.CLOSE and not reported and not reason.strip():
        raise ValueError(_("该案件尚无整改报告：销号须写明理由。"))
    step = CaseStep(
        case=case, kind=kind, note=note.strip(), happened_on=happened_on, reason=reason.strip(), recorded_by=user
    )
    if attachment is not None:
        checked = check_evidence(
            attachment.content, attachment.name, settings.DUKAO_EVIDENCE_MAX_BYTES, settings.DUKAO_ARCHIVE_MAX_BYTES
        )
        step.original_name, step.content_type, step.sha256 = attachment.name[:255], checked.content_type, checked.sha256
        step.file.save(attachment.name, ContentFile(attachment.content), save=False)
    step.save()
    if kind == CaseStepKind.CLOSE:
        case.state, case.closed_at = CaseState.CLOSED, timezone.now()
        case.save(update_fields=["state", "closed_at", "updated_at"])
    summary = f"{step.get_kind_display()}（{happened_on}）：{note[:150]}"
    if step.sha256:
        summary += f"；附件“{step.original_name}”（{step.sha256}）"
    event_record(actor=user, action=f"case.{kind}", obj=case, summary=summary, after={"state": case.state})
    if kind != CaseStepKind.RECTIFICATION:
        case_notify(case, step)
    return step


#: Days a case document gives the unit when the case sets no 整改期限.
LETTER_DAYS = 15


@transaction.atomic
def case_document_issue(
    *,
    case: SupervisionCase,
    kind: str,
    user: User,
    due_on: date | None = None,
    demand: str = "",
    arrangement: str = "",
) -> CaseDocument:
    """区纪委(区监委) issues a 提示函 (``reminder``), 约谈通知 (``talk``) or 督办单 (``order``) on an open case: the
    case template's 版头 and 版记, the next document number of the year, 主送 the unit, the tasks with their
    statuses and reasons from the case's facts, the demand and its time limit (``due_on``: the case's 整改期限, else
    ``LETTER_DAYS`` days on). The snapshot and the .docx and PDF are kept as issued and never change; the case
    records the step (``case_step``, audited and notified) and the issue is audited with the files' SHA-256."""
    deny_unless(can_handle_cases(user), _("只有区纪委(区监委)可以印发督办文书。"))
    if kind not in LETTER_KINDS:
        raise ValueError(_("请选择文书类型。"))
    issued_on = timezone.localdate()
    due_on = due_on or case.rectify_by or issued_on + timedelta(days=LETTER_DAYS)
    if due_on <= issued_on:
        raise ValueError(_("反馈或整改期限须晚于印发日期。"))
    template = bulletin_template(TemplatePurpose.CASE)
    with translation.override(settings.LANGUAGE_CODE):
        snapshot = letters.letter_snapshot(
            kind,
            unit=case.unit.name,
            trigger=case.trigger,
            facts=case.facts,
            template=template_fields(template),
            number="",
            issued_on=issued_on,
            due_on=due_on,
            demand=demand,
            arrangement=arrangement,
        )
    label = LETTER_KINDS[kind]
    step = case_step(case=case, kind=kind, note=f"印发{label}《{snapshot['title']}》", user=user, happened_on=issued_on)
    return issuing.document_issue(
        CaseDocument(case=case, step=step, kind=kind),
        template=template,
        issued_on=issued_on,
        snapshot=snapshot,
        user=user,
        action="case.document_issue",
        about=case,
        label=str(label),
        parts=letters.letter_parts,
    )


def case_document_render(document: CaseDocument, fmt: str) -> bytes:
    """An issued case document as ``docx`` or ``pdf`` (the kept files) or ``html`` (from its frozen snapshot)."""
    return issuing.document_render(document, fmt, letters.letter_parts)
