"""Forms of the sign-in steps; they only clean and validate."""

from django import forms
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


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
