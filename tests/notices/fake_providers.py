"""A fake of the providers' HTTP APIs on loopback (127.0.0.1, a threaded ``http.server``): DingTalk's server API
(``GET /gettoken``, ``POST /topapi/message/corpconversation/asyncsend_v2``, ``POST /topapi/user/getbyunionid``),
its new API for sign-in (``POST /v1.0/oauth2/userAccessToken``, ``GET /v1.0/contact/users/me``) and Aliyun's
SMS ``SendSms`` (a V3
``ACS3-HMAC-SHA256`` signed request). It checks each request against the shapes the providers document, records
what it received, and can refuse the first requests of a kind to show the worker's retries. Nothing leaves the
machine."""

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlsplit

APP_KEY, APP_SECRET, AGENT_ID, TOKEN = "ding-app-key", "ding-app-secret", "2019", "token-2019"
ACCESS_KEY_ID, ACCESS_KEY_SECRET = "LTAI-test", "sms-secret"
#: Sign-in: the one authorisation code the fake knows, the user's token it gives, and the person's unionId.
AUTH_CODE, USER_TOKEN, UNION_ID = "auth-code-2019", "user-token-2019", "union-2019"


@dataclass
class Received:
    kind: str  # "gettoken", "dingtalk", "sms", "user_token", "users_me", "getbyunionid"
    query: dict[str, str]
    headers: dict[str, str]
    body: dict


@dataclass
class Provider:
    """The fake's state: what it received, how many requests of each kind to refuse first, and the shape
    errors it found (a test asserts there are none)."""

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    port: int = 0
    #: unionId → userid of the organisation's address book (``getbyunionid``).
    people: dict[str, str] = field(default_factory=lambda: {UNION_ID: "manager4310"})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def of(self, kind: str) -> list[Received]:
        return [r for r in self.received if r.kind == kind]


def _percent(text: str) -> str:
    return quote(text, safe="-_.~")


def acs3_signature(secret: str, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: bytes):
    """Aliyun's V3 signature: HMAC-SHA256 of "ACS3-HMAC-SHA256\\n" + hex(SHA256(canonical request)), the canonical
    request being method, URI, sorted percent-encoded query, the signed headers (lower-case name:value lines),
    their names, and the hex SHA256 of the body."""
    signed = sorted(h.lower() for h in headers)
    lower = {k.lower(): v.strip() for k, v in headers.items()}
    canonical = "\n".join(
        [
            method,
            path,
            "&".join(f"{_percent(k)}={_percent(v)}" for k, v in sorted(query.items())),
            "".join(f"{h}:{lower[h]}\n" for h in signed),
            ";".join(signed),
            hashlib.sha256(body).hexdigest(),
        ]
    )
    to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
    return hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()


