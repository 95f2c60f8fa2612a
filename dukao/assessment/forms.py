"""Forms of the assessment pages; they clean input, the services decide."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from dukao.assessment.models import AdjustmentKind
from dukao.lib.forms import NumberField
from dukao.plans.models import Task


class RunForm(forms.Form):
    year = forms.IntegerField(label=_("考核年度"), min_value=2000, max_value=2100)
    period = forms.DateField(
        label=_("截至报告期"),
        required=False,
        input_formats=["%Y-%m", "%Y-%m-%d"],
        error_messages={"invalid": _("报告期格式应为“年-月”，如 2019-12。")},
    )
    title = forms.CharField(label=_("名称"), max_length=200, required=False)


class OpenAppealsForm(forms.Form):
    deadline = forms.DateField(
        label=_("申诉截止日期"), error_messages={"invalid": _("日期格式应为“年-月-日”，如 2020-01-15。")}
    )


class AppealForm(forms.Form):
    task = forms.ModelChoiceField(
        label=_("涉及任务"),
        queryset=Task.objects.none(),
        required=False,
        empty_label=_("（对总分申诉，不涉及具体任务）"),
    )
    reason = forms.CharField(label=_("申诉理由"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    file = forms.FileField(label=_("佐证材料"), required=False)

    def __init__(self, *args, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = tasks if tasks is not None else Task.objects.none()


class _ChangeFields(forms.Form):
    """``value`` is entered as a completion in % for 更正完成率 (stored as a ratio) and as points for 加减分."""

    value = NumberField(label=_("调整值"), required=False, max_digits=8, decimal_places=2)

    def clean(self):
        data = super().clean()
        if data.get("value") is not None and data.get("kind") == AdjustmentKind.COMPLETION:
            data["value"] = data["value"] / 100
        return data


class AdjustmentForm(_ChangeFields):
    kind = forms.ChoiceField(label=_("调整方式"), choices=AdjustmentKind.choices)
    task = forms.ModelChoiceField(
        label=_("任务"), queryset=Task.objects.none(), required=False, empty_label=_("（加减分不选任务）")
    )
    reason = forms.CharField(label=_("调整理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    field_order = ["kind", "task", "value", "reason"]

    def __init__(self, *args, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = tasks if tasks is not None else Task.objects.none()


class DecideForm(_ChangeFields):
    """Accept or reject an appeal; an accepted appeal may carry the adjustment it leads to (on its task)."""

    accept = forms.TypedChoiceField(
        label=_("处理结果"), choices=[("1", _("采纳")), ("0", _("不予采纳"))], coerce=lambda v: v == "1"
    )
    decision = forms.CharField(label=_("处理意见"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    kind = forms.ChoiceField(label=_("随之调整"), choices=[("", _("不调整"))] + AdjustmentKind.choices, required=False)
    field_order = ["accept", "decision", "kind", "value"]


def errors_text(form: forms.Form) -> str:
    """Every error of a form in one sentence, each with its field's label: 调整值：请输入一个数字。"""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{''.join(errors)}" if label else "".join(errors))
    return "；".join(parts)


def default_deadline(today: date) -> date:
    """The appeal window the page proposes: a week from ``today`` (the office may pick any later day)."""
    return date.fromordinal(today.toordinal() + 7)
