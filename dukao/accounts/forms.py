"""Forms of the sign-in steps; they only clean and validate."""

from django import forms
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm
from django.contrib.auth.password_validation import validate_password
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from dukao.accounts.models import ADMIN_ROLES, ApprovalKind, Role, User


class OtpForm(forms.Form):
    code = forms.CharField(
        label=_("动态口令"),
        max_length=8,
        validators=[RegexValidator(r"^\s*\d{6,8}\s*$", _("请输入验证器应用显示的 6 位数字。"), code="otp_format")],
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class IssuePasswordForm(AdminPasswordChangeForm):
    """A password an administrator sets is an issued one: the user changes it at the next sign-in."""

    def save(self, commit=True):
        self.user.must_change_password = True
        return super().save(commit)


class IssueUserCreationForm(AdminUserCreationForm):
    """A new account's password is an issued one too."""

    def save(self, commit=True):
        self.instance.must_change_password = True
        return super().save(commit)


class ApprovalProposeForm(forms.Form):
    """A change to an administrator's account, proposed for another administrator's approval."""

    user = forms.ModelChoiceField(label=_("账号"), queryset=User.objects.filter(is_active=True))
    kind = forms.ChoiceField(label=_("事项"), choices=ApprovalKind.choices)
    role = forms.ChoiceField(label=_("拟变更角色"), choices=[("", "—"), *Role.choices], required=False)
    password = forms.CharField(label=_("拟下发密码"), required=False, widget=forms.PasswordInput)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        user, kind = data.get("user"), data.get("kind")
        if user is None or kind is None:
            return data
        if kind == ApprovalKind.ROLE:
            role = data.get("role")
            if not role or role == user.role:
                self.add_error("role", _("请选择与现有角色不同的角色。"))
            elif role not in ADMIN_ROLES and user.role not in ADMIN_ROLES:
                self.add_error("role", _("业务角色由安全管理员直接分配，无须审批。"))
        elif user.role not in ADMIN_ROLES:
            self.add_error("user", _("业务账号的密码和动态口令由管理员直接重置，无须审批。"))
        elif kind == ApprovalKind.PASSWORD:
            try:
                validate_password(data.get("password") or "", user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data
