"""Organisational units (单位), their aliases, unit groups (各街道办事处 …) and leading cadres (领导干部)."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dukao.lib.models import TimeStampedModel


class UnitKind(models.TextChoices):
    """The kinds of unit a district's documents name (seed: annex 1 lead and cooperating columns)."""

    PARTY = "party", _("区委部门")
    DISCIPLINE = "discipline", _("纪检监察")
    GOVERNMENT = "government", _("区政府部门")
    STREET = "street", _("街道")
    HEADQUARTERS = "headquarters", _("指挥部")
    STATE_COMPANY = "state_company", _("国企")
    VERTICAL = "vertical", _("垂直管理")
    ZONE = "zone", _("管委会")
    MASS_ORGANISATION = "mass_organisation", _("群团")
    JUDICIAL = "judicial", _("司法")
    OTHER = "other", _("其他")


class Unit(TimeStampedModel):
    """An organisational unit that leads or cooperates on tasks (区发改经信局, 湖滨街道办事处 …)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=UnitKind.choices, default=UnitKind.OTHER)
    active = models.BooleanField(_("启用"), default=True)
    webhook_url = models.URLField(
        _("消息机器人地址"), blank=True, help_text=_("可选：浙政钉/钉钉群机器人等 Webhook 地址，用于接收催报提醒")
    )
    needs_review = models.BooleanField(
        _("待确认"), default=False, help_text=_("导入时新出现的单位名称，需人工确认是否为已有单位的别名。")
    )

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = pgettext_lazy("plural", "单位")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class AliasState(models.TextChoices):
    CONFIRMED = "confirmed", _("已确认")
    SUSPECTED = "suspected", _("疑似，待确认")
    REJECTED = "rejected", _("已否决")


class UnitAlias(TimeStampedModel):
    """A spelling of a unit's name seen in documents (区市场监督局 → 区市场监管局).

    Only a confirmed alias resolves a name. A suspected alias records that an imported name is one or
    two characters away from a known unit; a person confirms it (the tasks move to the canonical unit)
    or rejects it (the name stays a unit of its own).
    """

    name = models.CharField(_("别名"), max_length=100, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("单位"))
    state = models.CharField(_("状态"), max_length=10, choices=AliasState.choices, default=AliasState.CONFIRMED)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("单位别名")
        verbose_name_plural = pgettext_lazy("plural", "单位别名")
        ordering = ["unit__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} → {self.unit.name}"


class UnitGroup(TimeStampedModel):
    """A name that stands for several units (各街道办事处 → the six street offices)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    members = models.ManyToManyField(Unit, related_name="unit_groups", verbose_name=_("成员单位"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("单位组")
        verbose_name_plural = pgettext_lazy("plural", "单位组")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CadreRole(models.TextChoices):
    """What a leading cadre answers for: their own unit (主要负责人) or the units they oversee (分管领导)."""

    PRINCIPAL = "principal", _("主要负责人")
    IN_CHARGE = "in_charge", _("分管领导")


class CadreQuerySet(models.QuerySet):
    def in_office(self, on: date) -> "CadreQuerySet":
        """Cadres whose term covers ``on`` (an open start or end counts as covering it)."""
        return self.filter(
            models.Q(term_start__isnull=True) | models.Q(term_start__lte=on),
            models.Q(term_end__isnull=True) | models.Q(term_end__gte=on),
        )


class Cadre(TimeStampedModel):
    """A leading cadre (领导干部): the principal of a unit (区发改经信局局长) or a district leader who oversees
    several units (副区长). ``unit`` is the unit they lead, or the unit they belong to (a 副区长 is recorded
    under 区政府办公室, the registry having no 区人民政府). One row is one term in one post: a cadre who moves
    gets a new row and the old one an end date, so their history stays. Identified by (name, unit, role).
    No telephone or identity numbers here: personal fields wait for encrypted storage."""

    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=100)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cadres", verbose_name=_("所在单位"))
    role = models.CharField(_("角色"), max_length=12, choices=CadreRole.choices)
    units_in_charge = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="cadres_in_charge",
        verbose_name=_("分管单位"),
        help_text=_("分管领导分管的单位；主要负责人对本单位负责，一般不填"),
    )
    term_start = models.DateField(_("任职起始"), null=True, blank=True)
    term_end = models.DateField(_("任职截止"), null=True, blank=True, help_text=_("在任者留空"))

    objects = CadreQuerySet.as_manager()

    class Meta:
        verbose_name = _("领导干部")
        verbose_name_plural = pgettext_lazy("plural", "领导干部")
        ordering = ["role", "unit__name", "name", "-term_start"]
        constraints = [
            models.UniqueConstraint(fields=["name", "unit", "role"], name="cadre_unique_per_unit_and_role"),
            models.CheckConstraint(
                condition=models.Q(term_start__isnull=True)
                | models.Q(term_end__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="cadre_term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.post}）"
