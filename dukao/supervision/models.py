"""Status per task and period, bulletins (督察通报), supervision cases (督办/问责), reminders."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dukao.lib.models import Immutable, TimeStampedModel, random_upload_name
from dukao.lib.periods import period_label
from dukao.supervision.rules import STATUS_LABELS, Status
from dukao.supervision.warning_rules import LIGHT_LABELS, Light


class TaskStatusChoice(models.TextChoices):
    """The statuses as choices; the labels are marked for translation in rules.py (gettext_noop)."""

    COMPLETED = Status.COMPLETED, _(STATUS_LABELS[Status.COMPLETED])
    AHEAD = Status.AHEAD, _(STATUS_LABELS[Status.AHEAD])
    ON_TRACK = Status.ON_TRACK, _(STATUS_LABELS[Status.ON_TRACK])
    BEHIND = Status.BEHIND, _(STATUS_LABELS[Status.BEHIND])
    SERIOUSLY_BEHIND = Status.SERIOUSLY_BEHIND, _(STATUS_LABELS[Status.SERIOUSLY_BEHIND])
    AWAITING = Status.AWAITING, _(STATUS_LABELS[Status.AWAITING])
    YEAR_END = Status.YEAR_END, _(STATUS_LABELS[Status.YEAR_END])
    NOT_REPORTED = Status.NOT_REPORTED, _(STATUS_LABELS[Status.NOT_REPORTED])
    NOT_STARTED = Status.NOT_STARTED, _(STATUS_LABELS[Status.NOT_STARTED])


class ComputationTrigger(models.TextChoices):
    """What computed statuses: the whole period (the worker on schedule, 区政府办公室 by hand, the command line, a
    bulletin draft), or the tasks an event touched (the action names of ``plans.signals.task_facts_changed``)."""

    SCHEDULE = "schedule", _("定时计算")
    MANUAL = "manual", _("手工重算")
    COMMAND = "command", _("命令行计算")
    BULLETIN = "bulletin", _("生成通报草稿")
    SIGN_OFF = "report.submit", _("签发提交")
    VERIFY = "review.verify", _("核定")
    RETURN = "review.return", _("退回")
    SCHEDULE_APPROVE = "schedule.approve", _("进度计划审批")
    INDICATOR_CORRECT = "indicator.correct", _("指标修正")


#: The triggers that compute every task of the period (the others, the tasks an event touched).
WHOLE_PERIOD = (
    ComputationTrigger.SCHEDULE,
    ComputationTrigger.MANUAL,
    ComputationTrigger.COMMAND,
    ComputationTrigger.BULLETIN,
)


class CurrentStatuses(models.Manager):
    """The statuses in force: each task's current version for each period (what every page and document reads)."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(current=True)


class TaskStatus(models.Model):
    """One version of a task's status for one period. A new verdict is a new row (``version`` n+1, ``current``),
    and the row it replaces keeps its verdict, marked superseded: a bulletin or an assessment that counted it can
    always show it as it was. Recomputing a period writes a version only where the verdict changed; earlier periods
    keep theirs (a task red in March and caught up in April shows March red, April recovered).
    ``TaskStatus.objects`` reads the current versions, ``TaskStatus.versions`` every version."""

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="statuses", verbose_name=_("任务"))
    period = models.DateField(_("报告期"))
    version = models.PositiveIntegerField(_("版本号"), default=1)
    current = models.BooleanField(_("现行版本"), default=True)
    status = models.CharField(_("状态"), max_length=20, choices=TaskStatusChoice.choices)
    expected = models.DecimalField(_("计划进度（%）"), max_digits=12, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("核定进度（%）"), max_digits=12, decimal_places=2, null=True, blank=True)
    gap = models.DecimalField(_("偏差（百分点）"), max_digits=12, decimal_places=2, null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=300)
    recovered = models.BooleanField(_("已追赶"), default=False)
    reported_on_time = models.BooleanField(_("按时报送"), default=False)
    computed_at = models.DateTimeField(_("计算时间"))  # when this verdict was written
    superseded_at = models.DateTimeField(_("被取代时间"), null=True, blank=True)
    trigger = models.CharField(_("触发方式"), max_length=30, choices=ComputationTrigger.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )

    versions = models.Manager()
    objects = CurrentStatuses()

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("任务状态")
        verbose_name_plural = pgettext_lazy("plural", "任务状态")
        ordering = ["task", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["task", "period", "version"], name="task_status_version_once"),
            models.UniqueConstraint(
                fields=["task", "period"], condition=models.Q(current=True), name="task_status_one_current"
            ),
        ]
        indexes = [
            models.Index(fields=["period", "status"], condition=models.Q(current=True), name="task_status_period")
        ]

    def __str__(self) -> str:
        return f"{self.task} · {period_label(self.period)} · {self.get_status_display()}"


