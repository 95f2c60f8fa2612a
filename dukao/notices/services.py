"""Writes on notices: tell people something (``notice_send``), the daily digests (``digests_build``), marking
read, and a person's channel settings (``preferences_save``)."""

from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dukao.audit.services import event_record
from dukao.notices import rules
from dukao.notices.models import Channel, ChannelPreference, Delivery, Notice
from dukao.notices.selectors import address_of, preferences_of
from dukao.notices.tasks import delivery_schedule

#: The notices a daily digest gathers: those of the last day not yet sent on that channel.
DIGEST_WINDOW = timedelta(days=1)


def _due(preference: ChannelPreference, now: datetime) -> datetime:
    return rules.next_allowed(timezone.localtime(now), preference.quiet_from, preference.quiet_to)


def _deliver(recipient, preference: ChannelPreference, notices: list[Notice], now: datetime) -> Delivery:
    delivery = Delivery.objects.create(
        recipient=recipient, channel=preference.channel, digest=preference.digest, due_at=_due(preference, now)
    )
    delivery.notices.set(notices)
    transaction.on_commit(partial(delivery_schedule, delivery.pk, delivery.due_at))
    return delivery


@transaction.atomic
def notice_send(*, recipients, kind: str, title: str, body: str, url: str) -> list[Notice]:
    """Tell each of ``recipients`` (users; each once) ``title`` and ``body`` about the page at ``url`` (a path of
    this site): a notice in their notice centre, and a delivery on each channel they want at once (queued for the
    worker after the transaction commits, not before their quiet hours end). Channels they want as a daily digest
    wait for ``digests_build``."""
    now = timezone.now()
    people = {u.pk: u for u in recipients if u.is_active}
    notices = []
    for user in people.values():
        notice = Notice.objects.create(
            recipient=user, kind=kind, title=title[:200], body=body, url=url[:500], created_at=now
        )
        notices.append(notice)
        for preference in preferences_of(user).values():
            if preference.enabled and not preference.digest and address_of(preference):
                _deliver(user, preference, [notice], now)
    if notices:
        event_record(actor=None, action="notice.send", obj=None, summary=f"{title[:120]} → {len(notices)} 人")
    return notices


@transaction.atomic
def digests_build(*, now: datetime | None = None) -> int:
    """One digest delivery per person and digest channel with the notices of the last day not yet sent on that
    channel; a rerun finds them sent and builds nothing. Returns the number of digests queued."""
    now = now or timezone.now()
    built = 0
    preferences = ChannelPreference.objects.select_for_update().filter(enabled=True, digest=True)
    for preference in preferences.select_related("user").filter(user__is_active=True):
        if not address_of(preference):
            continue
        notices = list(
            Notice.objects.filter(recipient=preference.user, created_at__gt=now - DIGEST_WINDOW, created_at__lte=now)
            .exclude(deliveries__channel=preference.channel)
            .order_by("created_at")
        )
        if notices:
            _deliver(preference.user, preference, notices, now)
            built += 1
    if built:
        event_record(actor=None, action="notice.digest", obj=None, summary=f"每日汇总 {built} 份")
    return built


@transaction.atomic
def notice_read(*, notice: Notice, user) -> Notice:
    """Mark one of ``user``'s notices read (once; a second read changes nothing)."""
    if notice.recipient_id == user.pk and notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
        event_record(actor=user, action="notice.read", obj=notice, summary=notice.title[:150])
    return notice


@transaction.atomic
def notices_read_all(*, user) -> int:
    """Mark every unread notice of ``user`` read; returns how many."""
    count = Notice.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if count:
        event_record(actor=user, action="notice.read_all", obj=None, summary=f"{count} 条")
    return count


def _preference_save(user, channel: str, choice: dict) -> ChannelPreference:
    enabled, quiet_from, quiet_to = choice["enabled"], choice["quiet_from"], choice["quiet_to"]
    address = choice.get("address", "").strip() if channel != Channel.EMAIL else ""
    if enabled and channel == Channel.EMAIL and not user.email:
        raise ValueError(_("账号未登记电子邮箱，不能启用邮件通知。"))
    if enabled and channel != Channel.EMAIL and not address:
        raise ValueError(_("启用该渠道须填写接收地址。"))
    if (quiet_from is None) != (quiet_to is None):
        raise ValueError(_("免打扰时段须同时填写开始和结束时间。"))
    fields = {"enabled": enabled, "digest": choice["digest"], "quiet_from": quiet_from, "quiet_to": quiet_to}
    preference, _created = ChannelPreference.objects.update_or_create(
        user=user, channel=channel, defaults={**fields, "address": address}
    )
    return preference


@transaction.atomic
def preferences_save(*, user, choices: dict[str, dict]) -> list[ChannelPreference]:
    """Set how ``user`` is told on each channel of ``choices`` (channel → ``enabled``, ``digest``,
    ``quiet_from``, ``quiet_to``, ``address``), all or none. DingTalk and SMS need an address to be switched on,
    e-mail the account's e-mail address; quiet hours need both ends. Raises ValueError naming the channel."""
    saved = []
    for channel, choice in choices.items():
        if channel not in Channel.values:
            raise ValueError(_("没有这个通知渠道。"))
        try:
            saved.append(_preference_save(user, channel, choice))
        except ValueError as exc:
            raise ValueError(f"{Channel(channel).label}：{exc}") from exc
    summary = "，".join(f"{p.channel}{'开' if p.enabled else '关'}{'（汇总）' if p.digest else ''}" for p in saved)
    event_record(actor=user, action="notice.preferences", obj=None, summary=summary)
    return saved
