"""Writes on plans: importing a decomposition document (one transaction, idempotent, dry-run capable)."""

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dukao.accounts.models import User
from dukao.accounts.permissions import can_correct_indicators
from dukao.audit.services import event_record
from dukao.plans.cadres import LeaderNames, task_cadres_assign
from dukao.plans.dependents import Hanging, task_dependents
from dukao.plans.models import Indicator, IndicatorKind, MissingRows, Plan, Task, TaskUnit, UnitRole, VerifierRule
from dukao.plans.parsing.checks import Row, check_decomposition, same_work
from dukao.plans.parsing.deadlines import parse_deadline
from dukao.plans.parsing.document import COLUMN_LABELS, ParsedDocument, ParsedPlan, ParsedTask, parse_document
from dukao.plans.parsing.errors import DocumentError, Location, Problem
from dukao.plans.parsing.indicators import ParsedIndicator, parse_indicators
from dukao.plans.parsing.numbers import normalize
from dukao.plans.parsing.reader import read_lines
from dukao.plans.parsing.routing import Rule, keywords_of, route
from dukao.plans.signals import task_facts_changed_on_commit
from dukao.units.models import Unit
from dukao.units.services import UnitResolver


@dataclass
class Withdrawal:
    """A stored row the document no longer lists while records hang on it: kept, marked 已撤销."""

    seq: str
    name: str
    hanging: list[Hanging]

    @property
    def records(self) -> str:
        """What hangs on the row: "进展报告（1）、任务状态（3）"."""
        return "、".join(str(h) for h in self.hanging)

    def describe(self) -> str:
        return f"序号{self.seq}“{self.name}”：{self.records}"


@dataclass
class PlanOutcome:
    """What an import did to one plan: ``state`` is created / updated / unchanged. ``removed`` rows had nothing
    hanging on them and were deleted; ``withdrawn`` ones had and were kept, marked 已撤销; ``restored`` ones were
    已撤销 and are listed again."""

    title: str
    kind: str
    state: str
    task_count: int
    type_counts: dict[str, int]
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    withdrawn: list[Withdrawal] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)


@dataclass
class PreviewRow:
    """One parsed task as the preview before an import shows it (unit names as written)."""

    seq: str
    name: str
    requirement: str
    target_type: str
    lead_units: list[str]
    responsible_units: list[str]
    cooperating_units: list[str]
    leaders: list[str]
    indicators: list[str]
    needs_confirmation: bool


@dataclass
class ImportReport:
    """The import report (docs/import.md, "Pipeline"): counts, repairs, aliases applied, new units, suspected aliases,
    责任领导 assigned, warnings. ``render()`` gives the Chinese text shown by the CLI and the web page."""

    file_name: str
    sha256: str
    dry_run: bool
    plans: list[PlanOutcome] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)
    suspected_aliases: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    previews: dict[str, list[PreviewRow]] = field(default_factory=dict)

    @property
    def changed_anything(self) -> bool:
        return any(p.state != "unchanged" for p in self.plans) or bool(self.leaders)

    def render(self) -> str:
        """The report as Chinese text, one fact per line."""
        lines = [f"导入文件：{self.file_name}（SHA-256 {self.sha256}）"]
        if self.dry_run:
            lines.append("预检模式：以下为将要发生的变化，数据库未作任何修改。")
        states = {"created": "新建", "updated": "更新", "unchanged": "未变化"}
        for plan in self.plans:
            types = "，".join(f"{code}类 {n} 项" for code, n in sorted(plan.type_counts.items()) if code)
            lines.append(
                f"《{plan.title}》：{states[plan.state]}，共 {plan.task_count} 项任务"
                + (f"（{types}）" if types else "")
            )
            for label, seqs in (
                ("新增", plan.added),
                ("修改", plan.changed),
                ("删除（无任何关联记录）", plan.removed),
                ("恢复（原已撤销）", plan.restored),
            ):
                if seqs and plan.state == "updated":
                    lines.append(f"  {label}序号：{'、'.join(seqs)}")
            if plan.withdrawn:
                lines.append("  标记为已撤销（新版不再列出，已有记录全部保留）：")
                lines += [f"    {w.describe()}" for w in plan.withdrawn]
        if not self.changed_anything:
            lines.append("文件内容与已导入的分解表完全一致，未作任何修改。")
        for title, items in (
            ("修复", self.repairs),
            ("应用别名", self.aliases),
            ("新增单位", self.new_units),
            ("疑似别名（请在管理后台确认或否决）", self.suspected_aliases),
            ("同一工作的关联任务", self.links),
            ("关联责任领导", self.leaders),
            ("警告", self.warnings),
        ):
            lines.append(f"{title}：{len(items)} 条")
            lines += [f"  - {item}" for item in items]
        return "\n".join(lines)


