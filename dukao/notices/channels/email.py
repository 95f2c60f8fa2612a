"""E-mail through Django's mail (``EMAIL_BACKEND``)."""

from django.core.mail import send_mail
from django.utils.translation import gettext as _

from dukao.notices.channels.base import DeliveryError, Message


def send(address: str, message: Message) -> str:
    try:
        send_mail(message.subject, f"{message.text}\n\n{message.link}", None, [address])
    except OSError as exc:
        raise DeliveryError(_("邮件发送失败：%(error)s") % {"error": exc}) from exc
    return "邮件已交给邮件服务器"
