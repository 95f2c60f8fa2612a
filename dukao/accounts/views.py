"""The steps after the password: the second factor (verify or enrol) and a due password change; sign-in with
DingTalk / 浙政钉, which leads to the same second factor."""

import secrets

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from dukao.accounts import dingtalk, otp, services, sessions
from dukao.accounts.forms import ApprovalProposeForm, OtpForm
from dukao.accounts.models import ADMIN_ROLES, AdminApproval
from dukao.accounts.passwords import password_change_reason
from dukao.lib.ratelimits import limited

WRONG_CODE = _("动态口令不正确、已使用过或尝试过于频繁，请等待下一个口令后重试。")
#: The session key of a DingTalk sign-in under way: its one-time ``state`` and where to go afterwards.
DINGTALK_PENDING = "dukao_dingtalk_pending"


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def otp_verify(request):
    if not otp.enrolled(request.user):
        return redirect("accounts:otp_setup")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.otp_check(user=request.user, code=form.cleaned_data["code"]):
            sessions.otp_mark_verified(request.session)
            return redirect(_next(request))
        form.add_error("code", WRONG_CODE)
    elif request.method == "POST":  # not even a code: a failed attempt all the same
        services.otp_failed(user=request.user)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next(request)})


@login_required
def otp_setup(request):
    """Enrol (at the first sign-in, or to replace the app from a session that already gave a code)."""
    if otp.enrolled(request.user) and not sessions.otp_verified(request.session):
        return redirect("accounts:otp_verify")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.otp_enrolment_confirm(user=request.user, code=form.cleaned_data["code"]):
            sessions.otp_mark_verified(request.session)
            messages.success(request, _("动态口令已绑定，以后每次登录都需输入。"))
            return redirect(_next(request))
        form.add_error("code", WRONG_CODE)
    enrolment = (request.method == "POST" and otp.enrolment_pending(request.user)) or otp.enrolment_begin(request.user)
    context = {"form": form, "enrolment": enrolment, "qr_svg": enrolment.qr_svg(), "next": _next(request)}
    return render(request, "accounts/otp_setup.html", context)


@login_required
def password_change(request):
    reason = password_change_reason(request.user)
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_change(user=request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("密码已修改；您在其他地方的登录已失效。"))
        return redirect(_next(request))
    return render(request, "accounts/password_change.html", {"form": form, "reason": reason, "next": _next(request)})


@login_required
def approval_list(request):
    """双人审批: the pending and decided changes to administrators' accounts, and the form to propose one; the
    three administrators see it, the system and security administrators propose, another one decides."""
    if request.user.role not in ADMIN_ROLES:
        raise PermissionDenied
    initial = {key: request.GET[key] for key in ("user", "kind") if key in request.GET}
    form = ApprovalProposeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.approval_propose(actor=request.user, **form.cleaned_data)
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("已提出，待另一名管理员审批。"))
            return redirect("accounts:approval_list")
    approvals = AdminApproval.objects.select_related("user", "proposed_by", "decided_by")[:100]
    return render(request, "accounts/approval_list.html", {"form": form, "approvals": approvals})


@login_required
def approval_decide(request, pk: int):
    if request.user.role not in ADMIN_ROLES or request.method != "POST":
        raise PermissionDenied
    approval = get_object_or_404(AdminApproval, pk=pk)
    try:
        services.approval_decide(
            actor=request.user, approval=approval, approve="approve" in request.POST, note=request.POST.get("note", "")
        )
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("审批意见已记录。"))
    return redirect("accounts:approval_list")


class LoginView(auth_views.LoginView):
    """Django's sign-in page, with the “钉钉登录” button when sign-in with DingTalk is configured."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "dingtalk_signin": dingtalk.configured()}


def dingtalk_start(request):
    """To DingTalk's authorize page, with a one-time ``state`` kept in this session (OAuth 2.0's CSRF guard)."""
    if not dingtalk.configured():
        messages.error(request, _("本系统未启用钉钉登录。"))
        return redirect("login")
    state = secrets.token_urlsafe(32)
    request.session[DINGTALK_PENDING] = {"state": state, "next": _next(request)}
    callback = f"{settings.DUKAO_SITE_URL}{reverse('accounts:dingtalk_callback')}"
    return redirect(dingtalk.authorize_url(callback, state))


@limited("sign_in")
def dingtalk_callback(request):
    """DingTalk sends the browser back with ``authCode`` and the ``state``: a state that is not this session's
    pending one is refused; else the code names the person, whose bound account signs in (a locked one does
    not), and ``AccountPolicyMiddleware`` asks for the second factor as after a password."""
    pending = request.session.pop(DINGTALK_PENDING, None) or {}
    if not pending or not secrets.compare_digest(pending["state"], request.GET.get("state", "")):
        services.dingtalk_refused(name="", summary="钉钉登录：state 不符（过期、重放或伪造的回调）")
        return _to_login(request, _("登录请求已失效或来源不明，请重新登录。"))
    code = request.GET.get("authCode") or request.GET.get("code", "")
    if not code:
        services.dingtalk_refused(name="", summary=f"钉钉登录：未授权（{request.GET.get('error', '')}）"[:300])
        return _to_login(request, _("您未在钉钉中同意登录。"))
    try:
        user = services.dingtalk_account(code=code)
    except PermissionDenied as refusal:
        return _to_login(request, str(refusal))
    if AxesProxyHandler.is_locked(request, credentials={"username": user.username}):
        services.dingtalk_refused(name=user.username, summary=f"钉钉登录：账号已锁定：{user.username}")
        return locked_out(request)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(pending["next"])


def _to_login(request, message: str):
    messages.error(request, message)
    return redirect("login")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked username (``AXES_LOCKOUT_CALLABLE``): the same page whether or not the
    account exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
