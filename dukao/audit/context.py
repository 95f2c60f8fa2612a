"""The request an action comes from (client address, request id), kept for the audit trail.

A middleware sets it for each request; services read it when they record an event, so business code never
passes requests around. Outside a request (commands, tasks) it is empty.
"""

import uuid
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip: str | None = None
    request_id: str = ""


_EMPTY = RequestContext()
_current: ContextVar[RequestContext | None] = ContextVar("dukao_request", default=None)


def current() -> RequestContext:
    """The context of the request being served (empty outside one)."""
    return _current.get() or _EMPTY


class RequestContextMiddleware:
    """Record the client address (``REMOTE_ADDR``; a trusted proxy sets it) and a request id for the audit
    trail; the id is echoed in the ``X-Request-ID`` response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        context = RequestContext(ip=request.META.get("REMOTE_ADDR") or None, request_id=uuid.uuid4().hex)
        token = _current.set(context)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = context.request_id
        return response
