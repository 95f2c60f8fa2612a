"""Schedules (进度计划), progress reports (进展填报) with immutable versions and evidence, cooperating units'
contributions, and coordination requests (协调事项)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dukao.lib.models import Immutable, TimeStampedModel, random_upload_name
from dukao.lib.periods import period_key, period_label
from dukao.lib.serve import PREVIEWABLE


class ScheduleState(models.TextChoices):
    PROPOSED = "proposed", _("待审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("未批准")


class ScheduleRevision(TimeStampedModel):
    """One version of a task's schedule. The approved revision with the highest number is the baseline;
    a change after approval is a new revision that 区政府办公室 approves, and the old ones are kept."""

    task = models.ForeignKey(
        "plans.Task", on_delete=models.CASCADE, related_name="schedule_revisions", verbose_name=_("任务")
    )
    number = models.PositiveSmallIntegerField(_("版本号"))
    state = models.CharField(_("状态"), max_length=10, choices=ScheduleState.choices, default=ScheduleState.PROPOSED)
    reason = models.TextField(_("调整理由"), blank=True)
    starts_on = models.DateField(
        _("计划起始日"),
        null=True,
        blank=True,
        help_text=_("年中开始的进度计划从此日起计算序时进度；留空为1月1日。"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提出人"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审批人"),
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    class Meta:
        verbose_name = _("进度计划版本")
        verbose_name_plural = pgettext_lazy("plural", "进度计划版本")
        ordering = ["task", "-number"]
        constraints = [models.UniqueConstraint(fields=["task", "number"], name="schedule_revision_unique_number")]

    def __str__(self) -> str:
        return f"{self.task} · 第{self.number}版"


class Checkpoint(models.Model):
    """What an indicator should reach by ``due``: a cumulative share of its target (%), a value in the
    indicator's unit, or, for a milestone, a node ("完成方案设计")."""

    revision = models.ForeignKey(
        ScheduleRevision, on_delete=models.CASCADE, related_name="checkpoints", verbose_name=_("计划版本")
    )
    indicator = models.ForeignKey(
        "plans.Indicator", on_delete=models.PROTECT, related_name="checkpoints", verbose_name=_("指标")
    )
    due = models.DateField(_("节点日期"))
    expected_share = models.DecimalField(_("计划完成比例（%）"), max_digits=7, decimal_places=2, null=True, blank=True)
    expected_value = models.DecimalField(_("计划值"), max_digits=24, decimal_places=4, null=True, blank=True)
    node = models.CharField(_("计划节点"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("进度节点")
        verbose_name_plural = pgettext_lazy("plural", "进度节点")
        ordering = ["revision", "indicator", "due"]

    def __str__(self) -> str:
        return f"{self.due} {self.expected_share or self.expected_value or self.node}"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交，待核定")
    VERIFIED = "verified", _("已核定")
    RETURNED = "returned", _("已退回")


class ProgressReport(TimeStampedModel):
    """A unit's report on one task for one period (a month). The draft fields are the working copy, saved
    on the server as the unit types; every submission freezes them into a new ``ReportVersion``."""

    task = models.ForeignKey("plans.Task", on_delete=models.PROTECT, related_name="reports", verbose_name=_("任务"))
    period = models.DateField(_("报告期"), help_text=_("月份的第一天"))
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="reports", verbose_name=_("填报单位"))
    state = models.CharField(_("状态"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    draft_values = models.JSONField(_("草稿数值"), default=dict, blank=True)
    draft_narrative = models.TextField(_("进展情况（草稿）"), blank=True)
    draft_problems = models.TextField(_("存在问题（草稿）"), blank=True)
    draft_next_steps = models.TextField(_("下步打算（草稿）"), blank=True)
    draft_narrative_internal = models.BooleanField(_("进展情况不公开（草稿）"), default=False)
    draft_revision = models.PositiveIntegerField(_("草稿版本"), default=0)
    draft_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("草稿保存人"),
    )
    draft_saved_at = models.DateTimeField(_("草稿保存时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = pgettext_lazy("plural", "进展报告")
        ordering = ["-period", "task"]
        constraints = [
            models.UniqueConstraint(fields=["task", "period", "unit"], name="report_unique_per_task_period_unit")
        ]

    def __str__(self) -> str:
        return f"{self.task} · {period_label(self.period)} · {self.unit}"

    @property
    def period_key(self) -> str:
        return period_key(self.period)

    @property
    def period_label(self) -> str:
        return period_label(self.period)

    @property
    def open_correction(self) -> "ReportCorrection | None":
        """The correction under way (reopened, not yet verified), if any."""
        if self.pk is None or self.state == ReportState.VERIFIED:
            return None
        return self.corrections.filter(verified_at__isnull=True).select_related("corrects").first()


class ReportVersion(Immutable):
    """A submitted report, frozen: values, narrative, problems, next steps, evidence, who and when.
    ``idempotency_key`` makes a double submit create one version."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, related_name="versions", verbose_name=_("报告")
    )
    number = models.PositiveSmallIntegerField(_("版本号"))
    narrative = models.TextField(_("进展情况"), blank=True)
    problems = models.TextField(_("存在问题"), blank=True)
    next_steps = models.TextField(_("下步打算"), blank=True)
    narrative_internal = models.BooleanField(
        _("进展情况不公开"),
        default=False,
        help_text=_("勾选后进展情况只在系统内可见；未勾选的，经核定后在公众门户公开（存在问题、下步打算从不公开）。"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("签发人")
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    idempotency_key = models.CharField(_("提交标识"), max_length=64, unique=True)
    evidence = models.ManyToManyField("Evidence", blank=True, related_name="versions", verbose_name=_("佐证材料"))

    class Meta:
        verbose_name = _("报告版本")
        verbose_name_plural = pgettext_lazy("plural", "报告版本")
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.report} · 第{self.number}版"


class ReportValue(Immutable):
    """The value a version reports for one indicator: cumulative, in the indicator's unit; or the node
    reached for a milestone; or the checklist items done."""

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="values", verbose_name=_("版本"))
    indicator = models.ForeignKey(
        "plans.Indicator", on_delete=models.PROTECT, related_name="report_values", verbose_name=_("指标")
    )
    value = models.DecimalField(_("累计完成值"), max_digits=24, decimal_places=4, null=True, blank=True)
    done = models.BooleanField(_("已完成"), default=False, help_text=_("里程碑是否已达成"))
    node = models.CharField(_("已达节点"), max_length=200, blank=True)
    items_done = models.JSONField(_("已完成清单项"), default=list, blank=True)

    class Meta:
        verbose_name = _("填报数值")
        verbose_name_plural = pgettext_lazy("plural", "填报数值")
        ordering = ["version", "indicator__position"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value if self.value is not None else self.node}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    return random_upload_name("evidence", filename)


class Evidence(models.Model):
    """A file attached to a report (佐证材料). Type checked by content, size-limited, stored under a random
    name, served only through a permission-checked view. Once part of a submitted version it is kept."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("报告")
    )
    file = models.FileField(_("文件"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("上传人")
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    withdrawn = models.BooleanField(_("已从草稿移除"), default=False)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = pgettext_lazy("plural", "佐证材料")
        ordering = ["report", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def previewable(self) -> bool:
        """Shown in place (PDF, images) rather than only downloaded (``lib.serve``)."""
        return self.content_type in PREVIEWABLE

    @property
    def is_image(self) -> bool:
        return self.previewable and self.content_type.startswith("image/")


class Contribution(TimeStampedModel):
    """A cooperating unit's note on what it contributed to a task in a period (配合部门的工作情况)."""

    task = models.ForeignKey(
        "plans.Task", on_delete=models.PROTECT, related_name="contributions", verbose_name=_("任务")
    )
    period = models.DateField(_("报告期"))
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("配合单位"))
    text = models.TextField(_("配合工作情况"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("填写人")
    )

    class Meta:
        verbose_name = _("配合情况")
        verbose_name_plural = pgettext_lazy("plural", "配合情况")
        ordering = ["task", "-period", "created_at"]

    def __str__(self) -> str:
        return f"{self.unit} · {period_label(self.period)}"


class RequestState(models.TextChoices):
    OPEN = "open", _("待交办")
    ASSIGNED = "assigned", _("已交办")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")


class CoordinationRequest(TimeStampedModel):
    """A problem or decision a unit raises to the district government (协调事项): what, what it needs,
    from whom, by when; 区政府办公室 assigns it, answers it and closes it."""

    task = models.ForeignKey(
        "plans.Task", on_delete=models.PROTECT, related_name="coordination_requests", verbose_name=_("任务")
    )
    raised_by_unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="raised_requests", verbose_name=_("提出单位")
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("提出人")
    )
    subject = models.CharField(_("事项"), max_length=200)
    needed = models.TextField(_("需要协调解决的问题"))
    needed_from = models.CharField(_("需要谁支持"), max_length=200, blank=True)
    due = models.DateField(_("希望解决时间"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=RequestState.choices, default=RequestState.OPEN)
    assigned_to = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_requests",
        verbose_name=_("承办单位"),
    )
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("协调事项")
        verbose_name_plural = pgettext_lazy("plural", "协调事项")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject

    def age_days(self, today=None) -> int:
        """Days since it was raised (to ``today``, default now)."""
        return ((today or timezone.localdate()) - timezone.localtime(self.created_at).date()).days


class RequestAction(models.TextChoices):
    RAISE = "raise", _("提出")
    ASSIGN = "assign", _("交办")
    ANSWER = "answer", _("答复")
    CLOSE = "close", _("办结")


class RequestStep(models.Model):
    """One step of a coordination request: raised, assigned (to which unit, with the office's instruction),
    answered (by the office or the assigned unit), closed — who and when. The history is never rewritten."""

    request = models.ForeignKey(
        CoordinationRequest, on_delete=models.PROTECT, related_name="steps", verbose_name=_("协调事项")
    )
    action = models.CharField(_("环节"), max_length=10, choices=RequestAction.choices)
    note = models.TextField(_("意见或答复"), blank=True)
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("承办单位")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("办理人")
    )
    actor_unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("办理单位")
    )
    at = models.DateTimeField(_("办理时间"), default=timezone.now)

    class Meta:
        verbose_name = _("协调事项办理环节")
        verbose_name_plural = pgettext_lazy("plural", "协调事项办理环节")
        ordering = ["request", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.request} · {self.get_action_display()}"


class ReportCorrection(TimeStampedModel):
    """A correction of a verified month (更正): the reporting unit's head reopens the report with a reason; the unit
    submits a new version, which is verified again. The verified version it corrects stays as it was, and counts
    until the new one is verified (``verified_at``)."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("报告")
    )
    corrects = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("被更正的版本")
    )
    reason = models.TextField(_("更正理由"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("申请人")
    )
    verified_version = models.ForeignKey(
        ReportVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("核定的更正版本"),
    )
    verified_at = models.DateTimeField(_("更正核定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报告更正")
        verbose_name_plural = pgettext_lazy("plural", "报告更正")
        ordering = ["report", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"], condition=models.Q(verified_at__isnull=True), name="report_one_open_correction"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} · 更正第{self.corrects.number}版"

    @property
    def reason_clause(self) -> str:
        """The reason without its closing full stop, to stand inside a sentence (no "。。")."""
        return self.reason.strip().rstrip("。.")
