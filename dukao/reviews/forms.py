from django import forms
from django.utils.translation import gettext_lazy as _

from dukao.lib.forms import NumberField


class ReviewForm(forms.Form):
    """A verifier's decision on one indicator of a version."""

    indicator = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("结论"), choices=[("verified", _("核定")), ("returned", _("退回"))])
    verified_value = NumberField(label=_("核定值"), required=False, max_digits=24, decimal_places=4)
    verified_done = forms.BooleanField(label=_("核定已达成"), required=False)
    reason = forms.CharField(label=_("意见或退回理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "returned" and not (data.get("reason") or "").strip():
            raise forms.ValidationError(_("退回时请填写理由。"), code="reason_required")
        return data