class _Handler(BaseHTTPRequestHandler):
    provider: Provider

    def log_message(self, *args):
        pass

    def _answer(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _check(self, condition: bool, message: str) -> None:
        if not condition:
            self.provider.errors.append(message)

    def _refused(self, kind: str) -> bool:
        if self.provider.refuse.get(kind, 0) > 0:
            self.provider.refuse[kind] -= 1
            return True
        return False

    def do_GET(self):  # noqa: N802 (http.server's naming)
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query))
        if parts.path == "/v1.0/contact/users/me":
            self._users_me(query)
            return
        self.provider.received.append(Received("gettoken", query, dict(self.headers), {}))
        self._check(parts.path == "/gettoken", f"GET {parts.path}")
        self._check(query == {"appkey": APP_KEY, "appsecret": APP_SECRET}, f"gettoken query {query}")
        self._answer(200, {"errcode": 0, "errmsg": "ok", "access_token": TOKEN, "expires_in": 7200})

    def _users_me(self, query: dict[str, str]) -> None:
        self.provider.received.append(Received("users_me", query, dict(self.headers), {}))
        if self.headers.get("x-acs-dingtalk-access-token") != USER_TOKEN:
            self._answer(401, {"code": "InvalidAuthentication", "message": "不合法的access_token"})
        else:
            self._answer(200, {"nick": "张经理", "unionId": UNION_ID, "openId": "open-2019", "stateCode": "86"})

    def do_POST(self):  # noqa: N802
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if parts.path == "/topapi/message/corpconversation/asyncsend_v2":
            self._dingtalk(query, raw)
        elif parts.path == "/v1.0/oauth2/userAccessToken":
            self._user_token(raw)
        elif parts.path == "/topapi/user/getbyunionid":
            self._getbyunionid(query, raw)
        elif self.headers.get("x-acs-action") == "SendSms":
            self._sms(parts.path, query, raw)
        else:
            self.provider.errors.append(f"POST {self.path}")
            self._answer(404, {})

    def _dingtalk(self, query: dict[str, str], raw: bytes) -> None:
        body = json.loads(raw)
        self.provider.received.append(Received("dingtalk", query, dict(self.headers), body))
        self._check(query == {"access_token": TOKEN}, f"asyncsend_v2 query {query}")
        self._check(self.headers.get("Content-Type") == "application/json", "asyncsend_v2 content type")
        self._check(body.get("agent_id") == int(AGENT_ID), f"agent_id {body.get('agent_id')!r}")
        self._check(isinstance(body.get("userid_list"), str) and body["userid_list"], "userid_list")
        msg = body.get("msg", {})
        card = msg.get("action_card", {})
        self._check(msg.get("msgtype") == "action_card", f"msgtype {msg.get('msgtype')}")
        self._check(all(card.get(k) for k in ("title", "markdown", "single_title", "single_url")), f"card {card}")
        if self._refused("dingtalk"):
            self._answer(500, {"errcode": -1, "errmsg": "系统繁忙"})
        else:
            self._answer(200, {"errcode": 0, "errmsg": "ok", "task_id": 256271667526, "request_id": "r1"})

    def _user_token(self, raw: bytes) -> None:
        body = json.loads(raw)
        self.provider.received.append(Received("user_token", {}, dict(self.headers), body))
        self._check(self.headers.get("Content-Type") == "application/json", "userAccessToken content type")
        expected = {"clientId": APP_KEY, "clientSecret": APP_SECRET, "grantType": "authorization_code"}
        self._check({k: body.get(k) for k in expected} == expected and set(body) == {*expected, "code"}, f"{body}")
        if body.get("code") != AUTH_CODE:
            self._answer(400, {"code": "invalidAuthCode", "message": "不合法的临时授权码"})
        else:
            self._answer(200, {"accessToken": USER_TOKEN, "refreshToken": "r", "expireIn": 7200, "corpId": "ding1"})

    def _getbyunionid(self, query: dict[str, str], raw: bytes) -> None:
        body = json.loads(raw)
        self.provider.received.append(Received("getbyunionid", query, dict(self.headers), body))
        self._check(query == {"access_token": TOKEN}, f"getbyunionid query {query}")
        self._check(self.headers.get("Content-Type") == "application/json", "getbyunionid content type")
        self._check(set(body) == {"unionid"}, f"getbyunionid body {body}")
        if (userid := self.provider.people.get(body.get("unionid"))) is None:
            self._answer(200, {"errcode": 60121, "errmsg": "找不到该用户"})
        else:
            self._answer(200, {"errcode": 0, "errmsg": "ok", "result": {"contact_type": 0, "userid": userid}})

    def _sms(self, path: str, query: dict[str, str], raw: bytes) -> None:
        headers = dict(self.headers)
        self.provider.received.append(Received("sms", query, headers, {}))
        self._check(path == "/", f"SendSms path {path}")
        self._check(headers.get("x-acs-version") == "2017-05-25", "x-acs-version")
        for name in ("x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"):
            self._check(bool(headers.get(name)), f"missing {name}")
        self._check(headers.get("x-acs-content-sha256") == hashlib.sha256(raw).hexdigest(), "content sha256")
        self._check(set(query) == {"PhoneNumbers", "SignName", "TemplateCode", "TemplateParam"}, f"query {query}")
        self._check(isinstance(json.loads(query.get("TemplateParam", "null")), dict), "TemplateParam is not JSON")
        authorization = headers.get("Authorization", "")
        prefix = f"ACS3-HMAC-SHA256 Credential={ACCESS_KEY_ID},SignedHeaders="
        if not authorization.startswith(prefix):
            self.provider.errors.append(f"Authorization {authorization}")
        else:
            names, signature = authorization[len(prefix) :].split(",Signature=")
            wanted = {k: v for k, v in headers.items() if k.lower() in names.split(";")}
            expected = acs3_signature(ACCESS_KEY_SECRET, "POST", path, query, wanted, raw)
            self._check(signature == expected, "ACS3 signature does not verify")
        if self._refused("sms"):
            self._answer(200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发流控", "RequestId": "r2"})
        else:
            self._answer(200, {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "r3"})


def serve() -> tuple[Provider, ThreadingHTTPServer]:
    provider = Provider()
    handler = type("Handler", (_Handler,), {"provider": provider})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    provider.port = server.server_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return provider, server
