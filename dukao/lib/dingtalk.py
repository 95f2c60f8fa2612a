"""DingTalk / 浙政钉's server API, shared by the work notifications (``notices.channels.dingtalk``) and the
sign-in (``accounts.dingtalk``): the old API (``{DUKAO_DINGTALK_BASE_URL}``, ``?access_token=`` in the query,
``errcode`` 0 in the answer) and the app's access token, ``GET {base}/gettoken`` with the app's key and secret,
kept in the cache until shortly before it expires. The base URL comes from settings, so a private deployment
of the same API (or a fake on loopback in the tests) serves too."""

import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

TOKEN_CACHE_KEY = "notices:dingtalk:access_token"
TIMEOUT = 10


class DingTalkError(Exception):
    """DingTalk could not be reached or answered an error; the message says which (in Chinese)."""


def request_json(request: urllib.request.Request) -> dict:
    """Send ``request`` and read the JSON answer; ``DingTalkError`` when unreachable or not JSON."""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (the configured API)
            return json.loads(response.read())
    except urllib.error.HTTPError as exc:
        raise DingTalkError(
            _("钉钉接口返回 HTTP %(code)s：%(body)s")
            % {"code": exc.code, "body": exc.read()[:200].decode(errors="replace")}
        ) from exc
    except (OSError, ValueError) as exc:
        raise DingTalkError(_("钉钉接口不可用：%(error)s") % {"error": exc}) from exc


def oapi_call(request: urllib.request.Request) -> dict:
    """A call to the old API, whose answer carries ``errcode`` (0: success)."""
    answer = request_json(request)
    if answer.get("errcode") != 0:
        raise DingTalkError(
            _("钉钉接口返回错误 %(errcode)s：%(errmsg)s")
            % {"errcode": answer.get("errcode"), "errmsg": answer.get("errmsg", "")}
        )
    return answer


def oapi_post(path: str, body: dict) -> dict:
    """``POST {base}{path}?access_token=…`` with a JSON body, under the app's access token."""
    query = urllib.parse.urlencode({"access_token": app_token()})
    data = json.dumps(body, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json"}
    url = f"{settings.DUKAO_DINGTALK_BASE_URL}{path}?{query}"
    return oapi_call(urllib.request.Request(url, data, headers, method="POST"))


def app_token() -> str:
    token = cache.get(TOKEN_CACHE_KEY)
    if token:
        return token
    query = urllib.parse.urlencode(
        {"appkey": settings.DUKAO_DINGTALK_APP_KEY, "appsecret": settings.DUKAO_DINGTALK_APP_SECRET}
    )
    answer = oapi_call(urllib.request.Request(f"{settings.DUKAO_DINGTALK_BASE_URL}/gettoken?{query}"))
    cache.set(TOKEN_CACHE_KEY, answer["access_token"], max(int(answer.get("expires_in", 7200)) - 300, 60))
    return answer["access_token"]
