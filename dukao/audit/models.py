"""The audit trail: one append-only table of events, written only by services (``audit.services``), each
row chained to the one before by a keyed hash (``audit.chain``), and the head of that chain."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dukao.audit.actions import action_label


class AppendOnlyError(Exception):
    """An event was about to be changed or deleted: the audit trail only grows."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(_("审计日志只能追加，不能修改。"))

    def delete(self):
        raise AppendOnlyError(_("审计日志只能追加，不能删除。"))


class Outcome(models.TextChoices):
    """How an attempt ended (GB/T 22239-2019 8.1.4.3 b: 事件是否成功)."""

    SUCCESS = "success", _("成功")
    FAILURE = "failure", _("失败")
    DENIED = "denied", _("拒绝")


class Event(models.Model):
    """Something a person (or the system) did or attempted: who, in which unit and role, what, to which
    object, with which outcome, the state before and after (JSON), from which address, in which request, when.
    Rows are never updated or deleted through the app (and, on PostgreSQL, the database refuses it too);
    ``chain_seq`` numbers them without gaps and ``chain_hmac`` chains each to the one before."""

    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    actor_name = models.CharField(_("操作人账号"), max_length=150, blank=True)
    unit_name = models.CharField(_("单位"), max_length=100, blank=True)
    role = models.CharField(_("角色"), max_length=30, blank=True)
    action = models.CharField(_("动作"), max_length=60, db_index=True)
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    object_type = models.CharField(_("对象类型"), max_length=60)
    object_id = models.CharField(_("对象ID"), max_length=40)
    summary = models.CharField(_("摘要"), max_length=300, blank=True)
    before = models.JSONField(_("变更前"), null=True, blank=True)
    after = models.JSONField(_("变更后"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    request_id = models.CharField(_("请求ID"), max_length=40, blank=True)
    chain_seq = models.PositiveBigIntegerField(_("链序号"), unique=True, null=True, blank=True)
    chain_hmac = models.CharField(_("链校验值"), max_length=64, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = pgettext_lazy("plural", "审计事件")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="event_object")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(_("审计日志只能追加，不能修改。"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(_("审计日志只能追加，不能删除。"))

    @property
    def action_label(self) -> str:
        """The action's label (``audit.actions``), in the current language."""
        return action_label(self.action)


class ChainHead(models.Model):
    """The one row holding the last link of the event chain: its sequence number and keyed hash. Writers lock
    it (``select_for_update``) so that events are chained one at a time; ``audit_verify`` compares the last
    event with it to notice events removed from the end."""

    ID = 1

    seq = models.PositiveBigIntegerField(_("最后序号"), default=0)
    hmac = models.CharField(_("最后校验值"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.hmac[:16]}"