def plan_import(
    *,
    content: bytes,
    file_name: str,
    dry_run: bool = False,
    lead_rule: str = "first_listed",
    actor: User | None = None,
    title: str = "",
    year: int = 0,
    missing: str = MissingRows.WITHDRAW,
) -> ImportReport:
    """Import every plan of a decomposition document, all or nothing.

    ``content`` is the file's bytes, ``file_name`` its name (the format follows its extension). A plan
    is matched by (issuer, year, title); a second import of the same content changes nothing and says so.
    The 责任领导 a row names become the task's responsible cadres (``_assign_leaders``).
    With ``dry_run`` everything is computed inside a transaction that is rolled back. Each plan created or
    updated appends an audit event by ``actor`` (None for the command line). ``title``/``year`` stand in where
    the document gives no title or year (``--title``/``--year``, the web import's fields).
    A stored row the document no longer lists is deleted when nothing hangs on it; otherwise (``missing``) it is
    kept and marked 已撤销 with every record on it, or the whole import is refused naming it.
    Raises ``plans.parsing.errors.DocumentError`` (nothing written) when the document cannot be imported.
    """
    document = parse_document(read_lines(content, file_name), file_name, lead_rule=lead_rule, title=title, year=year)
    report = ImportReport(file_name, hashlib.sha256(content).hexdigest(), dry_run, repairs=list(document.repairs))
    report.warnings += document.warnings
    with transaction.atomic():
        resolver, verifier_for = UnitResolver.load(), verifier_router()
        plans, retire = [], _Retire(file_name, missing, actor)
        for parsed in document.plans:
            outcome, plan = _import_plan(parsed, document, report, resolver, verifier_for, retire)
            report.plans.append(outcome)
            plans.append(plan)
        if retire.refusals:
            raise DocumentError(retire.refusals)  # the transaction rolls back: nothing half-imported
        _link_same_work(document, plans, report)
        _assign_leaders(document, plans, report, actor)
        for plan, outcome in zip(plans, report.plans, strict=True):
            if outcome.state != "unchanged":
                event_record(
                    actor=actor,
                    action=f"plan.import.{outcome.state}",
                    obj=plan,
                    summary=f"{file_name}：{plan.title}，{outcome.task_count} 项任务",
                    after={
                        "sha256": report.sha256,
                        "added": outcome.added,
                        "changed": outcome.changed,
                        "removed": outcome.removed,
                        "withdrawn": [w.seq for w in outcome.withdrawn],
                        "restored": outcome.restored,
                    },
                )
        if dry_run:
            transaction.set_rollback(True)
    return report


