"""Users: each belongs to one unit and holds one role (the roles of the seed notice)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    """The product's roles, after the duties the seed notice assigns (its first paragraph)."""

    REPORTER = "reporter", _("填报员")
    UNIT_HEAD = "unit_head", _("单位负责人")
    STATS_REVIEWER = "stats_reviewer", _("统计审核员（区统计局）")
    CONSTRUCTION_REVIEWER = "construction_reviewer", _("工程评估员（区发改经信局）")
    SUPERVISOR = "supervisor", _("督查员（区政府办公室）")
    INSPECTOR = "inspector", _("监督员（区纪委区监委）")
    EVALUATOR = "evaluator", _("考评员（区委办公室）")
    AUDITOR = "auditor", _("审计员")
    ADMIN = "admin", _("系统管理员")


class User(AbstractUser):
    """A person who signs in. ``unit`` scopes what they see and write; ``role`` what they may do."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name=_("单位")
    )
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices, default=Role.REPORTER)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = pgettext_lazy("plural", "用户")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        """A Chinese name: family name first, no space (张 + 填报 → 张填报)."""
        return f"{self.last_name}{self.first_name}".strip()
