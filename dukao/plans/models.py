"""Plans (目标任务分解表), their tasks (目标任务), the units on each task, and indicators (指标)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dukao.lib.models import TimeStampedModel


class PlanKind(models.TextChoices):
    WORK_REPORT = "work_report", _("政府工作报告")
    LIVELIHOOD = "livelihood", _("民生实事")
    OTHER = "other", _("其他")


class LeadRule(models.TextChoices):
    """Who leads when a document does not say (docs/import.md, "Lead rules")."""

    EXPLICIT = "explicit", _("表格列明牵头部门")
    FIRST_LISTED = "first_listed", _("责任单位中排名第一的单位牵头")
    ALL_JOINTLY = "all_jointly", _("所列责任单位共同负责")


class MissingRows(models.TextChoices):
    """What a re-import does with a stored row the new document no longer lists while records hang on it
    (a row nothing hangs on is deleted either way)."""

    WITHDRAW = "withdraw", _("保留并标记为已撤销")
    REFUSE = "refuse", _("拒绝整个导入")


class Plan(TimeStampedModel):
    """One issued decomposition table (annex 1 or annex 2 of the seed), with the notice that issued it.

    Identified by (issuer, year, title): importing the same table again updates this plan, never a copy.
    ``target_types`` is the legend as data, ``{"A": "责任目标", "B": "激励目标", "C": "争先创优目标"}``.
    """

    title = models.CharField(_("标题"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类别"), max_length=20, choices=PlanKind.choices)
    issuer = models.CharField(_("发文机关"), max_length=100, blank=True)
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    recipients = models.CharField(_("主送机关"), max_length=200, blank=True)
    notice_body = models.TextField(_("通知正文"), blank=True)
    disclosure = models.CharField(_("公开属性"), max_length=50, blank=True, help_text=_("如“此件可公开发布”"))
    annex_no = models.PositiveSmallIntegerField(_("附件序号"), null=True, blank=True)
    target_types = models.JSONField(_("目标类型说明"), default=dict, blank=True)
    lead_rule = models.CharField(_("牵头规则"), max_length=20, choices=LeadRule.choices, default=LeadRule.EXPLICIT)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    source_sha256 = models.CharField(_("来源文件 SHA-256"), max_length=64, blank=True)
    content_sha256 = models.CharField(_("内容指纹"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("目标任务分解表")
        verbose_name_plural = pgettext_lazy("plural", "目标任务分解表")
        ordering = ["-year", "annex_no", "title"]
        constraints = [models.UniqueConstraint(fields=["issuer", "year", "title"], name="plan_unique_per_issuer")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """The notice says it may be published ("此件可公开发布")."""
        return "公开发布" in self.disclosure and "不" not in self.disclosure


class UnitRole(models.TextChoices):
    LEAD = "lead", _("牵头部门")
    COOPERATING = "cooperating", _("配合部门")
    RESPONSIBLE = "responsible", _("责任单位")  # co-responsible: named in a 责任单位 list beside the 牵头 list


class TaskQuerySet(models.QuerySet):
    def in_force(self) -> "TaskQuerySet":
        """Tasks of the plans' current versions: without the ones a re-import marked 已撤销."""
        return self.filter(withdrawn_at__isnull=True)


