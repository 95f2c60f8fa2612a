"""The sign-in policy on every request: end a timed-out session, then require the second factor, then a
password change when one is due. Only the pages needed to get there stay open (and the public pages)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from dukao.accounts import duties, otp, sessions
from dukao.accounts.passwords import password_change_reason
from dukao.audit.signals import SESSION_EXPIRED
from dukao.lib.permissions import deny_unless

#: Views a signed-in user reaches before the second factor (and the public portal, whose names start "portal:").
OPEN_VIEWS = {"login", "logout", "set_language", "accounts:otp_verify", "accounts:otp_setup"}


class AccountPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = timezone.now()
            if sessions.session_expired(request.session, user, now):
                request.logout_reason = SESSION_EXPIRED  # the logout's audit event says why
                logout(request)
                messages.info(request, _("长时间未操作或登录时间过长，已自动退出，请重新登录。"))
                return _redirect(request, redirect_to_login(request.get_full_path()).url)
            sessions.session_touch(request.session, now)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        name = request.resolver_match.view_name
        if not request.user.is_authenticated or name in OPEN_VIEWS or name.startswith("portal:"):
            return None
        if settings.DUKAO_REQUIRE_OTP and not sessions.otp_verified(request.session):
            step = "accounts:otp_verify" if otp.enrolled(request.user) else "accounts:otp_setup"
            return _redirect(request, _with_next(step, request))
        if name != "accounts:password_change" and password_change_reason(request.user):
            return _redirect(request, _with_next("accounts:password_change", request))
        return None


class DutyMiddleware:
    """Each role does its own work only: a signed-in user opens a page only if ``accounts.duties`` gives the
    page's action to their role; a page without an entry there is refused to everyone signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.user.is_authenticated:
            allowed = duties.page_allows(request.user.role, request.resolver_match.view_name)
            deny_unless(allowed, _("您的角色不办理此项工作。"))
        return None


def _with_next(view_name: str, request) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}"


def _redirect(request, url: str):
    """An htmx request (e.g. a draft's autosave) turns into a whole-page visit, not a swapped fragment."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
