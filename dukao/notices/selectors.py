"""Reads on notices: a person's notices, their unread count, and their channel settings."""

from django.db.models import QuerySet

from dukao.notices.models import Channel, ChannelPreference, Notice


def notices_of(user) -> QuerySet[Notice]:
    """A person's notices, newest first, each with its deliveries (the channel, status and tries of each send)."""
    return Notice.objects.filter(recipient=user).prefetch_related("deliveries")


def unread_count(user) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def default_preference(user, channel: str) -> ChannelPreference:
    """A channel the person has not set: e-mail on and immediate; DingTalk and SMS off."""
    return ChannelPreference(user=user, channel=channel, enabled=channel == Channel.EMAIL)


def preferences_of(user) -> dict[str, ChannelPreference]:
    """Each channel's setting, the default where the person has none (unsaved)."""
    saved = {p.channel: p for p in ChannelPreference.objects.filter(user=user)}
    return {c: saved.get(c) or default_preference(user, c) for c in Channel.values}


def address_of(preference: ChannelPreference) -> str:
    """Where the channel reaches the person: the account's e-mail, or the address kept on the setting."""
    return preference.user.email if preference.channel == Channel.EMAIL else preference.address