class StatusComputation(models.Model):
    """One computation of a period's statuses: when, by what (and whom), how many tasks it judged and how many
    verdicts changed. Pages that show statuses say when they were computed from these rows."""

    period = models.DateField(_("报告期"))
    computed_at = models.DateTimeField(_("计算时间"), default=timezone.now)
    trigger = models.CharField(_("触发方式"), max_length=30, choices=ComputationTrigger.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    tasks = models.PositiveIntegerField(_("计算任务数"))
    changed = models.PositiveIntegerField(_("状态变化数"))

    class Meta:
        verbose_name = _("状态计算记录")
        verbose_name_plural = pgettext_lazy("plural", "状态计算记录")
        ordering = ["-computed_at"]
        indexes = [models.Index(fields=["period", "-computed_at"], name="status_computation_period")]

    def __str__(self) -> str:
        return f"{period_label(self.period)} · {self.get_trigger_display()} · {self.computed_at:%Y-%m-%d %H:%M}"

    @property
    def whole_period(self) -> bool:
        return self.trigger in WHOLE_PERIOD


class BulletinState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已印发")


def issued_document(*, drafts: bool) -> type[models.Model]:
    """The abstract base of an official document issued in the GB/T 9704-2012 frame (a bulletin, a case document,
    the year-end report): its 发文字号 and what it is made of (issuer, year and serial, unique per model), title,
    frozen snapshot, the issued .docx and PDF with their SHA-256, who issued it and when
    (``issuing.document_issue`` writes them all). ``drafts``: the model keeps drafts too, whose number, files and
    signature stay empty until issuing."""
    empty = {"null": True, "blank": True} if drafts else {}

    class IssuedDocument(models.Model):
        document_number = models.CharField(_("发文字号"), max_length=50)
        issuer = models.CharField(_("发文机关"), max_length=200, blank=drafts)
        issued_year = models.PositiveSmallIntegerField(_("发文年度"), **empty)
        serial = models.PositiveIntegerField(_("发文序号"), **empty)
        title = models.CharField(_("标题"), max_length=200)
        snapshot = models.JSONField(_("内容快照"), default=dict)
        docx_file = models.BinaryField(_("印发的 Word 文件"), editable=False, **empty)
        pdf_file = models.BinaryField(_("印发的 PDF 文件"), editable=False, **empty)
        docx_sha256 = models.CharField(_("Word 文件 SHA-256"), max_length=64, blank=drafts)
        pdf_sha256 = models.CharField(_("PDF 文件 SHA-256"), max_length=64, blank=drafts)
        issued_by = models.ForeignKey(
            settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("印发人"), **empty
        )
        issued_at = models.DateTimeField(_("印发时间"), **(empty or {"default": timezone.now}))

        class Meta:
            abstract = True

        def __str__(self) -> str:
            return f"{self.document_number} {self.title}"

        def kept(self, fmt: str) -> bytes | None:
            """The issued ``docx`` or ``pdf`` file as kept; None for a draft's or another format."""
            kept = {"docx": self.docx_file, "pdf": self.pdf_file}.get(fmt)
            return None if kept is None else bytes(kept)

    return IssuedDocument


#: An official document issued at once (case documents, the year-end report).
IssuedDocument = issued_document(drafts=False)


class Bulletin(TimeStampedModel, issued_document(drafts=True)):
    """A progress bulletin for a period. A draft is regenerated from current data; issuing freezes the
    snapshot and keeps the issued .docx and PDF themselves (the very files signed off), which are served from
    then on; on the same software they also re-render byte for byte from the snapshot. An issued bulletin appears
    on the public portal only once 区政府办公室 publishes it (``published_at``), and leaves it when unpublished."""

    period = models.DateField(_("报告期"))
    quarterly = models.BooleanField(_("季度通报"), default=False)
    state = models.CharField(_("状态"), max_length=10, choices=BulletinState.choices, default=BulletinState.DRAFT)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("公开发布人"),
    )
    published_at = models.DateTimeField(_("公开发布时间"), null=True, blank=True)  # None: not on the public portal

    class Meta:
        verbose_name = _("督察通报")
        verbose_name_plural = pgettext_lazy("plural", "督察通报")
        ordering = ["-period", "-created_at"]
        constraints = [  # drafts have no number (NULLs never collide)
            models.UniqueConstraint(fields=["issuer", "issued_year", "serial"], name="bulletin_number_once_per_year")
        ]

    def __str__(self) -> str:
        return self.title


