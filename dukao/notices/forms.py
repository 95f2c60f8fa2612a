"""The person's settings of one channel (the preferences page shows one form per channel)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    enabled = forms.BooleanField(label=_("启用"), required=False)
    digest = forms.BooleanField(label=_("每日汇总"), required=False, help_text=_("每天汇总发送一次，而不是逐条发送"))
    quiet_from = forms.TimeField(label=_("免打扰开始"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    quiet_to = forms.TimeField(label=_("免打扰结束"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    address = forms.CharField(label=_("接收地址"), required=False, max_length=100)
