"""Sign-in with DingTalk / 浙政钉 (OAuth 2.0, 扫码登录 or 免登 in the DingTalk app): who the person is, as the
userid of the organisation's address book, the same id the work notifications are sent to.

1. The browser goes to ``{DUKAO_DINGTALK_LOGIN_URL}/oauth2/auth`` with the app's key as ``client_id``, the
   callback as ``redirect_uri``, ``scope=openid`` and a one-time ``state``; DingTalk sends it back to the
   callback with ``authCode`` and the same ``state``.
2. ``POST {DUKAO_DINGTALK_API_URL}/v1.0/oauth2/userAccessToken`` with ``clientId``, ``clientSecret``, ``code``
   and ``grantType=authorization_code`` gives the user's ``accessToken``.
3. ``GET {DUKAO_DINGTALK_API_URL}/v1.0/contact/users/me`` with the header ``x-acs-dingtalk-access-token`` gives
   the person's ``unionId``.
4. ``POST {DUKAO_DINGTALK_BASE_URL}/topapi/user/getbyunionid?access_token=…`` (the app's token) with
   ``unionid`` gives the ``userid`` in the organisation (``result.userid``).
"""

import json
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.translation import gettext as _

from dukao.lib.dingtalk import DingTalkError, oapi_post, request_json

__all__ = ["DingTalkError", "authorize_url", "configured", "userid_from_code"]


def configured() -> bool:
    """Whether sign-in with DingTalk is on and has the app's key and secret."""
    return bool(
        settings.DUKAO_DINGTALK_SIGNIN and settings.DUKAO_DINGTALK_APP_KEY and settings.DUKAO_DINGTALK_APP_SECRET
    )


def authorize_url(redirect_uri: str, state: str) -> str:
    query = {
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "client_id": settings.DUKAO_DINGTALK_APP_KEY,
        "scope": "openid",
        "state": state,
        "prompt": "consent",
    }
    return f"{settings.DUKAO_DINGTALK_LOGIN_URL}/oauth2/auth?{urllib.parse.urlencode(query)}"


def userid_from_code(code: str) -> str:
    """The organisation's userid of the person DingTalk gave ``code`` for; ``DingTalkError`` when a step fails
    or an answer lacks what it should carry."""
    access_token = _answer_field(_user_access_token(code), "accessToken")
    union_id = _answer_field(_api_get("/v1.0/contact/users/me", access_token), "unionId")
    result = oapi_post("/topapi/user/getbyunionid", {"unionid": union_id}).get("result") or {}
    return _answer_field(result, "userid")


def _user_access_token(code: str) -> dict:
    body = {
        "clientId": settings.DUKAO_DINGTALK_APP_KEY,
        "clientSecret": settings.DUKAO_DINGTALK_APP_SECRET,
        "code": code,
        "grantType": "authorization_code",
    }
    headers = {"Content-Type": "application/json"}
    url = f"{settings.DUKAO_DINGTALK_API_URL}/v1.0/oauth2/userAccessToken"
    return request_json(urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST"))


def _api_get(path: str, access_token: str) -> dict:
    headers = {"x-acs-dingtalk-access-token": access_token}
    return request_json(urllib.request.Request(f"{settings.DUKAO_DINGTALK_API_URL}{path}", headers=headers))


def _answer_field(answer: dict, name: str) -> str:
    value = answer.get(name)
    if not isinstance(value, str) or not value:
        raise DingTalkError(
            _("钉钉接口的应答缺少 %(name)s：%(detail)s")
            % {"name": name, "detail": (answer.get("code") or answer.get("errmsg") or "")}
        )
    return value