class RenderState(models.TextChoices):
    QUEUED = "queued", _("生成中")
    DONE = "done", _("已生成")
    FAILED = "failed", _("生成失败")


class BulletinRender(models.Model):
    """A draft bulletin's Word or PDF file, rendered by the task worker for the person who asked: a render
    takes seconds of CPU, which a web request does not spend (docs/deploy.md). The file is kept here and served
    to that person only; one per person and file (a new request replaces the earlier one)."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="renders", verbose_name=_("通报"))
    fmt = models.CharField(_("格式"), max_length=4)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("申请人")
    )
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    state = models.CharField(_("状态"), max_length=10, choices=RenderState.choices, default=RenderState.QUEUED)
    content = models.BinaryField(_("文件"), null=True, blank=True, editable=False)
    error = models.TextField(_("错误"), blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通报文件生成")
        verbose_name_plural = pgettext_lazy("plural", "通报文件生成")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.bulletin} ({self.fmt})"

    @property
    def stale(self) -> bool:
        """Queued longer than ``DUKAO_RENDER_EXPIRY_MINUTES``: no worker took it (超时); it may be queued again."""
        expiry = timedelta(minutes=settings.DUKAO_RENDER_EXPIRY_MINUTES)
        return self.state == RenderState.QUEUED and self.requested_at < timezone.now() - expiry


class CaseState(models.TextChoices):
    OPEN = "open", _("督办中")
    CLOSED = "closed", _("已销号")


class CaseStepKind(models.TextChoices):
    """The accountability chain seen in practice (docs/supervision.md, "Supervision cases")."""

    REMINDER = "reminder", _("提醒")
    TALK = "talk", _("约谈")
    ORDER = "order", _("督办单")
    RECTIFICATION = "rectification", _("整改报告")
    ACCOUNTABILITY = "accountability", _("问责决定")
    CLOSE = "close", _("销号")


class SupervisionCase(TimeStampedModel):
    """A supervision case opened by 区纪委(区监委) on a unit with seriously lagging tasks. ``facts`` are frozen
    at opening (the statuses and reasons that justified it)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="cases", verbose_name=_("被督办单位"))
    tasks = models.ManyToManyField("plans.Task", related_name="cases", verbose_name=_("涉及任务"))
    trigger = models.CharField(_("触发规则"), max_length=200)
    facts = models.JSONField(_("立案时的事实"), default=dict)
    state = models.CharField(_("状态"), max_length=10, choices=CaseState.choices, default=CaseState.OPEN)
    rectify_by = models.DateField(_("整改期限"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("立案人")
    )
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("督办案件")
        verbose_name_plural = pgettext_lazy("plural", "督办案件")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.trigger}"


def case_file_path(instance: "CaseStep", filename: str) -> str:
    return random_upload_name("cases", filename)


