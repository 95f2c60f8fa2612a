"""Writes on leading cadres (领导干部): importing and exporting the register, assigning tasks' 责任领导.

They live in ``plans`` (not ``units``, which holds ``Cadre``) because they read documents with the plans'
readers and link cadres to tasks; ``units`` may not import ``plans``.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook

from dukao.accounts.models import User
from dukao.accounts.permissions import can_manage_cadres
from dukao.audit.services import event_record
from dukao.lib.permissions import deny_unless
from dukao.lib.text import normalize_name
from dukao.lib.xlsx import append_rows
from dukao.plans.models import Task
from dukao.plans.parsing.errors import DocumentError, Problem
from dukao.plans.parsing.reader import read_lines
from dukao.plans.parsing.register import REGISTER_HEADERS, ROLE_VALUES, RegisterRow, parse_register
from dukao.units.models import Cadre, CadreRole, Unit
from dukao.units.services import UnitResolver

_DENIED = "无权维护领导干部名册或指定责任领导。"


@dataclass
class CadreImportReport:
    """What a register import did: the cadres created, updated and unchanged (as "姓名（单位 角色）"), and
    the aliases applied to unit names. ``render()`` gives the Chinese text of the CLI and the web page."""

    file_name: str
    dry_run: bool
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    def render(self) -> str:
        lines = [f"导入领导干部名册：{self.file_name}"]
        if self.dry_run:
            lines.append("预检模式：以下为将要发生的变化，数据库未作任何修改。")
        lines.append(f"新增 {len(self.created)} 人，更新 {len(self.updated)} 人，未变化 {len(self.unchanged)} 人。")
        for title, items in (("新增", self.created), ("更新", self.updated), ("应用别名", self.aliases)):
            if items:
                lines.append(f"{title}：")
                lines += [f"  - {item}" for item in items]
        return "\n".join(lines)


def cadres_import(
    *, content: bytes, file_name: str, dry_run: bool = False, actor: User | None = None
) -> CadreImportReport:
    """Import a register of cadres (.xlsx or .csv, columns in ``parsing.register``), all or nothing.

    A cadre is identified by (name, unit, role): a rerun of the same register changes nothing; a changed
    post, term or list of units in charge updates the cadre. Cadres the register does not list are kept (a
    register may cover part of the district). Units resolve like a plan's (names, confirmed aliases; a unit
    group in 分管单位 stands for its members) but an unknown unit is refused, never created. Each cadre created
    or updated appends an audit event by ``actor`` (None for the command line). Raises ``DocumentError``
    naming file, row and column (nothing written), ``PermissionDenied`` unless ``actor`` may manage cadres.
    """
    deny_unless(actor is None or can_manage_cadres(actor), _DENIED)
    rows = parse_register(read_lines(content, file_name), file_name)
    report = CadreImportReport(file_name, dry_run)
    with transaction.atomic():
        units = _register_units(rows, UnitResolver.load(), report)
        existing = {(c.name, c.unit_id, c.role): c for c in Cadre.objects.prefetch_related("units_in_charge")}
        for row in rows:
            unit, in_charge = units[row.key]
            _import_cadre(row, unit, in_charge, existing.get((row.name, unit.pk, row.role)), report, actor)
        if dry_run:
            transaction.set_rollback(True)
    return report


def cadres_import_file(*, path: Path, dry_run: bool = False) -> CadreImportReport:
    """``cadres_import`` for a file on disk (the CLI)."""
    return cadres_import(content=path.read_bytes(), file_name=path.name, dry_run=dry_run)


def _register_units(
    rows: list[RegisterRow], resolver: UnitResolver, report: CadreImportReport
) -> dict[tuple[str, str, str], tuple[Unit, list[Unit]]]:
    """Each row's unit and units in charge. Raises ``DocumentError`` listing every name that is not a known
    unit (or, for the unit itself, names a group)."""
    problems: list[Problem] = []
    resolved = {}
    for row in rows:
        unit = _register_unit(row, row.unit, REGISTER_HEADERS["unit"], resolver, report, problems, whole=True)
        in_charge: list[Unit] = []
        for name in row.units_in_charge:
            in_charge += _register_unit(row, name, REGISTER_HEADERS["units_in_charge"], resolver, report, problems)
        resolved[row.key] = (unit[0] if unit else None, in_charge)
    if problems:
        raise DocumentError(problems)
    return resolved


def _register_unit(
    row: RegisterRow,
    name: str,
    column: str,
    resolver: UnitResolver,
    report: CadreImportReport,
    problems: list[Problem],
    whole: bool = False,
) -> list[Unit]:
    """The units a name stands for: one unit, or a group's members (unless ``whole``: a cadre's own unit is
    one unit). Appends a problem and returns [] for an unknown name."""
    found = resolver.lookup(name)
    where = row.location.at(column)
    if found is None:
        problems.append(Problem(where, f"单位“{name}”不在单位名录中：请先在管理后台添加该单位或其别名。"))
        return []
    if found.group is not None and whole:
        problems.append(Problem(where, f"“{name}”是单位组，不是一个单位：请填写领导干部所在的具体单位。"))
        return []
    if found.alias:
        report.aliases.append(f"第{row.location.row}行“{name}”→“{found.unit}”")
    return [found.unit] if found.unit else list(found.group.members.all())


def _import_cadre(
    row: RegisterRow,
    unit: Unit,
    in_charge: list[Unit],
    cadre: Cadre | None,
    report: CadreImportReport,
    actor: User | None,
) -> None:
    label = f"{row.name}（{unit.name} {CadreRole(row.role).label}）"
    values = {"post": row.post, "term_start": row.term_start, "term_end": row.term_end}
    before = _cadre_values(cadre) if cadre else None
    cadre = cadre or Cadre(name=row.name, unit=unit, role=row.role)
    for name, value in values.items():
        setattr(cadre, name, value)
    after = {**values, "units_in_charge": sorted(u.name for u in in_charge)}
    if before == after:
        report.unchanged.append(label)
        return
    state = "updated" if cadre.pk else "created"
    cadre.save()
    cadre.units_in_charge.set(in_charge)
    (report.updated if state == "updated" else report.created).append(label)
    event_record(
        actor=actor,
        action=f"cadre.import.{state}",
        obj=cadre,
        summary=f"{report.file_name}：{label}",
        before=_jsonable(before),
        after=_jsonable(after),
    )


def _cadre_values(cadre: Cadre) -> dict[str, object]:
    return {
        "post": cadre.post,
        "term_start": cadre.term_start,
        "term_end": cadre.term_end,
        "units_in_charge": sorted(u.name for u in cadre.units_in_charge.all()),
    }


def _jsonable(values: dict[str, object] | None) -> dict[str, object] | None:
    if values is None:
        return None
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def cadres_export_xlsx(cadres: Iterable[Cadre]) -> bytes:
    """The register as .xlsx in the columns ``cadres_import`` reads (a round trip changes nothing). Text is
    stored as text, never as a formula (``lib.xlsx.append_rows``). Reads ``unit`` and ``units_in_charge``:
    pass a queryset with them loaded."""
    labels = {value: label for label, value in ROLE_VALUES.items()}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "领导干部名册"
    rows = [list(REGISTER_HEADERS.values())]
    rows += [
        [
            cadre.name,
            cadre.post,
            cadre.unit.name,
            labels[cadre.role],
            "、".join(u.name for u in cadre.units_in_charge.all()),
            cadre.term_start or "",
            cadre.term_end or "",
        ]
        for cadre in cadres
    ]
    append_rows(sheet, rows)
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=7):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@transaction.atomic
def task_cadres_assign(*, task: Task, cadres: list[Cadre], actor: User | None = None) -> bool:
    """Make ``cadres`` the task's 责任领导 (replacing those assigned before). Returns False, recording
    nothing, when they already are; otherwise appends a ``task.cadres.assign`` event. Raises
    ``PermissionDenied`` unless ``actor`` (None for the system) may manage cadres."""
    deny_unless(actor is None or can_manage_cadres(actor), _DENIED)
    before = sorted(task.responsible_cadres.all(), key=lambda c: c.pk)
    after = sorted(set(cadres), key=lambda c: c.pk)
    if before == after:
        return False
    task.responsible_cadres.set(after)
    event_record(
        actor=actor,
        action="task.cadres.assign",
        obj=task,
        summary=f"{task}：责任领导 {'、'.join(c.name for c in after) or '无'}",
        before={"cadres": [str(c) for c in before]},
        after={"cadres": [str(c) for c in after]},
    )
    return True


@dataclass
class LeaderNames:
    """Resolves the 责任领导 names of a document to cadres by exact name (one query up front).

    A name borne by several cadres (a cadre who moved has a row per post) resolves to the one in office
    today, if exactly one is; otherwise it does not resolve: cadres are never guessed, nor created."""

    by_name: dict[str, list[Cadre]]
    in_office: set[int]

    @classmethod
    def load(cls) -> "LeaderNames":
        """Two queries: every cadre, and the ids of those in office today."""
        by_name: dict[str, list[Cadre]] = {}
        for cadre in Cadre.objects.all():
            by_name.setdefault(normalize_name(cadre.name), []).append(cadre)
        in_office = set(Cadre.objects.in_office(timezone.localdate()).values_list("pk", flat=True))
        return cls(by_name, in_office)

    def resolve(self, name: str) -> Cadre | None:
        candidates = self.by_name.get(normalize_name(name), [])
        if len(candidates) > 1:
            candidates = [c for c in candidates if c.pk in self.in_office]
        return candidates[0] if len(candidates) == 1 else None
