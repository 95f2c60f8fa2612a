from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from dukao.accounts import services
from dukao.accounts.forms import IssuePasswordForm, IssueUserCreationForm
from dukao.accounts.models import User
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

    @admin.action(description=_("解除登录锁定"))
    def unlock(self, request, queryset):
        names = [u.username for u in queryset if services.account_unlock(actor=request.user, username=u.username)]
        self.message_user(request, _("已解除锁定：%(names)s") % {"names": "、".join(names) or "—"}, messages.SUCCESS)

    @admin.action(description=_("重置动态口令（用户下次登录时重新绑定）"))
    def reset_otp(self, request, queryset):
        for user in queryset:
            services.otp_reset(actor=request.user, user=user)
        message = _("已重置 %(count)d 个账号的动态口令。") % {"count": len(queryset)}
        self.message_user(request, message, messages.SUCCESS)