def _fingerprint(
    parsed: ParsedPlan,
    document: ParsedDocument,
    indicators: list[list[ParsedIndicator]],
    links: list[list[dict[str, object]]],
) -> str:
    """A digest of what the import would store: units by their canonical names (so the same plan read from
    its own .xlsx export, or with a confirmed alias, is unchanged), not where the rows sat in the file."""
    notice = document.notice
    payload = {
        "plan": [parsed.title, parsed.year, parsed.kind, parsed.annex_no, parsed.target_types, parsed.lead_rule],
        "notice": [notice.issuer, str(notice.issued_on), notice.recipients, notice.body, notice.disclosure],
        "tasks": [_task_values(t, task_links) for t, task_links in zip(parsed.tasks, links, strict=True)],
        "indicators": [[asdict(i) for i in row] for row in indicators],
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, default=str).encode()).hexdigest()


def _task_values(task: ParsedTask, links: list[dict[str, object]]) -> list[object]:
    units = [(link["role"], str(link["unit"] or link["group"])) for link in links]
    return [
        task.seq,
        task.name,
        task.requirement,
        task.target_type,
        units,
        task.leaders,
        task.deadline_text,
        task.remarks,
    ]


def verifier_router() -> Callable[[str, str], Unit | None]:
    """A function from (task name, indicator text) to the verifying unit, per the active ``VerifierRule``s
    (one query)."""
    rows = list(VerifierRule.objects.filter(active=True).select_related("verifier"))
    rules = [Rule(r.verifier.name, keywords_of(r.keywords), r.match_name) for r in rows]
    units = {r.verifier.name: r.verifier for r in rows}
    return lambda name, text: units.get(route(rules, name, text) or "")


def _import_plan(
    parsed: ParsedPlan,
    document: ParsedDocument,
    report: ImportReport,
    resolver: UnitResolver,
    verifier_for: Callable[[str, str], Unit | None],
    retire: "_Retire",
) -> tuple[PlanOutcome, Plan]:
    indicators = [parse_indicators(t.requirement, t.name) for t in parsed.tasks]
    links = [_links(t, parsed, report, resolver) for t in parsed.tasks]
    fingerprint = _fingerprint(parsed, document, indicators, links)
    notice = document.notice
    type_counts: dict[str, int] = {}
    for task in parsed.tasks:
        type_counts[task.target_type] = type_counts.get(task.target_type, 0) + 1
    outcome = PlanOutcome(parsed.title, parsed.kind, "unchanged", len(parsed.tasks), type_counts)
    plan = Plan.objects.filter(issuer=notice.issuer, year=parsed.year, title=parsed.title).first()
    report.previews[parsed.title] = [_preview(t, i) for t, i in zip(parsed.tasks, indicators, strict=True)]
    report.warnings += check_decomposition(
        parsed.title, [Row(t.seq, t.name, i) for t, i in zip(parsed.tasks, indicators, strict=True)]
    )
    if plan is not None and plan.content_sha256 == fingerprint:
        return outcome, plan
    outcome.state = "updated" if plan else "created"
    plan = plan or Plan(issuer=notice.issuer, year=parsed.year, title=parsed.title)
    _set_plan_fields(plan, parsed, document, report.sha256, fingerprint)
    plan.save()
    tasks = _sync_tasks(plan, parsed, outcome, retire)
    keep = _corrected_seqs(plan, outcome, report) | _in_use_seqs(plan, outcome, report)
    renew = (set(outcome.added) | set(outcome.changed)) - keep  # unchanged rows keep their indicators (and ids)
    TaskUnit.objects.filter(task__plan=plan, task__withdrawn_at__isnull=True).delete()  # 已撤销 rows keep their units
    Indicator.objects.filter(task__plan=plan, task__seq__in=renew).delete()
    TaskUnit.objects.bulk_create(
        TaskUnit(task=task, position=position, **values)
        for task, rows in zip(tasks, links, strict=True)
        for position, values in enumerate(rows)
    )
    Indicator.objects.bulk_create(
        _indicator(task, position, parsed_indicator, verifier_for(task.name, parsed_indicator.text))
        for task, row in zip(tasks, indicators, strict=True)
        if task.seq in renew
        for position, parsed_indicator in enumerate(row)
    )
    return outcome, plan


