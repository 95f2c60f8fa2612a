"""Limits on what one account can cost everyone (django-ratelimit over the shared cache): PDF and Word renders,
exports, imports and bulletin drafts per user, sign-in attempts per address. The rates are settings
(``DUKAO_RATE_LIMITS``, docs/security.md); a refused request is answered 429 with a Chinese message (the audit
middleware records every 429 as a refusal)."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit import ALL
from django_ratelimit.core import _split_rate, is_ratelimited

#: What each limited group is, for the message.
GROUPS = {
    "render": gettext_lazy("生成 PDF 或 Word 文件"),
    "export": gettext_lazy("导出"),
    "import": gettext_lazy("导入"),
    "draft": gettext_lazy("生成通报草稿"),
    "sign_in": gettext_lazy("登录尝试"),
}


def limit_refusal(request, group: str) -> HttpResponse | None:
    """Count this request against ``group``'s limit (per user; per address for sign-in); the 429 answer when it
    is over, else None."""
    key = "ip" if group == "sign_in" else "user_or_ip"
    rate = settings.DUKAO_RATE_LIMITS[group]
    if not is_ratelimited(request, group=f"dukao.{group}", key=key, rate=rate, method=ALL, increment=True):
        return None
    what = str(GROUPS[group])
    message = _("%(what)s过于频繁（上限 %(rate)s），请稍后再试。") % {"what": what, "rate": rate}
    response = render(request, "400.html", {"message": message, "title": _("请求过于频繁")}, status=429)
    response["Retry-After"] = str(_split_rate(rate)[1])  # the limit's whole window: the count is gone by then
    return response


def limited(group: str, when: Callable[[HttpRequest, dict], bool] = lambda request, kwargs: True):
    """A view decorator: ``limit_refusal`` for the requests ``when`` picks (e.g. POSTs, or PDF and Word only)."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if when(request, kwargs) and (refused := limit_refusal(request, group)):
                return refused
            return view(request, *args, **kwargs)

        checked.rate_limit_group = group  # read by the test that every export is limited
        return checked

    return decorator


def posted(request: HttpRequest, kwargs: dict) -> bool:
    return request.method == "POST"
