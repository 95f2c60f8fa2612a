"""DingTalk / 浙政钉 work notifications (工作通知) through the server API (``lib.dingtalk``: the app's access
token, then ``POST {base}/topapi/message/corpconversation/asyncsend_v2?access_token=…`` with ``agent_id``,
``userid_list`` and an ``action_card`` message whose button opens the notice)."""

from django.conf import settings

from dukao.lib.dingtalk import DingTalkError, oapi_post
from dukao.notices.channels.base import DeliveryError, Message


def send(address: str, message: Message) -> str:
    body = {
        "agent_id": int(settings.DUKAO_DINGTALK_AGENT_ID),
        "userid_list": address,
        "msg": {
            "msgtype": "action_card",
            "action_card": {
                "title": message.subject,
                "markdown": message.text,
                "single_title": "查看详情",
                "single_url": message.link,
            },
        },
    }
    try:
        answer = oapi_post("/topapi/message/corpconversation/asyncsend_v2", body)
    except DingTalkError as exc:
        raise DeliveryError(str(exc)) from exc
    return f"钉钉已受理，任务 {answer.get('task_id', '')}"
