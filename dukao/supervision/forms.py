from django import forms
from django.utils.translation import gettext_lazy as _

from dukao.plans.models import Plan, Task
from dukao.plans.selectors import linked_units, responsible_cadres
from dukao.supervision.models import TaskStatusChoice
from dukao.supervision.selectors import UNIT_ROLES, UNTYPED, StatusFilter, type_label

#: The longest keyword kept (a longer one is cut, not refused).
KEYWORD_LENGTH = 100


class StatusFilterForm(forms.Form):
    """The filters of the status list (the 督查台账) and its export, kept in the URL
    (``?status=behind&type=A&plan=1&unit=7&role=any&leader=3&q=教育``), as the dashboard links to it. ``type`` is a
    target-type code, or ``none`` for tasks without one; ``role`` says how ``unit`` is on the task (lead unit by
    default). An unknown value is an invalid form (the page answers 404)."""

    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部")), *TaskStatusChoice.choices], required=False)
    type = forms.ChoiceField(label=_("目标类型"), required=False)
    plan = forms.ModelChoiceField(label=_("分解表"), queryset=Plan.objects.all(), required=False, empty_label=_("全部"))
    unit = forms.ModelChoiceField(label=_("单位"), queryset=linked_units(), required=False, empty_label=_("全部"))
    role = forms.ChoiceField(
        label=_("作为"),
        choices=[("lead", _("牵头单位")), ("cooperating", _("配合单位")), ("any", _("牵头或配合"))],
        required=False,
    )
    leader = forms.ModelChoiceField(
        label=_("责任领导"), queryset=responsible_cadres(), required=False, empty_label=_("全部")
    )
    q = forms.CharField(label=_("关键词"), required=False, strip=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = Task.objects.order_by("target_type").values_list("target_type", flat=True).distinct()
        self.fields["type"].choices = [("", _("全部"))] + [(code or UNTYPED, type_label(code)) for code in codes]

    def status_filter(self) -> StatusFilter:
        """The filters; call after ``is_valid()``."""
        data = self.cleaned_data
        code = data["type"]
        return StatusFilter(
            status=data["status"],
            target_type=None if not code else "" if code == UNTYPED else code,
            plan=data["plan"],
            unit=data["unit"],
            role=data["role"] if data["role"] in UNIT_ROLES else "lead",
            leader=data["leader"],
            text=data["q"][:KEYWORD_LENGTH],
        )
