"""DingTalk / 浙政钉 work notifications (工作通知) through the server API: ``GET {base}/gettoken`` with the
app's key and secret gives an access token (kept in the cache until shortly before it expires), then
``POST {base}/topapi/message/corpconversation/asyncsend_v2?access_token=…`` with ``agent_id``, ``userid_list``
and an ``action_card`` message whose button opens the notice. The base URL comes from settings
(``DUKAO_DINGTALK_BASE_URL``), so a private deployment of the same API serves too."""

import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.cache import cache

from dukao.notices.channels.base import DeliveryError, Message

TOKEN_CACHE_KEY = "notices:dingtalk:access_token"
TIMEOUT = 10


def _call(request: urllib.request.Request) -> dict:
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (the configured API)
            answer = json.loads(response.read())
    except (OSError, ValueError) as exc:
        raise DeliveryError(f"钉钉接口不可用：{exc}") from exc
    if answer.get("errcode") != 0:
        raise DeliveryError(f"钉钉接口返回错误 {answer.get('errcode')}：{answer.get('errmsg', '')}")
    return answer


def _token() -> str:
    token = cache.get(TOKEN_CACHE_KEY)
    if token:
        return token
    query = urllib.parse.urlencode(
        {"appkey": settings.DUKAO_DINGTALK_APP_KEY, "appsecret": settings.DUKAO_DINGTALK_APP_SECRET}
    )
    answer = _call(urllib.request.Request(f"{settings.DUKAO_DINGTALK_BASE_URL}/gettoken?{query}"))
    cache.set(TOKEN_CACHE_KEY, answer["access_token"], max(int(answer.get("expires_in", 7200)) - 300, 60))
    return answer["access_token"]


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
    url = f"{settings.DUKAO_DINGTALK_BASE_URL}/topapi/message/corpconversation/asyncsend_v2?" + urllib.parse.urlencode(
        {"access_token": _token()}
    )
    request = urllib.request.Request(
        url, json.dumps(body, ensure_ascii=False).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    answer = _call(request)
    return f"钉钉已受理，任务 {answer.get('task_id', '')}"