def _in_use_seqs(plan: Plan, outcome: PlanOutcome, report: ImportReport) -> set[str]:
    """序号 of changed rows whose indicators already carry reports, reviews or schedule checkpoints: their
    indicators are kept (history stays attached) and the report asks a person to correct them."""
    changed = Indicator.objects.filter(task__plan=plan, task__seq__in=outcome.changed)
    in_use = changed.filter(Q(checkpoints__isnull=False) | Q(reviews__isnull=False) | Q(report_values__isnull=False))
    seqs = set(in_use.values_list("task__seq", flat=True))
    for seq in sorted(seqs):
        report.warnings.append(f"“{plan.title}”序号{seq}已有进度计划或填报记录，指标保持不变：如需调整请人工修正指标。")
    return seqs


def _corrected_seqs(plan: Plan, outcome: PlanOutcome, report: ImportReport) -> set[str]:
    """序号 of the plan's tasks whose indicators a person corrected: a re-import keeps them, and warns where
    the requirement they were corrected from has changed since."""
    corrected = set(
        Indicator.objects.filter(task__plan=plan, corrected_at__isnull=False).values_list("task__seq", flat=True)
    )
    for seq in sorted(corrected & set(outcome.changed)):
        report.warnings.append(
            f"“{plan.title}”序号{seq}的指标曾经人工修正，而该行内容已有变化：已保留人工修正，请复核。"
        )
    return corrected


def _preview(task: ParsedTask, indicators: list[ParsedIndicator]) -> PreviewRow:
    return PreviewRow(
        seq=task.seq,
        name=task.name,
        requirement=task.requirement,
        target_type=task.target_type,
        lead_units=task.lead_units,
        responsible_units=task.responsible_units,
        cooperating_units=task.cooperating_units,
        leaders=task.leaders,
        indicators=[f"{IndicatorKind(str(i.kind)).label}：{i.text}" for i in indicators],
        needs_confirmation=any(i.needs_confirmation for i in indicators),
    )


def _link_same_work(document: ParsedDocument, plans: list[Plan], report: ImportReport) -> None:
    """Link the rows of different plans that describe the same work (``checks.same_work``)."""
    rows = [[(t.seq, t.requirement, t.lead_units) for t in parsed.tasks] for parsed in document.plans]
    for (i, seq_a), (j, seq_b) in same_work(rows):
        task_a = Task.objects.get(plan=plans[i], seq=seq_a)
        task_a.same_work.add(Task.objects.get(plan=plans[j], seq=seq_b))
        report.links.append(f"“{plans[i].title}”序号{seq_a} 与 “{plans[j].title}”序号{seq_b}")


def _assign_leaders(document: ParsedDocument, plans: list[Plan], report: ImportReport, actor: User | None) -> None:
    """Make the cadres a row names as 责任领导 the task's responsible cadres, by exact name (``LeaderNames``).
    Runs for unchanged plans too, so a cadre registered after the plan is linked by importing it again. A
    row that names nobody leaves the task's cadres as assigned in the system; a name that matches no cadre
    is a warning (file, row, column) and stays on the task as written (``Task.leaders``)."""
    names = LeaderNames.load()
    for parsed, plan in zip(document.plans, plans, strict=True):
        tasks = {t.seq: t for t in plan.tasks.prefetch_related("responsible_cadres")}
        for row in parsed.tasks:
            if not row.leaders:
                continue
            resolved = [(name, names.resolve(name)) for name in row.leaders]
            cadres = [cadre for _name, cadre in resolved if cadre is not None]
            for name, cadre in resolved:
                if cadre is None:
                    where = row.location.at(COLUMN_LABELS["leaders"]).describe()
                    report.warnings.append(
                        f"{where}：责任领导“{name}”没有对应的领导干部（或同名者不止一位在任），已按原文保留在任务上；"
                        "在领导干部名册中登记后重新导入即可关联。"
                    )
            if task_cadres_assign(task=tasks[row.seq], cadres=cadres, actor=actor):
                report.leaders.append(f"“{plan.title}”序号{row.seq}：{'、'.join(c.name for c in cadres) or '无'}")


