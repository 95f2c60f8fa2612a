"""The steps after the password: the second factor (verify or enrol) and a due password change."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from dukao.accounts import otp, services, sessions
from dukao.accounts.forms import ApprovalProposeForm, OtpForm
from dukao.accounts.models import ADMIN_ROLES, AdminApproval
from dukao.accounts.passwords import password_change_reason

WRONG_CODE = _("动态口令不正确、已使用过或尝试过于频繁，请等待下一个口令后重试。")


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


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked username (``AXES_LOCKOUT_CALLABLE``): the same page whether or not the
    account exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
