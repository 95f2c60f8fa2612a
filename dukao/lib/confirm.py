"""One confirmation step before an action that cannot be undone (签发提交, 印发, 公布得分, 定稿, 销号).

A POST view decorated with ``confirm_first(question)`` answers an unconfirmed POST with a confirmation page that
carries the posted fields as hidden inputs and posts them again to the same address with ``confirmed=yes``; the
view runs only then. Without JavaScript that page is the whole answer; for an htmx request it is a ``<dialog>``
appended to the page (``HX-Retarget: body``), whose form is an ordinary form, so confirming works the same way.
"""

from collections.abc import Callable
from functools import wraps

from django.shortcuts import render

CONFIRMED = "confirmed"


def confirm_first(question: str | Callable[..., str | None]):
    """Decorate a view: an unconfirmed POST is asked ``question`` first — a lazily translated sentence, or a
    function of the view's arguments returning one, or None when this POST needs no confirmation (a draft saved
    on the page that also signs off); everything else goes straight to the view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            asked = question(request, *args, **kwargs) if callable(question) else question
            if request.method != "POST" or request.POST.get(CONFIRMED) == "yes" or asked is None:
                return view(request, *args, **kwargs)
            fields = [(k, v) for k, values in request.POST.lists() if k != "csrfmiddlewaretoken" for v in values]
            context = {"question": asked, "fields": fields, "action": request.get_full_path()}
            if request.htmx:
                response = render(request, "_confirm.html", context)
                response["HX-Retarget"], response["HX-Reswap"] = "body", "beforeend"
                return response
            return render(request, "confirm.html", context)

        return wrapped

    return decorator