def _set_plan_fields(plan: Plan, parsed: ParsedPlan, document: ParsedDocument, sha256: str, fingerprint: str) -> None:
    notice = document.notice
    plan.kind = parsed.kind
    plan.issued_on = notice.issued_on
    plan.recipients = notice.recipients
    plan.notice_body = notice.body
    plan.disclosure = notice.disclosure
    plan.annex_no = parsed.annex_no
    plan.target_types = parsed.target_types
    plan.lead_rule = parsed.lead_rule
    plan.source_name = document.file_name
    plan.source_sha256 = sha256
    plan.content_sha256 = fingerprint


def _sync_tasks(plan: Plan, parsed: ParsedPlan, outcome: PlanOutcome, retire: "_Retire") -> list[Task]:
    """Update the plan's tasks to the parsed rows, matched by 序号 (a row 已撤销 and listed again is restored);
    the stored rows the document no longer lists go to ``retire``. Returns tasks in the parsed order."""
    existing = {t.seq: t for t in plan.tasks.all()}
    result: list[Task] = []
    moved: list[Task] = []  # stored tasks whose row changed in any stored field (position and source row too)
    for position, row in enumerate(parsed.tasks):
        task = existing.pop(row.seq, None)
        if task is None:
            task = Task(plan=plan, seq=row.seq)
            outcome.added.append(row.seq)
        before = _stored_values(task)
        stored = (before, task.position, task.source_row, task.deadline)
        task.position, task.name, task.requirement, task.target_type = (
            position,
            row.name,
            row.requirement,
            row.target_type,
        )
        task.leaders, task.deadline_text, task.remarks = row.leaders, row.deadline_text, row.remarks
        task.deadline = parse_deadline(row.deadline_text, parsed.year).on
        task.source_row = row.location.row
        if task.pk and before != _stored_values(task):
            outcome.changed.append(row.seq)
        restored = task.is_withdrawn and retire.restore(task, outcome)
        if restored or (task.pk and stored != (_stored_values(task), task.position, task.source_row, task.deadline)):
            moved.append(task)
        result.append(task)
    retire(plan, [t for t in existing.values() if not t.is_withdrawn], outcome)
    Task.objects.bulk_create([t for t in result if t.pk is None])
    fields = ["position", "name", "requirement", "target_type", "leaders", "deadline", "deadline_text", "remarks"]
    Task.objects.bulk_update(moved, [*fields, "source_row", "withdrawn_at", "withdrawn_by"], batch_size=500)
    return result


@dataclass
class _Retire:
    """What an import does with the stored rows a document no longer lists: deletes those nothing hangs on;
    marks the others 已撤销 (``MissingRows.WITHDRAW``, audited as ``task.withdraw``), or, with
    ``MissingRows.REFUSE``, collects a located problem for each (the caller refuses the whole import)."""

    file_name: str
    missing: str
    actor: User | None
    refusals: list[Problem] = field(default_factory=list)

    def __call__(self, plan: Plan, gone: list[Task], outcome: PlanOutcome) -> None:
        hanging = task_dependents([t.pk for t in gone])
        free = [t for t in gone if t.pk not in hanging]
        outcome.removed = [t.seq for t in free]
        Task.objects.filter(pk__in=[t.pk for t in free]).delete()
        kept = [Withdrawal(t.seq, t.name, hanging[t.pk]) for t in gone if t.pk in hanging]
        if self.missing == MissingRows.REFUSE:
            where = Location(self.file_name, column=COLUMN_LABELS["seq"], part=f"分解表“{plan.title}”")
            self.refusals += [Problem(where, _refusal(w)) for w in kept]
            return
        now = timezone.now()
        for task, withdrawal in zip([t for t in gone if t.pk in hanging], kept, strict=True):
            task.withdrawn_at, task.withdrawn_by = now, self.actor
            task.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
            outcome.withdrawn.append(withdrawal)
            event_record(
                actor=self.actor,
                action="task.withdraw",
                obj=task,
                summary=f"{plan.title}：{withdrawal.describe()}；新版分解表不再列出，已撤销，记录全部保留",
                after={"withdrawn_at": now.isoformat(), "hanging": {h.label: h.count for h in withdrawal.hanging}},
            )

    def restore(self, task: Task, outcome: PlanOutcome) -> bool:
        """A 已撤销 row the document lists again becomes a task of the current version (saved by the caller)."""
        task.withdrawn_at, task.withdrawn_by = None, None
        outcome.restored.append(task.seq)
        event_record(
            actor=self.actor,
            action="task.restore",
            obj=task,
            summary=f"{task.plan.title}：序号{task.seq}重新列入新版分解表，取消撤销",
        )
        return True