class CaseStep(models.Model):
    """One step of a case (提醒函, 约谈, 督办单, 整改报告, 问责决定, 销号): the day it happened (a 约谈 is recorded
    after it took place), an optional file (the 督办单 sent, the unit's 整改报告; type checked by content like
    report evidence), who recorded it and when. A 销号 without a 整改报告 on the case carries the written reason."""

    case = models.ForeignKey(SupervisionCase, on_delete=models.PROTECT, related_name="steps", verbose_name=_("案件"))
    kind = models.CharField(_("环节"), max_length=20, choices=CaseStepKind.choices)
    note = models.TextField(_("内容"))
    happened_on = models.DateField(_("发生日期"), default=timezone.localdate)
    reason = models.TextField(_("未附整改报告的销号理由"), blank=True)
    file = models.FileField(_("附件"), upload_to=case_file_path, max_length=200, blank=True)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    content_type = models.CharField(_("文件类型"), max_length=100, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("记录人")
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("督办环节")
        verbose_name_plural = pgettext_lazy("plural", "督办环节")
        ordering = ["case", "happened_on", "recorded_at"]
        constraints = [  # the fixed list of kinds, held by the database too (a raw INSERT or a bulk write)
            models.CheckConstraint(condition=models.Q(kind__in=CaseStepKind.values), name="case_step_kind_known")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


#: The steps a case document is issued for, and what the document is called (提示函, 约谈通知, 督办单).
LETTER_KINDS = {
    CaseStepKind.REMINDER: _("提示函"),
    CaseStepKind.TALK: _("约谈通知"),
    CaseStepKind.ORDER: _("督办单"),
}


class CaseDocument(Immutable, IssuedDocument):
    """An official document 区纪委(区监委) issues on a case — a 提示函 (提醒), a 约谈通知 (约谈) or a 督办单 — built
    from the case's frozen facts, numbered per issuer and year like a bulletin (``case_document_number_once_per_
    year``), its snapshot and the issued .docx and PDF kept as issued: written once, never changed. Issuing it
    records the case step it belongs to."""

    case = models.ForeignKey(
        SupervisionCase, on_delete=models.PROTECT, related_name="documents", verbose_name=_("案件")
    )
    step = models.OneToOneField(CaseStep, on_delete=models.PROTECT, related_name="document", verbose_name=_("办理环节"))
    kind = models.CharField(_("文书类型"), max_length=20, choices=CaseStepKind.choices)

    class Meta:
        verbose_name = _("督办文书")
        verbose_name_plural = pgettext_lazy("plural", "督办文书")
        ordering = ["case", "issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "issued_year", "serial"], name="case_document_number_once_per_year"
            ),
            models.CheckConstraint(condition=models.Q(kind__in=list(LETTER_KINDS)), name="case_document_kind_known"),
        ]


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("报送提醒")
    OVERDUE = "overdue", _("逾期通知")


class Reminder(models.Model):
    """A reminder sent to a unit about a task's report for a period, on one channel. Unique, so a rerun of
    the sender never sends twice."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="reminders", verbose_name=_("单位"))
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="+", verbose_name=_("任务"))
    period = models.DateField(_("报告期"))
    kind = models.CharField(_("类型"), max_length=10, choices=ReminderKind.choices)
    channel = models.CharField(_("渠道"), max_length=10)
    message = models.TextField(_("内容"))
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    outcome = models.CharField(_("发送结果"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("催报提醒")
        verbose_name_plural = pgettext_lazy("plural", "催报提醒")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "task", "period", "kind", "channel"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return self.message[:50]


class TemplatePurpose(models.TextChoices):
    """Which documents a template frames: 区政府办公室's bulletins and year-end report, 区纪委(区监委)'s case
    documents (提示函, 约谈通知, 督办单). Each has its own 代字, so their document numbers never meet."""

    BULLETIN = "bulletin", _("督察通报")
    CASE = "case", _("督办文书")
    REPORT = "report", _("年度完成情况报告")


class BulletinTemplate(models.Model):
    """What the office prints around a document's text (GB/T 9704-2012 §7.2, §7.4): the red 发文机关标志 of the
    版头, the 代字 of its document numbers, the 签发人, the default 主送 and 抄送 lists and the 印发机关. Data the
    system administrator edits in the admin site; the one marked in use for a purpose is copied into each
    document's snapshot (a bulletin's when it is drafted and again when it is issued), so an issued document keeps
    the words it was issued with."""

    purpose = models.CharField(
        _("用途"), max_length=10, choices=TemplatePurpose.choices, default=TemplatePurpose.BULLETIN
    )
    name = models.CharField(_("模板名称"), max_length=100, unique=True)
    masthead = models.CharField(
        _("发文机关标志"),
        max_length=40,
        help_text=_("版头的红色标志，如“杭州市上城区人民政府办公室文件”或“督查通报”。"),
    )
    masthead_issue = models.BooleanField(_("标志下标注期号"), default=False, help_text=_("如“第6期”，简报式通报用。"))
    issuer = models.CharField(_("发文机关署名"), max_length=200)
    code = models.CharField(_("发文机关代字"), max_length=20, help_text=_("发文字号的代字，如“上政办督”。"))
    signer = models.CharField(_("签发人"), max_length=20, blank=True, help_text=_("留空则不标注签发人。"))
    recipients = models.CharField(_("主送机关"), max_length=300)
    copy_to = models.CharField(_("抄送机关"), max_length=300, blank=True)
    printer = models.CharField(_("印发机关"), max_length=200)
    in_use = models.BooleanField(_("当前使用"), default=False)

    class Meta:
        verbose_name = _("通报版式模板")
        verbose_name_plural = pgettext_lazy("plural", "通报版式模板")
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "in_use"], condition=models.Q(in_use=True), name="one_template_in_use_per_purpose"
            )
        ]

    def __str__(self) -> str:
        return self.name


class WarningLight(models.TextChoices):
    """The early-warning lights; the labels are marked for translation in warning_rules.py (gettext_noop)."""

    RED = Light.RED, _(LIGHT_LABELS[Light.RED])
    YELLOW = Light.YELLOW, _(LIGHT_LABELS[Light.YELLOW])
    GREEN = Light.GREEN, _(LIGHT_LABELS[Light.GREEN])


class TaskWarning(models.Model):
    """A task's early-warning light (``warning_rules``) as of ``as_of``, with its reason and the node that decided
    it; ``since`` is the day the light last changed and ``notified`` whether that change was told (the unit of a
    yellow light, the head and 分管领导 of a red one): once per change, never again for the same light."""

    task = models.OneToOneField("plans.Task", on_delete=models.CASCADE, related_name="warning", verbose_name=_("任务"))
    light = models.CharField(_("预警"), max_length=10, choices=WarningLight.choices)
    reason = models.CharField(_("预警原因"), max_length=300)
    due = models.DateField(_("节点日期"), null=True, blank=True)
    as_of = models.DateField(_("预警日期"))
    since = models.DateField(_("亮灯日期"))
    notified = models.BooleanField(_("已通知"), default=False)

    class Meta:
        verbose_name = _("任务预警")
        verbose_name_plural = pgettext_lazy("plural", "任务预警")
        indexes = [models.Index(fields=["light"], name="task_warning_light")]

    def __str__(self) -> str:
        return f"{self.task} · {self.get_light_display()}"


class Urge(models.Model):
    """A 催办 区政府办公室 sent a unit about its tasks (chosen on the 督查台账, or every task of the unit listed
    there): the unit sees it on its 工作台, its people are told, and the year-end assessment may count it."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="urges", verbose_name=_("被催办单位"))
    tasks = models.ManyToManyField("plans.Task", related_name="urges", verbose_name=_("催办任务"))
    year = models.PositiveSmallIntegerField(_("年度"))
    message = models.TextField(_("催办内容"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("催办人")
    )
    sent_at = models.DateTimeField(_("催办时间"), default=timezone.now)

    class Meta:
        verbose_name = _("催办")
        verbose_name_plural = pgettext_lazy("plural", "催办")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["unit", "year"], name="urge_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.sent_at:%Y-%m-%d}"
