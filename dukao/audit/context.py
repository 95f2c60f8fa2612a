"""The request an action comes from (client address, request id, user), kept for the audit trail.

A middleware sets it for each request; services read it when they record an event, so business code never
passes requests around. Outside a request (commands, tasks) it is empty.
"""

import uuid
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from dukao.lib.permissions import denials_noted


@dataclass(frozen=True)
class RequestContext:
    ip: str | None = None
    request_id: str = ""
    user: Any = None


_EMPTY = RequestContext()
_current: ContextVar[RequestContext | None] = ContextVar("dukao_request", default=None)


def current() -> RequestContext:
    """The context of the request being served (empty outside one)."""
    return _current.get() or _EMPTY


class RequestContextMiddleware:
    """Record the client address (``REMOTE_ADDR``; a trusted proxy sets it), the user and a request id for the
    audit trail; the id is echoed in the ``X-Request-ID`` response header. Once the view has answered, every
    refusal is an audit event with outcome ``denied`` (GB/T 22239-2019 8.1.4.3 a): those the services noted
    (even when the view showed them as a message), any other 403 response (e.g. a failed CSRF check), a 429 (a
    rate limit, ``lib.ratelimits``) and a signed-in user's 404 (an object of another unit, or an id probed).
    Outside a request refusals are not noted (commands report them themselves)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        context = RequestContext(
            ip=request.META.get("REMOTE_ADDR") or None, request_id=uuid.uuid4().hex, user=request.user
        )
        token = _current.set(context)
        try:
            with denials_noted() as denials:
                response = self.get_response(request)
            for message in denials or _refusal(request, response.status_code):
                _record_denial(request, message)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = context.request_id
        return response


def _refusal(request, status: int) -> list[str]:
    if status == 403:
        return [_("HTTP 403 拒绝访问")]
    if status == 429:
        return [_("HTTP 429 请求过于频繁")]
    if status == 404 and request.user.is_authenticated:
        return [_("HTTP 404 不存在或无权查看")]
    return []


def _record_denial(request, message: str) -> None:
    # Imported here: ``audit.services`` imports this module for ``current``.
    from dukao.audit.models import Outcome
    from dukao.audit.services import event_record

    event_record(
        actor=request.user,
        actor_name="anonymous",
        action="permission.deny",
        obj=None,
        outcome=Outcome.DENIED,
        summary=f"{request.method} {request.path}：{message}",
    )