def _refusal(withdrawal: Withdrawal) -> str:
    return (
        f"已导入的序号{withdrawal.seq}“{withdrawal.name}”不在本文件中，而该任务已有{withdrawal.records}；按“拒绝导入”的设定，"
        "整个文件未导入。如新版确已取消该任务，请选择“标记为已撤销”后重新导入。"
    )


def _stored_values(task: Task) -> tuple[object, ...]:
    return (task.name, task.requirement, task.target_type, task.leaders, task.deadline_text, task.remarks)


def _links(task: ParsedTask, plan: ParsedPlan, report: ImportReport, resolver: UnitResolver) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    roles = (
        (UnitRole.LEAD, task.lead_units),
        (UnitRole.RESPONSIBLE, task.responsible_units),
        (UnitRole.COOPERATING, task.cooperating_units),
    )
    for role, names in roles:
        for name in names:
            found = resolver.resolve(name)
            if found.alias:
                report.aliases.append(f"“{plan.title}”序号{task.seq}：“{name}”→“{found.unit}”")
            if found.created and found.name not in report.new_units:
                report.new_units.append(found.name)
                if found.suspected_of:
                    report.suspected_aliases.append(f"“{found.name}”与已有单位“{found.suspected_of}”相近")
            written_as = name if found.alias else ""
            rows.append({"role": role, "unit": found.unit, "group": found.group, "written_as": written_as})
    return rows


#: The largest magnitude an indicator column holds (``max_digits=24, decimal_places=4``).
_MAX_VALUE = Decimal(10) ** 20


def _fits(value: Decimal | None) -> bool:
    return value is None or abs(value) < _MAX_VALUE


def _indicator(task: Task, position: int, parsed: ParsedIndicator, verifier: Unit | None) -> Indicator:
    """The row for a parsed indicator; a value too large for the columns is dropped and flagged for a person
    (the text is kept), so an absurd number in a document cannot break an import."""
    values = (parsed.target, parsed.stretch, parsed.normalized_target, parsed.normalized_stretch)
    if not all(_fits(v) for v in values):
        parsed = replace(
            parsed, target=None, stretch=None, normalized_target=None, normalized_stretch=None, needs_confirmation=True
        )
    return Indicator(
        task=task,
        position=position,
        kind=str(parsed.kind),
        comparator=str(parsed.comparator),
        target=parsed.target,
        stretch=parsed.stretch,
        unit=parsed.unit,
        normalized_unit=parsed.normalized_unit,
        normalized_target=parsed.normalized_target,
        normalized_stretch=parsed.normalized_stretch,
        subject=parsed.subject[:200],
        verb=parsed.verb,
        items=list(parsed.items),
        assigned_by_city=parsed.assigned_by_city,
        approximate=parsed.approximate,
        scope=parsed.scope,
        text=parsed.text,
        start=parsed.start,
        source=parsed.source,
        needs_confirmation=parsed.needs_confirmation,
        verifier=verifier,
    )


