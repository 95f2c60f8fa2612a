"""One try of a delivery on its channel, with the result recorded (run by the worker, ``tasks.deliver_task``)."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dukao.notices import rules
from dukao.notices.channels import SENDERS, DeliveryError, Message
from dukao.notices.models import Delivery, DeliveryStatus, NoticeKind
from dukao.notices.selectors import address_of, preferences_of


def link(path: str) -> str:
    """An absolute link to a page of this site (``DUKAO_SITE_URL``): it opens after sign-in."""
    return settings.DUKAO_SITE_URL.rstrip("/") + path


def message_of(delivery: Delivery) -> Message:
    """What a delivery says: its notice with the link that opens it, or for a digest the day's titles with a
    link to the notice centre. Messages go out in the office's language, like its documents."""
    notices = list(delivery.notices.order_by("created_at", "id"))
    with translation.override(settings.LANGUAGE_CODE):
        if delivery.digest:
            subject = _("督考每日汇总：%(n)d 条新消息") % {"n": len(notices)}
            text = "\n".join(f"- {n.title}" for n in notices)
            url, kind = link(reverse("notices:centre")), _("每日汇总")
        else:
            notice = notices[0]
            subject, text = notice.title, notice.body
            url, kind = link(reverse("notices:open", args=[notice.pk])), str(NoticeKind(notice.kind).label)
    params = rules.sms_params(settings.DUKAO_SMS_PARAMS, kind=kind, count=len(notices), link=url)
    return Message(subject=subject, text=text, link=url, sms_params=params)


@transaction.atomic
def delivery_attempt(delivery_id: int) -> Delivery:
    """Try a pending delivery once (the row is locked, so two workers never send it twice). A refusal is
    recorded; the delivery stays pending while ``DUKAO_NOTICE_RETRY_SECONDS`` leaves a retry, else it failed."""
    delivery = Delivery.objects.select_for_update().select_related("recipient").get(pk=delivery_id)
    if delivery.status != DeliveryStatus.PENDING:
        return delivery
    delivery.attempts += 1
    delivery.last_tried_at = timezone.now()
    address = address_of(preferences_of(delivery.recipient)[delivery.channel])
    try:
        if not address:
            raise DeliveryError(_("未设置接收地址"))
        delivery.response = SENDERS[delivery.channel](address, message_of(delivery))[:300]
        delivery.status, delivery.sent_at = DeliveryStatus.SENT, timezone.now()
    except DeliveryError as exc:
        delivery.response = str(exc)[:300]
        if rules.retry_wait(delivery.attempts, settings.DUKAO_NOTICE_RETRY_SECONDS) is None:
            delivery.status = DeliveryStatus.FAILED
    delivery.save()
    return delivery