class Task(TimeStampedModel):
    """One numbered row of a plan. ``requirement`` is the 指标要求 verbatim; ``target_type`` a legend code.

    A row that a re-import no longer lists while reports, statuses, cases or other records hang on it is kept,
    marked 已撤销 (``withdrawn_at``/``withdrawn_by``); importing a version that lists it again restores it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("分解表"))
    position = models.PositiveIntegerField(_("排列顺序"))
    seq = models.CharField(_("序号"), max_length=20)
    name = models.CharField(_("任务名称"), max_length=300)
    requirement = models.TextField(_("指标要求"), blank=True)
    target_type = models.CharField(_("目标类型"), max_length=10, blank=True)
    leaders = models.JSONField(
        _("责任领导（文件原文）"), default=list, blank=True, help_text=_("文件“责任领导”列所列姓名，原样保留")
    )
    responsible_cadres = models.ManyToManyField(
        "units.Cadre", blank=True, related_name="responsible_tasks", verbose_name=_("责任领导")
    )
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    deadline_text = models.CharField(_("完成时限（原文）"), max_length=100, blank=True)
    remarks = models.TextField(_("备注"), blank=True)
    source_row = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    same_work = models.ManyToManyField(
        "self", blank=True, verbose_name=_("同一工作"), help_text=_("其他分解表中描述同一项工作的任务")
    )
    withdrawn_at = models.DateTimeField(
        _("撤销时间"), null=True, blank=True, help_text=_("重新导入的新版分解表不再列出该任务，已有记录全部保留。")
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("撤销人"),
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("目标任务")
        verbose_name_plural = pgettext_lazy("plural", "目标任务")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "seq"], name="task_unique_seq_per_plan")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.name}"

    @property
    def is_withdrawn(self) -> bool:
        """已撤销: the plan's current version no longer lists this row (its records are kept)."""
        return self.withdrawn_at is not None

    @property
    def lead_links(self) -> list["TaskUnit"]:
        """The lead units and groups in document order (reads prefetched ``unit_links``)."""
        return [link for link in self.unit_links.all() if link.role == UnitRole.LEAD]

    @property
    def cooperating_links(self) -> list["TaskUnit"]:
        """The cooperating units and groups in document order (reads prefetched ``unit_links``)."""
        return [link for link in self.unit_links.all() if link.role == UnitRole.COOPERATING]

    @property
    def responsible_links(self) -> list["TaskUnit"]:
        """The co-responsible units and groups (a 责任单位 list beside the 牵头 list), in document order."""
        return [link for link in self.unit_links.all() if link.role == UnitRole.RESPONSIBLE]

    @property
    def unmatched_leaders(self) -> list[str]:
        """The names the document gave as 责任领导 that no assigned cadre bears (reads prefetched
        ``responsible_cadres``): kept as text until a cadre of that name is registered."""
        assigned = {cadre.name for cadre in self.responsible_cadres.all()}
        return [name for name in self.leaders if name not in assigned]

    @property
    def leader_names(self) -> list[str]:
        """The 责任领导 as a list shows them: the assigned cadres, then the names no cadre bears yet (reads
        prefetched ``responsible_cadres``)."""
        return [cadre.name for cadre in self.responsible_cadres.all()] + self.unmatched_leaders

    @property
    def target_type_label(self) -> str:
        """ "A类（责任目标）" from the plan's legend, or "" when the plan has no types."""
        if not self.target_type:
            return ""
        label = self.plan.target_types.get(self.target_type, "")
        return f"{self.target_type}类（{label}）" if label else f"{self.target_type}类"


