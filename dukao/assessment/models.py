"""Year-end assessment (年底考核): a run of the scoring rules over a year's tasks, the units' appeals (申诉), the
adjustments they lead to, and the frozen result handed to 区委办公室 for the 综合考评.

State machine (docs/assessment.md, "Workflow"): draft → appeals (window open, units see their scores) → final
(frozen). Scores are recomputed from the data while not final; adjustments are kept and re-applied on every
recomputation. Once final, nothing of the assessment changes: rows refuse saves and the snapshot carries its
SHA-256.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dukao.lib.models import Immutable, TimeStampedModel, random_upload_name
from dukao.supervision.models import IssuedDocument


class AssessmentState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    APPEALS = "appeals", _("申诉期")
    FINAL = "final", _("已定稿")


class Frozen(Exception):
    """A change to a finalised assessment."""


class Assessment(TimeStampedModel):
    """One year's assessment over the plans of that year, under a stored rules object (``scoring.Rules``)."""

    year = models.PositiveSmallIntegerField(_("考核年度"))
    title = models.CharField(_("名称"), max_length=200)
    period = models.DateField(_("截至报告期"), help_text=_("计入考核的最后一个月份（通常为12月）"))
    state = models.CharField(_("状态"), max_length=10, choices=AssessmentState.choices, default=AssessmentState.DRAFT)
    rules = models.JSONField(_("考核规则"), default=dict)
    appeal_deadline = models.DateField(_("申诉截止日期"), null=True, blank=True)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("发起人")
    )
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("定稿人"),
    )
    finalised_at = models.DateTimeField(_("定稿时间"), null=True, blank=True)
    snapshot = models.JSONField(_("定稿快照"), default=dict, blank=True)
    snapshot_sha256 = models.CharField(_("快照 SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("年度考核")
        verbose_name_plural = pgettext_lazy("plural", "年度考核")
        ordering = ["-year", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["year"], name="assessment_once_per_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.state == AssessmentState.FINAL


class _PartOfAssessment(models.Model):
    """A row that belongs to an assessment and refuses to change once the assessment is final."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if Assessment.objects.filter(pk=self.assessment_id, state=AssessmentState.FINAL).exists():
            raise Frozen(_("考核已定稿，不能修改。"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Assessment.objects.filter(pk=self.assessment_id, state=AssessmentState.FINAL).exists():
            raise Frozen(_("考核已定稿，不能删除。"))
        return super().delete(*args, **kwargs)


class TaskScore(_PartOfAssessment):
    """A task's score in an assessment: the facts it was scored on and what ``scoring.score_task`` made of
    them, with the explanation in words. ``objective_cause_note`` is what the system proposes as an objective
    cause (a coordination request the district answered late); ``objective_cause`` is whether it was accepted."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="task_scores", verbose_name=_("考核")
    )
    task = models.ForeignKey("plans.Task", on_delete=models.PROTECT, related_name="scores", verbose_name=_("任务"))
    completion = models.DecimalField(_("完成率"), max_digits=12, decimal_places=4)
    stretch_met = models.BooleanField(_("完成力争目标"), default=False)
    cases = models.PositiveSmallIntegerField(_("督办次数"), default=0)
    late_reports = models.PositiveSmallIntegerField(_("迟报次数"), default=0)
    missing_reports = models.PositiveSmallIntegerField(_("未报次数"), default=0)
    objective_cause_note = models.CharField(_("可认定的客观原因"), max_length=500, blank=True)
    objective_cause = models.BooleanField(_("客观原因已认定"), default=False)
    base_earned = models.DecimalField(_("基础得分"), max_digits=10, decimal_places=2)
    base_possible = models.DecimalField(_("基础满分"), max_digits=10, decimal_places=2)
    bonus = models.DecimalField(_("加分"), max_digits=10, decimal_places=2)
    deductions = models.DecimalField(_("扣分"), max_digits=10, decimal_places=2)
    explanation = models.JSONField(_("计分说明"), default=list)

    class Meta:
        verbose_name = _("任务得分")
        verbose_name_plural = pgettext_lazy("plural", "任务得分")
        ordering = ["assessment", "task__plan", "task__position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "task"], name="task_score_once")]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.task}"


class UnitScore(_PartOfAssessment):
    """A unit's score: ``scoring.score_unit`` over the tasks it leads and cooperates on, plus adjustments.
    ``rank`` is among all ranked units; ``rank_in_kind`` among ranked units of the same kind (部门, 街道…); both
    are empty for a unit that leads no task (listed apart, not ranked)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="unit_scores", verbose_name=_("考核")
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="scores", verbose_name=_("单位"))
    led = models.PositiveSmallIntegerField(_("牵头任务数"))
    cooperating = models.PositiveSmallIntegerField(_("配合任务数"))
    base_percent = models.DecimalField(_("基础得分率（%）"), max_digits=10, decimal_places=2, null=True, blank=True)
    bonus = models.DecimalField(_("加分"), max_digits=10, decimal_places=2)
    deductions = models.DecimalField(_("扣分"), max_digits=10, decimal_places=2)
    adjustment = models.DecimalField(_("调整分"), max_digits=10, decimal_places=2, default=0)
    score = models.DecimalField(
        _("总分"), max_digits=10, decimal_places=2, null=True, blank=True, help_text=_("空：不计分（计分权重合计为0）")
    )
    rank = models.PositiveSmallIntegerField(_("排名"), null=True, blank=True)
    rank_in_kind = models.PositiveSmallIntegerField(_("同类排名"), null=True, blank=True)
    explanation = models.JSONField(_("计分说明"), default=list)

    class Meta:
        verbose_name = _("单位得分")
        verbose_name_plural = pgettext_lazy("plural", "单位得分")
        ordering = ["assessment", models.F("rank").asc(nulls_last=True), "unit__name"]
        constraints = [models.UniqueConstraint(fields=["assessment", "unit"], name="unit_score_once")]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.unit}"


class AppealState(models.TextChoices):
    PENDING = "pending", _("待处理")
    ACCEPTED = "accepted", _("已采纳")
    REJECTED = "rejected", _("未采纳")


def appeal_path(instance: "Appeal", filename: str) -> str:
    return random_upload_name("appeals", filename)


class Appeal(_PartOfAssessment):
    """A unit's appeal (申诉) against its draft score, on one task or on the whole score, with reasons and an
    optional evidence file (type checked by content like report evidence). Once decided it keeps the unit's total
    before and after the decision and ``effect``: what changed in the score, or why nothing did."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="appeals", verbose_name=_("考核"))
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="appeals", verbose_name=_("申诉单位"))
    task = models.ForeignKey(
        "plans.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("涉及任务")
    )
    reason = models.TextField(_("申诉理由"))
    file = models.FileField(_("佐证材料"), upload_to=appeal_path, max_length=200, blank=True)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    content_type = models.CharField(_("文件类型"), max_length=100, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("申诉人")
    )
    submitted_at = models.DateTimeField(_("申诉时间"), default=timezone.now)
    state = models.CharField(_("状态"), max_length=10, choices=AppealState.choices, default=AppealState.PENDING)
    decision = models.TextField(_("处理意见"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("处理人"),
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    score_before = models.DecimalField(_("处理前总分"), max_digits=10, decimal_places=2, null=True, blank=True)
    score_after = models.DecimalField(_("处理后总分"), max_digits=10, decimal_places=2, null=True, blank=True)
    effect = models.CharField(_("得分变化"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("考核申诉")
        verbose_name_plural = pgettext_lazy("plural", "考核申诉")
        ordering = ["assessment", "submitted_at"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.reason[:30]}"


class AdjustmentKind(models.TextChoices):
    OBJECTIVE_CAUSE = "objective_cause", _("认定客观原因")
    COMPLETION = "completion", _("更正完成率")
    POINTS = "points", _("加减分")


class Adjustment(_PartOfAssessment):
    """A reviewer's change to the computed scores, always with a reason, from an appeal or on the office's own
    motion: accept a task's objective cause, correct a task's completion ratio, or add/deduct points on a unit.
    Adjustments are never edited; a correction is a new adjustment. They are re-applied on every recomputation."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="adjustments", verbose_name=_("考核")
    )
    appeal = models.ForeignKey(
        Appeal, on_delete=models.PROTECT, null=True, blank=True, related_name="adjustments", verbose_name=_("来自申诉")
    )
    kind = models.CharField(_("调整方式"), max_length=20, choices=AdjustmentKind.choices)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    task = models.ForeignKey(
        "plans.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("任务")
    )
    value = models.DecimalField(_("调整值"), max_digits=10, decimal_places=4, null=True, blank=True)
    reason = models.TextField(_("调整理由"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("调整人")
    )
    made_at = models.DateTimeField(_("调整时间"), default=timezone.now)

    class Meta:
        verbose_name = _("考核调整")
        verbose_name_plural = pgettext_lazy("plural", "考核调整")
        ordering = ["assessment", "made_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.unit}"

    @property
    def value_display(self) -> str:
        """The value as the forms take it: a completion in %, points with their sign, nothing for a cause."""
        if self.value is None:
            return "—"
        if self.kind == AdjustmentKind.COMPLETION:
            return f"{self.value * 100:.2f}%"
        return f"{self.value.normalize():+f}分"


class PerformanceRecord(Immutable):
    """A leading cadre's performance record (实绩记录) for a year, frozen when the year's assessment is finalised:
    the units they answer for with their scores and ranks, every task with its status month by month, the
    supervision cases, their score (``records.record`` gives the shape). Written once, never changed."""

    cadre = models.ForeignKey(
        "units.Cadre", on_delete=models.PROTECT, related_name="performance_records", verbose_name=_("领导干部")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="performance_records", verbose_name=_("考核")
    )
    summary = models.JSONField(_("实绩内容"))
    sha256 = models.CharField(_("内容 SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        verbose_name = _("实绩记录")
        verbose_name_plural = pgettext_lazy("plural", "实绩记录")
        ordering = ["-year", "cadre"]
        constraints = [models.UniqueConstraint(fields=["cadre", "assessment"], name="record_once_per_assessment")]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.year}"


class YearReport(Immutable, IssuedDocument):
    """The year-end report (年度目标任务完成情况报告) 区政府办公室 issues from a final assessment to 区委办公室 for
    the 综合考评: numbered per issuer and year (``year_report_number_once_per_year``), its snapshot and the issued
    .docx and PDF kept as issued — written once, never changed; one per assessment."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="report", verbose_name=_("考核")
    )

    class Meta:
        verbose_name = _("年度完成情况报告")
        verbose_name_plural = pgettext_lazy("plural", "年度完成情况报告")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "issued_year", "serial"], name="year_report_number_once_per_year")
        ]
