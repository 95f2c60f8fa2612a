"""The year-end report (年度目标任务完成情况报告) 区政府办公室 sends 区委办公室 for the 综合考评, built from a final
assessment and laid out in the bulletin's GB/T 9704-2012 frame (``supervision.documents``). Pure: no database, no
clock. ``report_snapshot`` turns prepared rows into the frozen snapshot::

    {"year": 2019, "title": "关于2019年度目标任务完成情况的报告", "document_number": "上政办报〔2020〕1号",
     "issued_on": "2020-01-20", "recipients": "区委办公室", "assessment": "2019年度目标任务考核",
     "total": 163, "completed": 150,
     "by_type": [{"label": "A类", "total": 80, "completed": 75}, …],            # in ``TaskRow.type_label`` order
     "statuses": ["已完成", "欠进度", …], "by_status": [{"status": "已完成", "count": 150}, …],
     "units": [{"rank": 1, "unit": "区教育局", "led": 5, "score": "102.50"}, …],   # ranked units, best first
     "unfinished": [{"plan": "…", "seq": "4", "name": "…", "lead_units": "…", "completion": "85.0",
                     "status": "欠进度", "reason": "…", "objective_cause": false}, …],
     "preface": …, "closing": "特此报告。", "attachments": [], + the report template's words}
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from dukao.supervision.documents import LANGUAGE, Cell, Paragraph, Section, Subheading, Table


@dataclass(frozen=True)
class TaskRow:
    """One assessed task as the report reads it: its scored completion (1 = met) and, when the statuses of the
    assessment's last period were computed, its status there and the reason (else ``status`` is empty)."""

    plan: str
    seq: str
    name: str
    type_label: str
    lead_units: str
    completion: Decimal
    status: str
    reason: str
    objective_cause: bool

    @property
    def completed(self) -> bool:
        return self.completion >= 1


@dataclass(frozen=True)
class UnitRow:
    rank: int
    unit: str
    led: int
    score: str


def report_snapshot(
    *,
    year: int,
    assessment: str,
    tasks: list[TaskRow],
    units: list[UnitRow],
    template: dict,
    number: str,
    issued_on: date,
) -> dict:
    """What the report says, frozen when it is issued: counts by target type and by year-end status, the ranked
    units, the tasks not completed with their reasons."""
    with translation.override(LANGUAGE):
        statuses = list(dict.fromkeys(t.status or _("未评定") for t in tasks))
        return {
            **template,
            "year": year,
            "title": _("关于%(year)s年度目标任务完成情况的报告") % {"year": year},
            "document_number": number,
            "issued_on": issued_on.isoformat(),
            "assessment": assessment,
            "total": len(tasks),
            "completed": sum(t.completed for t in tasks),
            "by_type": [
                {
                    "label": label,
                    "total": sum(t.type_label == label for t in tasks),
                    "completed": sum(t.completed for t in tasks if t.type_label == label),
                }
                for label in dict.fromkeys(t.type_label for t in tasks)
            ],
            "by_status": [
                {"status": status, "count": sum((t.status or _("未评定")) == status for t in tasks)}
                for status in statuses
            ],
            "units": [
                {"rank": u.rank, "unit": u.unit, "led": u.led, "score": u.score}
                for u in sorted(units, key=lambda u: u.rank)
            ],
            "unfinished": [_unfinished(t) for t in tasks if not t.completed],
            "preface": _("根据《%(assessment)s》定稿结果，现将%(year)s年度目标任务完成情况报告如下，供综合考评使用。")
            % {"assessment": assessment, "year": year},
            "closing": _("特此报告。"),
            "attachments": [],
        }


def _unfinished(task: TaskRow) -> dict:
    return {
        "plan": task.plan,
        "seq": task.seq,
        "name": task.name,
        "lead_units": task.lead_units,
        "completion": percent(task.completion),
        "status": task.status,
        "reason": task.reason,
        "objective_cause": task.objective_cause,
    }


