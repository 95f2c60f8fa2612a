"""Exports of plans: JSON (the documented interchange shape) and .xlsx in the source table's layout.

Importing an exported workbook gives the same plans back (tested), so the workbook doubles as a template
for the next year's decomposition.
"""

from typing import Any

import openpyxl

from dukao.lib.numbers import cell_number
from dukao.lib.periods import period_label
from dukao.lib.xlsx import Column, append_rows, seq_value, table_sheet, workbook_bytes
from dukao.plans import selectors
from dukao.plans.models import Indicator, Plan, Task, UnitRole


def indicator_json(indicator: Indicator) -> dict[str, Any]:
    """One indicator as exported: kind, comparator, target, stretch, unit, normalised unit and values, text."""
    return {
        "kind": indicator.kind,
        "comparator": indicator.comparator,
        "target": cell_number(indicator.target),
        "stretch": cell_number(indicator.stretch),
        "unit": indicator.unit,
        "normalized_unit": indicator.normalized_unit,
        "normalized_target": cell_number(indicator.normalized_target),
        "normalized_stretch": cell_number(indicator.normalized_stretch),
        "subject": indicator.subject,
        "verb": indicator.verb,
        "items": indicator.items,
        "assigned_by_city": indicator.assigned_by_city,
        "approximate": indicator.approximate,
        "scope": indicator.scope,
        "text": indicator.text,
        "source": indicator.source,
        "needs_confirmation": indicator.needs_confirmation,
    }


def task_json(task: Task) -> dict[str, Any]:
    """One task as exported; unit lists hold canonical names and a group stays one entry."""
    return {
        "seq": task.seq,
        "name": task.name,
        "requirement": task.requirement,
        "target_type": task.target_type,
        "lead_units": selectors.task_unit_names(task, UnitRole.LEAD),
        "responsible_units": selectors.task_unit_names(task, UnitRole.RESPONSIBLE),
        "cooperating_units": selectors.task_unit_names(task, UnitRole.COOPERATING),
        "leaders": task.leaders,
        "deadline": task.deadline.isoformat() if task.deadline else None,
        "deadline_text": task.deadline_text,
        "indicators": [indicator_json(i) for i in task.indicators.all()],
    }


def plans_export_json(plans: list[Plan]) -> dict[str, Any]:
    """``{"plans": [{"id", "title", "year", "kind", "issuer", "issued_on", "tasks": [...]}], "unit_groups":
    {group: [members]}}``: what ``dukao export_plan`` writes by default."""
    return {
        "plans": [
            {
                "id": plan.pk,
                "title": plan.title,
                "year": plan.year,
                "kind": plan.kind,
                "kind_label": plan.get_kind_display(),
                "issuer": plan.issuer,
                "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
                "disclosure": plan.disclosure,
                "target_types": plan.target_types,
                "tasks": [task_json(t) for t in selectors.plan_tasks(plan, withdrawn=False)],
            }
            for plan in plans
        ],
        "unit_groups": selectors.unit_groups_map(),
    }


def _notice_lines(plans: list[Plan]) -> list[str]:
    first = plans[0]
    lines = [f"{first.recipients}："] if first.recipients else []
    lines += first.notice_body.splitlines()
    lines.append("附件：")
    lines += [f"{plan.annex_no or n}. {plan.title}" for n, plan in enumerate(plans, 1)]
    if first.issuer:
        lines.append(first.issuer)
    if first.issued_on:
        lines.append(f"{first.issued_on.year}年{first.issued_on.month}月{first.issued_on.day}日")
    if first.disclosure:
        lines.append(f"({first.disclosure})")
    return lines


def _plan_sheet(sheet, plan: Plan, n: int) -> None:
    """One plan in the source layout (label "附件N", title, legend, header 序号 | 任务名称 | 指标要求 | 牵头部门 |
    配合部门 | 目标类型 | 责任领导 | 完成时限 | 备注, rows) as a kept table (``lib.xlsx.table_sheet``), with each task's
    status of the latest computed period last (the importer reads no status column)."""
    tasks = list(selectors.with_current_status(selectors.plan_tasks(plan, withdrawn=False)))
    optional = [
        (
            Column("目标类型", 10),
            bool(plan.target_types) or any(t.target_type for t in tasks),
            lambda t: f"{t.target_type}类" if t.target_type else "",
        ),
        (Column("责任领导", 14), True, lambda t: "、".join(t.leader_names)),
        (Column("完成时限", 14, "yyyy-mm-dd"), True, lambda t: t.deadline_text or t.deadline or ""),
        (Column("备注", 20), any(t.remarks for t in tasks), lambda t: t.remarks),
        (Column("当前状态", 12), True, _status_label),
    ]
    chosen = [(column, getter) for column, present, getter in optional if present]
    columns = [Column("序号", 6), Column("任务名称", 30), Column("指标要求", 60), Column("牵头部门", 24)]
    columns += [Column("配合部门", 36), *(column for column, _getter in chosen)]
    rows = (
        [
            seq_value(task.seq),
            task.name,
            task.requirement,
            "、".join(selectors.task_unit_names(task, UnitRole.LEAD)),
            "、".join(selectors.task_unit_names(task, UnitRole.COOPERATING)),
            *(getter(task) for _column, getter in chosen),
        ]
        for task in tasks
    )
    notes = ["(注:" + ";".join(f"{c}类指{label}" for c, label in plan.target_types.items()) + ")"]
    table_sheet(
        sheet, plan.title, columns, rows, label=f"附件{plan.annex_no or n}", notes=notes if plan.target_types else ()
    )


def _status_label(task: Task) -> str:
    """ "达进度（2019年6月）": the status of the latest period computed, with that period; "" before any."""
    if not task.current_statuses:
        return ""
    status = task.current_statuses[0]
    return f"{status.get_status_display()}（{period_label(status.period)}）"


def plans_export_xlsx(plans: list[Plan]) -> bytes:
    """A workbook: sheet 通知 (the notice, one line a row) and one sheet per plan (``_plan_sheet``)."""
    book = openpyxl.Workbook()
    notice = book.active
    notice.title = "通知"
    append_rows(notice, ([line] for line in _notice_lines(plans)))
    notice.column_dimensions["A"].width = 100
    for n, plan in enumerate(plans, 1):
        _plan_sheet(book.create_sheet(f"附件{plan.annex_no or n}"), plan, n)
    return workbook_bytes(book)