def plan_import_file(
    *,
    path: Path,
    dry_run: bool = False,
    lead_rule: str = "first_listed",
    title: str = "",
    year: int = 0,
    missing: str = MissingRows.WITHDRAW,
) -> ImportReport:
    """``plan_import`` for a file on disk (the CLI). Raises ``DocumentError`` as ``plan_import`` does and
    for a file that cannot be read."""
    content = path.read_bytes()
    return plan_import(
        content=content,
        file_name=path.name,
        dry_run=dry_run,
        lead_rule=lead_rule,
        title=title,
        year=year,
        missing=missing,
    )


#: Where uploaded documents (plans, cadre registers) wait between the preview and the confirmation.
STAGING_DIR = "imports"


def import_stage(*, content: bytes, file_name: str) -> str:
    """Keep an uploaded document until its import is confirmed; returns the token that names it."""
    token = secrets.token_urlsafe(16)
    default_storage.save(f"{STAGING_DIR}/{token}", ContentFile(content))
    return token


def import_confirm[R](*, token: str, importer: Callable[[bytes], R]) -> R:
    """Run ``importer`` (a plan or cadre import, for real) on a staged document's bytes after its preview,
    then discard the document; returns what ``importer`` returns. Raises ``FileNotFoundError`` for an
    unknown or already used token, and whatever ``importer`` raises (the document then stays staged)."""
    path = f"{STAGING_DIR}/{token}"
    if not token.replace("-", "").replace("_", "").isalnum() or not default_storage.exists(path):
        raise FileNotFoundError(path)
    with default_storage.open(path, "rb") as staged:
        content = staged.read()
    result = importer(content)
    default_storage.delete(path)
    return result


@transaction.atomic
def indicators_correct(
    *, task: Task, user: User, indicators: list[Indicator], deleted: list[Indicator] = ()
) -> list[Indicator]:
    """Save the task's indicators as a person corrected or confirmed them: existing rows are updated in place
    (reports, reviews and schedules that refer to them keep doing so), new ones are added, ``deleted`` ones
    removed. Normalised values are recomputed from target, stretch and unit; each row records who and when,
    so a later re-import keeps it. Raises ``PermissionDenied`` unless the user may correct indicators, and
    ``ValueError`` when a deleted indicator already has reports, reviews or schedule checkpoints."""
    if not can_correct_indicators(user):
        raise PermissionDenied(_("无权修正指标。"))
    now = timezone.now()
    for indicator in deleted:
        try:
            indicator.delete()
        except ProtectedError as exc:
            raise ValueError(
                _("指标“%(text)s”已有填报、核定或进度计划记录，不能删除，可修改其内容。")
                % {"text": indicator.text[:30]}
            ) from exc
    for position, indicator in enumerate(indicators):
        indicator.task, indicator.position = task, position
        indicator.normalized_target, indicator.normalized_unit = _normalized(indicator.target, indicator.unit)
        indicator.normalized_stretch, _unit = _normalized(indicator.stretch, indicator.unit)
        indicator.needs_confirmation, indicator.corrected_by, indicator.corrected_at = False, user, now
        indicator.save()
    event_record(
        actor=user,
        action="indicator.correct",
        obj=task,
        summary=f"{task}：人工修正指标 {len(indicators)} 项",
        after={"indicators": [i.text for i in indicators], "deleted": [i.text for i in deleted]},
    )
    task_facts_changed_on_commit(action="indicator.correct", task_ids=[task.pk], since=None, actor=user)
    return indicators


def _normalized(value: Decimal | None, unit: str) -> tuple[Decimal | None, str]:
    """``value`` in ``unit`` converted to the base unit (130 亿元 → 13000000000 元); None stays None."""
    base = normalize(Decimal(0), unit)[1]
    return (normalize(value, unit)[0] if value is not None else None), base
