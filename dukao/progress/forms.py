from django import forms
from django.utils.translation import gettext_lazy as _

from dukao.lib.forms import NumberField
from dukao.plans.models import Indicator, IndicatorKind
from dukao.progress.models import CoordinationRequest

VALUE_KINDS = {
    IndicatorKind.GROWTH,
    IndicatorKind.DECLINE,
    IndicatorKind.QUANTITY,
    IndicatorKind.MONEY,
    IndicatorKind.RATIO,
    IndicatorKind.DURATION,
    IndicatorKind.ZERO_EVENT,
}


class ReportTextForm(forms.Form):
    """The texts of a report; the per-indicator values are read by ``values_from_post``."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    narrative = forms.CharField(label=_("进展情况"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    problems = forms.CharField(label=_("存在问题"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(label=_("下步打算"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    narrative_internal = forms.BooleanField(
        label=_("进展情况不公开（只在系统内可见；未勾选的经核定后在公众门户公开）"), required=False
    )


def values_from_post(post, indicators: list[Indicator]) -> dict[str, dict]:
    """``{indicator id: {"value", "done", "node", "items_done"}}`` from the fields ``v-<id>-value``,
    ``v-<id>-done``, ``v-<id>-node`` and ``v-<id>-items`` of the report form."""
    values = {}
    for indicator in indicators:
        prefix = f"v-{indicator.pk}-"
        values[str(indicator.pk)] = {
            "value": post.get(prefix + "value", ""),
            "done": post.get(prefix + "done") == "on",
            "node": post.get(prefix + "node", ""),
            "items_done": [i for i in post.getlist(prefix + "items") if i in indicator.items],
        }
    return values


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("佐证材料"), help_text=_("图片、PDF 或 Office 文档，不超过 20 MB"))


class ContributionForm(forms.Form):
    period = forms.DateField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("配合工作情况"), widget=forms.Textarea(attrs={"rows": 3}))


class CoordinationRequestForm(forms.ModelForm):
    class Meta:
        model = CoordinationRequest
        fields = ["subject", "needed", "needed_from", "due"]
        widgets = {
            "due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "needed": forms.Textarea(attrs={"rows": 4}),
        }


class RequestHandleForm(forms.Form):
    """区政府办公室's step on a request: assign to a unit, answer, or close."""

    action = forms.ChoiceField(
        label=_("办理"), choices=[("assign", _("交办")), ("answer", _("答复")), ("close", _("办结"))]
    )
    assigned_to = forms.ModelChoiceField(label=_("承办单位"), queryset=None, required=False)
    instruction = forms.CharField(label=_("交办意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.CharField(label=_("答复"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = units


class RequestAnswerForm(forms.Form):
    """The assigned unit's answer to a request."""

    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 3}))


class SchedulePointForm(forms.Form):
    indicator = forms.IntegerField(label=_("指标"), widget=forms.HiddenInput)
    due = forms.DateField(label=_("节点日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    share = NumberField(
        label=_("计划完成比例（%）"), required=False, min_value=0, max_value=1000, max_digits=7, decimal_places=2
    )
    value = NumberField(label=_("计划值"), required=False, max_digits=24, decimal_places=4)
    node = forms.CharField(label=_("计划节点"), required=False, max_length=200)


SchedulePointFormSet = forms.formset_factory(SchedulePointForm, extra=1, can_delete=True)


class ScheduleReasonForm(forms.Form):
    reason = forms.CharField(label=_("调整理由"), widget=forms.Textarea(attrs={"rows": 2}))
    starts_on = forms.DateField(
        label=_("计划起始日"),
        required=False,
        help_text=_("年中开始的进度计划从此日起计算序时进度；留空为1月1日。"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ScheduleDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(choices=[("1", _("批准")), ("0", _("不批准"))], coerce=lambda v: v == "1")
    note = forms.CharField(label=_("审批意见"), required=False)
