from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from dukao.accounts import permissions, services
from dukao.accounts.forms import IssuePasswordForm, IssueUserCreationForm
from dukao.accounts.models import ApprovalKind, User
from dukao.accounts.permissions import is_security_admin
from dukao.audit.admin import AuditedAdmin


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    """Passwords an administrator sets are issued ones (changed at the next sign-in)."""

    list_display = ["username", "last_name", "first_name", "unit", "role", "is_active"]
    list_filter = ["role", "is_active", "unit__kind"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("单位与角色"), {"fields": ["unit", "role"]}),
        (_("钉钉登录"), {"fields": ["dingtalk_userid"]}),
        (_("密码策略"), {"fields": ["must_change_password", "password_changed_at"]}),
    ]
    #: A new account: the person, the unit and an issued password; its role is the security administrator's.
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["username", "last_name", "first_name", "unit", "password1", "password2"]},
        )
    ]
    readonly_fields = ["password_changed_at"]
    add_form = IssueUserCreationForm
    change_password_form = IssuePasswordForm
    actions = ["unlock", "reset_otp"]

    #: What each administrator may change on an account (三权分立): the system administrator the person and the
    #: unit, the security administrator the role and the policy fields; is_staff follows the role.
    SYSTEM_FIELDS = {"username", "first_name", "last_name", "email", "unit", "is_active", "dingtalk_userid"}
    #: 须修改密码 is nobody's to untick: an issued password is always changed at the next sign-in.
    SECURITY_FIELDS = {"role"}

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        editable = self.SECURITY_FIELDS if is_security_admin(request.user) else self.SYSTEM_FIELDS
        every = {f for _name, options in self.get_fieldsets(request, obj) for f in options["fields"]}
        return sorted((every - editable - {"password"}) | {"password_changed_at"})

    def get_form(self, request, obj=None, **kwargs):
        """A role changed on the form is checked by the one rule (``permissions.role_change_refusal``)."""
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            return form
        actor, before = request.user, obj.role

        class RoleChecked(form):
            def clean_role(self):
                role = self.cleaned_data["role"]
                if role != before and (refusal := permissions.role_change_refusal(actor, obj, role)):
                    raise ValidationError(refusal)
                return role

            def clean(self):
                """An administrator's DingTalk binding and active flag change only through two administrators."""
                data = super().clean()
                if permissions.credentials_need_approval(obj):
                    for field in {"dingtalk_userid", "is_active"} & set(self.changed_data):
                        self.add_error(field, permissions.APPROVAL_NEEDED_FOR_ACCESS)
                return data

        return RoleChecked

    def save_model(self, request, obj, form, change):
        """A role changes through ``services.role_assign`` (checked and audited), the other fields as usual."""
        role = obj.role
        if change and "role" in form.changed_data:
            obj.role = form.initial["role"]
        super().save_model(request, obj, form, change)
        if role != obj.role:
            services.role_assign(actor=request.user, user=obj, role=role)

    def user_change_password(self, request, id, form_url=""):
        """The system administrator issues a password through ``services.password_issue`` (checked, audited,
        changed at the next sign-in); an administrator's password is reset through two administrators."""
        user = self.get_object(request, unquote(id))
        if user is None:
            return super().user_change_password(request, id, form_url)
        if refusal := permissions.password_issue_refusal(request.user, user):
            raise PermissionDenied(refusal)
        if permissions.credentials_need_approval(user):
            messages.warning(request, _("管理员账号的密码须经双人审批后重置。"))
            query = urlencode({"user": user.pk, "kind": ApprovalKind.PASSWORD})
            return redirect(f"{reverse('accounts:approval_list')}?{query}")
        form = self.change_password_form(user, request.POST) if request.method == "POST" else None
        if form is not None and form.is_valid() and form.cleaned_data["set_usable_password"]:
            services.password_issue(actor=request.user, user=user, password=form.cleaned_data["password1"])
            messages.success(request, _("已下发密码：用户下次登录后须先修改。"))
            return redirect("admin:accounts_user_change", user.pk)
        return super().user_change_password(request, id, form_url)

    def has_security_permission(self, request) -> bool:
        """Unlocking and resetting second factors are the security administrator's (三权分立)."""
        return is_security_admin(request.user) or request.user.is_superuser

    @admin.action(description=_("解除登录锁定"), permissions=["security"])
    def unlock(self, request, queryset):
        names = [u.username for u in queryset if services.account_unlock(actor=request.user, username=u.username)]
        self.message_user(request, _("已解除锁定：%(names)s") % {"names": "、".join(names) or "—"}, messages.SUCCESS)

    @admin.action(description=_("重置动态口令（用户下次登录时重新绑定）"), permissions=["security"])
    def reset_otp(self, request, queryset):
        done = 0
        for user in queryset:
            try:
                services.otp_reset(actor=request.user, user=user)
                done += 1
            except PermissionDenied as refusal:
                self.message_user(request, f"{user.username}：{refusal}", messages.ERROR)
        self.message_user(request, _("已重置 %(count)d 个账号的动态口令。") % {"count": done}, messages.SUCCESS)
