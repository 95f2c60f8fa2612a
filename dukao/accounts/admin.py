from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from dukao.accounts import services
from dukao.accounts.forms import IssuePasswordForm, IssueUserCreationForm
from dukao.accounts.models import User
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
        (_("密码策略"), {"fields": ["must_change_password", "password_changed_at"]}),
    ]
    readonly_fields = ["password_changed_at"]
    add_form = IssueUserCreationForm
    change_password_form = IssuePasswordForm
    actions = ["unlock", "reset_otp"]

    #: What each administrator may change on an account (三权分立): the system administrator the person and the
    #: unit, the security administrator the role and the policy fields; is_staff follows the role.
    SYSTEM_FIELDS = {"username", "first_name", "last_name", "email", "unit", "is_active"}
    SECURITY_FIELDS = {"role", "must_change_password"}

    def get_readonly_fields(self, request, obj=None):
        editable = self.SECURITY_FIELDS if is_security_admin(request.user) else self.SYSTEM_FIELDS
        if request.user.is_superuser or obj is None:
            editable = editable | (self.SECURITY_FIELDS if obj is None else set())
        every = {f for _name, options in self.get_fieldsets(request, obj) for f in options["fields"]}
        return sorted((every - editable - {"password"}) | {"password_changed_at"})

    def has_security_permission(self, request) -> bool:
        """Unlocking and resetting second factors are the security administrator's (三权分立)."""
        return is_security_admin(request.user) or request.user.is_superuser

    @admin.action(description=_("解除登录锁定"), permissions=["security"])
    def unlock(self, request, queryset):
        names = [u.username for u in queryset if services.account_unlock(actor=request.user, username=u.username)]
        self.message_user(request, _("已解除锁定：%(names)s") % {"names": "、".join(names) or "—"}, messages.SUCCESS)

    @admin.action(description=_("重置动态口令（用户下次登录时重新绑定）"), permissions=["security"])
    def reset_otp(self, request, queryset):
        for user in queryset:
            services.otp_reset(actor=request.user, user=user)
        message = _("已重置 %(count)d 个账号的动态口令。") % {"count": len(queryset)}
        self.message_user(request, message, messages.SUCCESS)
