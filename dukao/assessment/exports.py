"""The assessment as .xlsx for 区委办公室's 综合考评: units × scores with their breakdown, every task's score, and
every adjustment with its reason. Strings are stored as text, never as formulas (``lib.xlsx.append_rows``)."""

from io import BytesIO

from django.db.models import Prefetch
from django.utils import timezone
from openpyxl import Workbook

from dukao.assessment.models import Assessment
from dukao.lib.xlsx import append_rows
from dukao.plans.models import TaskUnit

UNIT_HEADER = [
    "排名",
    "同类排名",
    "单位",
    "单位类型",
    "牵头任务数",
    "配合任务数",
    "基础得分率（%）",
    "加分",
    "扣分",
    "调整分",
    "总分",
    "计分说明",
]
TASK_HEADER = [
    "分解表",
    "序号",
    "任务名称",
    "牵头单位",
    "目标类型",
    "完成率（%）",
    "基础得分",
    "基础满分",
    "加分",
    "扣分",
    "客观原因已认定",
    "计分说明",
]
ADJUSTMENT_HEADER = ["单位", "调整方式", "任务序号", "调整值", "理由", "来自申诉", "调整人", "调整时间"]


def assessment_xlsx(assessment: Assessment) -> bytes:
    """Three sheets — 单位得分, 任务得分, 调整记录 — in the order of the assessment's ranking."""
    book = Workbook()
    units = book.active
    units.title = "单位得分"
    append_rows(units, [[assessment.title, f"截至{assessment.period:%Y年%m月}", assessment.get_state_display()]])
    append_rows(units, [UNIT_HEADER])
    append_rows(
        units,
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
    append_rows(tasks, [TASK_HEADER])
    append_rows(
        tasks,
        (
            [
                s.task.plan.get_kind_display(),
                s.task.seq,
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
    append_rows(adjustments, [ADJUSTMENT_HEADER])
    append_rows(
        adjustments,
        (
            [
                a.unit.name,
                a.get_kind_display(),
                a.task.seq if a.task else "",
                a.value_display,
                a.reason,
                "是" if a.appeal_id else "",
                str(a.made_by),
                timezone.localtime(a.made_at).strftime("%Y-%m-%d %H:%M"),
            ]
            for a in assessment.adjustments.select_related("unit", "task", "made_by")
        ),
    )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
