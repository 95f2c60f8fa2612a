"""Input refused before any view: a NUL byte (U+0000) in the path, the query or a form. No form asks for one,
and the database refuses to store it, so it is answered with HTTP 400 and a message instead of a 500."""

from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(data) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


class NulByteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        form = request.POST if request.method == "POST" else {}
        if NUL in request.path or _has_nul(request.GET) or (form and _has_nul(form)):
            message = _("请求中含有空字符（U+0000），无法处理；请删除后重试。")
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
