"""The one interface of every channel: ``send(address, message) -> str`` returns a short summary of the
provider's answer, or raises ``DeliveryError`` (the worker tries again, ``DUKAO_NOTICE_RETRY_SECONDS``)."""

from dataclasses import dataclass


class DeliveryError(Exception):
    """The provider refused the message or could not be reached; the message says what it answered."""


@dataclass(frozen=True)
class Message:
    """What goes out: a subject and text (e-mail, DingTalk), the link that opens the notice after sign-in, and
    for an SMS only its template parameters (``rules.sms_params``)."""

    subject: str
    text: str
    link: str
    sms_params: dict[str, str]
