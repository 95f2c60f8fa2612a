"""The assessment as .xlsx for 区委办公室's 综合考评: units × scores with their breakdown, every task's score, and
every adjustment with its reason. Strings are stored as text, never as formulas (``lib.xlsx.append_rows``),
numbers as numbers."""

from django.db.models import Prefetch
from django.utils import timezone
from openpyxl import Workbook

from dukao.assessment.models import Assessment
from dukao.lib.xlsx import Column, seq_value, table_sheet, workbook_bytes
from dukao.plans.models import TaskUnit

SCORE, PERCENT = "0.00", "0.0"
UNIT_COLUMNS = [
    Column("排名", 6),
    Column("同类排名", 8),
    Column("单位", 24),
    Column("单位类型", 10),
    Column("牵头任务数", 10),
    Column("配合任务数", 10),
    Column("基础得分率（%）", 12, PERCENT),
    Column("加分", 8, SCORE),
    Column("扣分", 8, SCORE),
    Column("调整分", 8, SCORE),
    Column("总分", 9, SCORE),
    Column("计分说明", 60),
]
TASK_COLUMNS = [
    Column("分解表", 14),
    Column("序号", 6),
    Column("任务名称", 36),
    Column("牵头单位", 20),
    Column("目标类型", 9),
    Column("完成率（%）", 11, PERCENT),
    Column("基础得分", 9, SCORE),
    Column("基础满分", 9, SCORE),
    Column("加分", 8, SCORE),
    Column("扣分", 8, SCORE),
    Column("客观原因已认定", 12),
    Column("计分说明", 60),
]
ADJUSTMENT_COLUMNS = [
    Column("单位", 24),
    Column("调整方式", 10),
    Column("任务序号", 9),
    Column("调整值", 10),
    Column("理由", 50),
    Column("来自申诉", 9),
    Column("调整人", 12),
    Column("调整时间", 17, "yyyy-mm-dd hh:mm"),
]


def assessment_xlsx(assessment: Assessment) -> bytes:
    """Three sheets — 单位得分, 任务得分, 调整记录 — in the order of the assessment's ranking, each a kept table
    (``lib.xlsx.table_sheet``: merged title, frozen header with autofilter, widths, numbers as numbers, A4
    landscape)."""
    book = Workbook()
    units = book.active
    units.title = "单位得分"
    period = f"截至{assessment.period.year}年{assessment.period.month}月"
    heading = f"{assessment.title}（{period}，{assessment.get_state_display()}）"
    table_sheet(
        units,
        heading,
        UNIT_COLUMNS,
        (
            [
                s.rank,
                s.rank_in_kind,
                s.unit.name,
                s.unit.get_kind_display(),
                s.led,
                s.cooperating,
                None if s.base_percent is None else float(s.base_percent),
                float(s.bonus),
                float(s.deductions),
                float(s.adjustment),
                None if s.score is None else float(s.score),
                "；".join(s.explanation),
            ]
            for s in assessment.unit_scores.select_related("unit")
        ),
    )
    tasks = book.create_sheet("任务得分")
    table_sheet(
        tasks,
        f"{assessment.title}·任务得分",
        TASK_COLUMNS,
        (
            [
                s.task.plan.get_kind_display(),
                seq_value(s.task.seq),
                s.task.name,
                "、".join(link.name for link in s.task.lead_links),
                s.task.target_type,
                float(s.completion * 100),
                float(s.base_earned),
                float(s.base_possible),
                float(s.bonus),
                float(s.deductions),
                "是" if s.objective_cause else "",
                "；".join(s.explanation),
            ]
            for s in assessment.task_scores.select_related("task__plan")
            .prefetch_related(Prefetch("task__unit_links", TaskUnit.objects.select_related("unit", "group")))
            .order_by("task__plan_id", "task__position")
        ),
    )
    adjustments = book.create_sheet("调整记录")
    table_sheet(
        adjustments,
        f"{assessment.title}·调整记录",
        ADJUSTMENT_COLUMNS,
        (
            [
                a.unit.name,
                a.get_kind_display(),
                seq_value(a.task.seq) if a.task else "",
                a.value_display,
                a.reason,
                "是" if a.appeal_id else "",
                str(a.made_by),
                timezone.localtime(a.made_at).replace(tzinfo=None, second=0, microsecond=0),
            ]
            for a in assessment.adjustments.select_related("unit", "task", "made_by")
        ),
    )
    return workbook_bytes(book)
