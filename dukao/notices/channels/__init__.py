"""The channels a notice goes out on, each behind the one interface of ``base``."""

from collections.abc import Callable

from dukao.notices.channels import dingtalk, email, sms
from dukao.notices.channels.base import DeliveryError, Message

SENDERS: dict[str, Callable[[str, Message], str]] = {"email": email.send, "dingtalk": dingtalk.send, "sms": sms.send}

__all__ = ["SENDERS", "DeliveryError", "Message"]
