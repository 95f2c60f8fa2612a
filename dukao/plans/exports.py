"""Exports of plans: JSON (the documented interchange shape) and .xlsx in the source table's layout.

Importing an exported workbook gives the same plans back (tested), so the workbook doubles as a template
for the next year's decomposition.
"""

import io
from typing import Any

import openpyxl

from dukao.lib.numbers import cell_number
from dukao.lib.xlsx import append_rows
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
    {group: [members]}}`` (issue 2, item 6)."""
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


def _plan_rows(plan: Plan, n: int) -> list[list[object]]:
    tasks = list(selectors.plan_tasks(plan, withdrawn=False))
    optional = [
        (
            "目标类型",
            bool(plan.target_types) or any(t.target_type for t in tasks),
            lambda t: f"{t.target_type}类" if t.target_type else "",
        ),
        ("责任领导", any(t.leaders for t in tasks), lambda t: "、".join(t.leaders)),
        ("完成时限", any(t.deadline_text for t in tasks), lambda t: t.deadline_text),
        ("备注", any(t.remarks for t in tasks), lambda t: t.remarks),
    ]
    columns = [(label, getter) for label, present, getter in optional if present]
    rows: list[list[object]] = [[f"附件{plan.annex_no or n}"], [plan.title]]
    if plan.target_types:
        rows.append(["(注:" + ";".join(f"{c}类指{label}" for c, label in plan.target_types.items()) + ")"])
    rows.append(["序号", "任务名称", "指标要求", "牵头部门", "配合部门", *(label for label, _ in columns)])
    for task in tasks:
        lead = "、".join(selectors.task_unit_names(task, UnitRole.LEAD))
        cooperating = "、".join(selectors.task_unit_names(task, UnitRole.COOPERATING))
        rows.append([task.seq, task.name, task.requirement, lead, cooperating, *(g(task) for _, g in columns)])
    return rows


def plans_export_xlsx(plans: list[Plan]) -> bytes:
    """A workbook: sheet 通知 (the notice, one line a row) and one sheet per plan in the source layout
    (label, title, legend, header 序号 | 任务名称 | 指标要求 | 牵头部门 | 配合部门 | 目标类型 …, rows)."""
    book = openpyxl.Workbook()
    notice = book.active
    notice.title = "通知"
    append_rows(notice, ([line] for line in _notice_lines(plans)))
    for n, plan in enumerate(plans, 1):
        sheet = book.create_sheet(f"附件{plan.annex_no or n}")
        append_rows(sheet, _plan_rows(plan, n))
        for letter, width in zip("ABCDEF", (6, 30, 60, 24, 40, 10), strict=True):
            sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
