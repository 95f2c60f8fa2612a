"""The notice centre: a person's notices (unread first in count), opening one (the link every notice carries,
which signs in first), marking read, and the channel settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dukao.notices import selectors, services
from dukao.notices.forms import PreferenceForm
from dukao.notices.models import Channel

PAGE_SIZE = 50


@login_required
def centre(request):
    page = Paginator(selectors.notices_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": selectors.unread_count(request.user)}
    return render(request, "notices/centre.html", context)


@login_required
def open_notice(request, pk: int):
    """Mark the notice read and go to its page (a path of this site; anything else goes to the centre)."""
    notice = get_object_or_404(selectors.notices_of(request.user), pk=pk)
    services.notice_read(notice=notice, user=request.user)
    if url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()}):
        return redirect(notice.url)
    return redirect("notices:centre")


@login_required
@require_POST
def read(request, pk: int):
    notice = get_object_or_404(selectors.notices_of(request.user), pk=pk)
    services.notice_read(notice=notice, user=request.user)
    return redirect("notices:centre")


@login_required
@require_POST
def read_all(request):
    count = services.notices_read_all(user=request.user)
    messages.success(request, _("已将 %(n)d 条消息标为已读。") % {"n": count})
    return redirect("notices:centre")


@login_required
def preferences(request):
    saved = selectors.preferences_of(request.user)
    forms = {
        channel: PreferenceForm(
            request.POST if request.method == "POST" else None,
            prefix=channel,
            initial={f: getattr(p, f) for f in PreferenceForm.base_fields},
        )
        for channel, p in saved.items()
    }
    if request.method == "POST" and all(f.is_valid() for f in forms.values()):
        try:
            services.preferences_save(user=request.user, choices={c: f.cleaned_data for c, f in forms.items()})
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("通知设置已保存。"))
            return redirect("notices:preferences")
    rows = [(Channel(c).label, form) for c, form in forms.items()]
    return render(request, "notices/preferences.html", {"rows": rows, "email": request.user.email})
