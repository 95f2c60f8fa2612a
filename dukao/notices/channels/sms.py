"""SMS through Aliyun's SMS service (``SendSms``, API version 2017-05-25) with its official SDK: the office's
signature (``SignName``), its registered template (``TemplateCode``) and the template's parameters
(``TemplateParam``, JSON) — only the fields the office allows (``DUKAO_SMS_PARAMS``, ``rules.sms_params``).
The endpoint and protocol come from settings."""

import json

from alibabacloud_dysmsapi20170525 import models as sms_models
from alibabacloud_dysmsapi20170525.client import Client
from alibabacloud_tea_openapi import models as openapi_models
from alibabacloud_tea_util import models as util_models
from django.conf import settings
from django.utils.translation import gettext as _

from dukao.notices.channels.base import DeliveryError, Message

TIMEOUT_MS = 10_000


def _client() -> Client:
    config = openapi_models.Config(
        access_key_id=settings.DUKAO_SMS_ACCESS_KEY_ID,
        access_key_secret=settings.DUKAO_SMS_ACCESS_KEY_SECRET,
        endpoint=settings.DUKAO_SMS_ENDPOINT,
        protocol=settings.DUKAO_SMS_PROTOCOL,
    )
    return Client(config)


def send(address: str, message: Message) -> str:
    request = sms_models.SendSmsRequest(
        phone_numbers=address,
        sign_name=settings.DUKAO_SMS_SIGN_NAME,
        template_code=settings.DUKAO_SMS_TEMPLATE_CODE,
        template_param=json.dumps(message.sms_params, ensure_ascii=False),
    )
    runtime = util_models.RuntimeOptions(autoretry=False, connect_timeout=TIMEOUT_MS, read_timeout=TIMEOUT_MS)
    try:
        answer = _client().send_sms_with_options(request, runtime).body
    except Exception as exc:  # the SDK raises its own errors (TeaException, network errors) for any failure
        raise DeliveryError(_("短信接口不可用：%(error)s") % {"error": str(exc)[:200]}) from exc
    if answer.code != "OK":
        raise DeliveryError(
            _("短信接口返回错误 %(code)s：%(message)s") % {"code": answer.code, "message": answer.message}
        )
    return f"短信已受理，回执 {answer.biz_id}"