def percent(ratio: Decimal) -> str:
    """A completion ratio as a percentage with one decimal, rounded down: 0.9999 is 99.9 %, never 100 %."""
    return str((ratio * 100).quantize(Decimal("0.1"), ROUND_DOWN))


def report_parts(snapshot: dict) -> tuple[Section, ...]:
    """一、总体情况; 二、分类完成情况 (by target type, by year-end status); 三、各单位考核排名;
    四、未完成的任务及原因."""
    return (_overview(snapshot), _categories(snapshot), _ranking(snapshot), _unfinished_section(snapshot))


def _overview(snapshot: dict) -> Section:
    total, completed = snapshot["total"], snapshot["completed"]
    share = percent(Decimal(completed) / total) if total else "0"
    line = _(
        "%(year)s年度纳入考核的目标任务共%(total)s项，已完成%(completed)s项，完成率%(share)s%%；未完成%(left)s项。"
    )
    values = {"year": snapshot["year"], "total": total, "completed": completed, "share": share}
    return Section(_("一、总体情况"), (Paragraph(line % dict(values, left=total - completed)),))


def _categories(snapshot: dict) -> Section:
    types = tuple(
        (
            Cell(row["label"]),
            Cell(str(row["total"]), True),
            Cell(str(row["completed"]), True),
            Cell(str(row["total"] - row["completed"]), True),
            Cell(percent(Decimal(row["completed"]) / row["total"]) if row["total"] else "0", True),
        )
        for row in snapshot["by_type"]
    )
    statuses = tuple((Cell(row["status"]), Cell(str(row["count"]), True)) for row in snapshot["by_status"])
    return Section(
        _("二、分类完成情况"),
        (
            Subheading(_("（一）按目标类型")),
            Table(
                (_("目标类型"), _("任务数（项）"), _("已完成"), _("未完成"), _("完成率（%）")),
                types,
                (40, 29, 29, 29, 29),
            ),
            Subheading(_("（二）按年末状态")),
            Table((_("状态"), _("任务数（项）")), statuses, (78, 78)),
        ),
    )


def _ranking(snapshot: dict) -> Section:
    if not snapshot["units"]:
        return Section(_("三、各单位考核排名"), (Paragraph(_("无")),))
    rows = tuple(
        (Cell(str(u["rank"]), True), Cell(u["unit"]), Cell(str(u["led"]), True), Cell(u["score"], True))
        for u in snapshot["units"]
    )
    table = Table((_("名次"), _("单位"), _("牵头任务数"), _("总分")), rows, (20, 76, 30, 30))
    return Section(_("三、各单位考核排名"), (Paragraph(_("按总分排名，并列者名次相同，下一名次顺延。")), table))


def _unfinished_section(snapshot: dict) -> Section:
    tasks = snapshot["unfinished"]
    if not tasks:
        return Section(_("四、未完成的任务及原因"), (Paragraph(_("无")),))
    rows = tuple(
        (
            Cell(str(n), True),
            Cell(_("%(name)s（%(plan)s第%(seq)s项）") % t),
            Cell(t["lead_units"]),
            Cell(t["completion"], True),
            Cell(_reason(t)),
        )
        for n, t in enumerate(tasks, 1)
    )
    table = Table((_("序号"), _("任务名称"), _("牵头单位"), _("完成率（%）"), _("原因")), rows, (11, 45, 28, 18, 54))
    return Section(
        _("四、未完成的任务及原因"), (Paragraph(_("未完成的目标任务共%(count)s项：") % {"count": len(tasks)}), table)
    )


def _reason(task: dict) -> str:
    """The year-end status and its reason; an objective cause the office accepted is said."""
    said = "，".join(filter(None, (task["status"], task["reason"].rstrip("。"))))
    if task["objective_cause"]:
        said = "；".join(filter(None, (said, _("客观原因已认定"))))
    return said or _("—")
