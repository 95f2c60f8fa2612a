"""Reviews (核定): the verifier of each indicator records the verified value of a submitted version, or
returns the report with a reason. Only verified values count for status and scoring."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dukao.lib.models import Immutable


class Decision(models.TextChoices):
    VERIFIED = "verified", _("核定")
    RETURNED = "returned", _("退回")


class Review(Immutable):
    """One verifier's decision on one indicator of a submitted version. ``verified_value`` may differ from
    the reported value (copied into ``reported_value`` when deciding); both are kept and the gap shown. A return
    carries its reason."""

    version = models.ForeignKey(
        "progress.ReportVersion", on_delete=models.PROTECT, related_name="reviews", verbose_name=_("报告版本")
    )
    indicator = models.ForeignKey(
        "plans.Indicator", on_delete=models.PROTECT, related_name="reviews", verbose_name=_("指标")
    )
    decision = models.CharField(_("结论"), max_length=10, choices=Decision.choices)
    reported_value = models.DecimalField(_("填报值"), max_digits=24, decimal_places=4, null=True, blank=True)
    verified_value = models.DecimalField(_("核定值"), max_digits=24, decimal_places=4, null=True, blank=True)
    verified_done = models.BooleanField(_("核定已达成"), default=False)
    reason = models.TextField(_("意见或退回理由"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("核定人")
    )
    reviewer_unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("核定单位")
    )
    created_at = models.DateTimeField(_("核定时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("核定记录")
        verbose_name_plural = pgettext_lazy("plural", "核定记录")
        ordering = ["version", "indicator__position"]
        constraints = [models.UniqueConstraint(fields=["version", "indicator"], name="review_once_per_indicator")]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} {self.indicator}"

    @property
    def gap(self):
        """Verified minus reported value (in the indicator's unit), or None when either is missing."""
        if self.verified_value is None or self.reported_value is None:
            return None
        return self.verified_value - self.reported_value