class TaskUnit(models.Model):
    """A unit or a unit group named on a task, as lead, co-responsible or cooperating, in the order the document
    lists it.

    Exactly one of ``unit`` and ``group`` is set: a group (各街道办事处) stays one entry, expanded on reading.
    ``written_as`` keeps the spelling of the document when an alias was applied.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="unit_links", verbose_name=_("任务"))
    role = models.CharField(_("角色"), max_length=12, choices=UnitRole.choices)
    position = models.PositiveSmallIntegerField(_("排列顺序"))
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="task_links", verbose_name=_("单位")
    )
    group = models.ForeignKey(
        "units.UnitGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="task_links",
        verbose_name=_("单位组"),
    )
    written_as = models.CharField(_("原文写法"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("任务单位")
        verbose_name_plural = pgettext_lazy("plural", "任务单位")
        ordering = ["task", "role", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False, group__isnull=True)
                | models.Q(unit__isnull=True, group__isnull=False),
                name="task_unit_is_unit_or_group",
            )
        ]

    def __str__(self) -> str:
        return str(self.unit or self.group)

    @property
    def name(self) -> str:
        return (self.unit or self.group).name


class IndicatorKind(models.TextChoices):
    GROWTH = "growth", _("增长率")
    DECLINE = "decline", _("下降率")
    QUANTITY = "quantity", _("数量")
    MONEY = "money", _("金额")
    RATIO = "ratio", _("比率")
    DURATION = "duration", _("时长")
    ZERO_EVENT = "zero_event", _("零发生")
    MILESTONE = "milestone", _("里程碑")
    CHECKLIST = "checklist", _("清单")


class Comparator(models.TextChoices):
    GE = ">=", "≥"
    LE = "<=", "≤"
    EQ = "=", "="


class Indicator(TimeStampedModel):
    """One measurable target of a task, parsed from its requirement (or name) by ``plans.parsing.indicators``.

    ``target``/``stretch`` are in ``unit`` as written (130 亿元); ``normalized_target`` in ``normalized_unit``
    (13000000000 元). ``text``/``start`` locate the source span in the requirement or the name (``source``).
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("任务"))
    position = models.PositiveSmallIntegerField(_("排列顺序"))
    kind = models.CharField(_("类型"), max_length=12, choices=IndicatorKind.choices)
    comparator = models.CharField(_("比较"), max_length=2, choices=Comparator.choices, default=Comparator.GE)
    target = models.DecimalField(_("目标值"), max_digits=24, decimal_places=4, null=True, blank=True)
    stretch = models.DecimalField(_("力争值"), max_digits=24, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("计量单位"), max_length=20, blank=True)
    normalized_unit = models.CharField(_("标准单位"), max_length=20, blank=True)
    normalized_target = models.DecimalField(_("标准目标值"), max_digits=24, decimal_places=4, null=True, blank=True)
    normalized_stretch = models.DecimalField(_("标准力争值"), max_digits=24, decimal_places=4, null=True, blank=True)
    subject = models.CharField(_("指标对象"), max_length=200, blank=True)
    verb = models.CharField(_("动作"), max_length=20, blank=True)
    items = models.JSONField(_("清单项"), default=list, blank=True)
    assigned_by_city = models.BooleanField(_("市下达指标"), default=False)
    approximate = models.BooleanField(_("约数"), default=False)
    scope = models.CharField(_("口径"), max_length=12, blank=True, help_text=_("cumulative 累计 / increment 新增"))
    text = models.TextField(_("原文"), blank=True)
    start = models.PositiveIntegerField(_("原文位置"), default=0)
    source = models.CharField(_("来源"), max_length=12, default="requirement")
    needs_confirmation = models.BooleanField(_("待人工确认"), default=False)
    verifier = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verified_indicators",
        verbose_name=_("核定单位"),
        help_text=_("审核该指标填报数据的单位：经济类数据为区统计局，建设工程进度为区发改经信局，其余为区政府办公室。"),
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("人工修正人"),
    )
    corrected_at = models.DateTimeField(
        _("人工修正时间"), null=True, blank=True, help_text=_("人工修正或确认过的指标在重新导入时保留。")
    )

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = pgettext_lazy("plural", "指标")
        ordering = ["task", "position"]

    def __str__(self) -> str:
        return self.text


class VerifierRule(TimeStampedModel):
    """Which unit verifies an indicator: the first active rule (lowest ``priority``) any of whose keywords
    occurs in the indicator's text (or the task name, with ``match_name``) routes it there. Seed notice:
    区统计局 verifies economic figures, 区发改经信局 construction progress; the rest goes to 区政府办公室."""

    priority = models.PositiveSmallIntegerField(_("优先级"), default=10, help_text=_("数字小的先匹配"))
    verifier = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("核定单位"))
    keywords = models.TextField(_("关键词"), help_text=_("用顿号或换行分隔；留空表示兜底规则"), blank=True)
    match_name = models.BooleanField(
        _("同时匹配任务名称"), default=True, help_text=_("不勾选时只在指标原文中查找关键词")
    )
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("核定路由规则")
        verbose_name_plural = pgettext_lazy("plural", "核定路由规则")
        ordering = ["priority", "pk"]

    def __str__(self) -> str:
        return f"{self.priority}. {self.verifier}"
