"""Notices to a person: what they are told (``Notice``, read in the notice centre), how they want to be told
(``ChannelPreference``) and each send on a channel with its result (``Delivery``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dukao.lib.fields import EncryptedTextField


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("催报提醒")
    OVERDUE = "overdue", _("逾期通知")
    RETURNED = "returned", _("报告退回")
    CASE = "case", _("督办通知")
    WARNING = "warning", _("预警通知")
    URGE = "urge", _("催办通知")


class Notice(models.Model):
    """One thing a person is told: a title, a text and the page it is about (a path of this site)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices", verbose_name=_("接收人")
    )
    kind = models.CharField(_("类型"), max_length=20, choices=NoticeKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    url = models.CharField(_("链接"), max_length=500)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = pgettext_lazy("plural", "消息")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_unread")]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    DINGTALK = "dingtalk", _("浙政钉/钉钉工作通知")
    SMS = "sms", _("短信")


class ChannelPreference(models.Model):
    """How a person wants to be told on one channel: on or off, each notice at once or a daily digest, quiet
    hours (local time; a window may run over midnight), and the address (DingTalk userid, mobile number; e-mail
    uses the account's address). Without a row, e-mail is on and immediate, the other channels off."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_channels", verbose_name=_("用户")
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(_("启用"), default=False)
    digest = models.BooleanField(_("每日汇总"), default=False, help_text=_("勾选后每天汇总发送一次，而不是逐条发送"))
    quiet_from = models.TimeField(_("免打扰开始"), null=True, blank=True)
    quiet_to = models.TimeField(_("免打扰结束"), null=True, blank=True)
    address = EncryptedTextField(_("接收地址"), blank=True, help_text=_("钉钉用户 ID 或手机号（加密保存）"))

    class Meta:
        verbose_name = _("通知渠道设置")
        verbose_name_plural = pgettext_lazy("plural", "通知渠道设置")
        constraints = [models.UniqueConstraint(fields=["user", "channel"], name="notice_channel_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_channel_display()}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Delivery(models.Model):
    """One send on one channel: a notice, or a day's digest of several. Each try is counted, and the last
    answer of the provider is kept (a summary, never the credentials)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_deliveries", verbose_name=_("接收人")
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    notices = models.ManyToManyField(Notice, related_name="deliveries", verbose_name=_("消息"))
    digest = models.BooleanField(_("每日汇总"), default=False)
    status = models.CharField(
        _("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    response = models.CharField(_("结果"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    due_at = models.DateTimeField(_("计划发送时间"), default=timezone.now)
    last_tried_at = models.DateTimeField(_("最近尝试时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("发送记录")
        verbose_name_plural = pgettext_lazy("plural", "发送记录")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.get_channel_display()} · {self.get_status_display()}"
