from django import forms
from django.utils.translation import gettext_lazy as _

from dukao.plans.models import Plan
from dukao.supervision.models import TaskStatusChoice
from dukao.supervision.selectors import UNTYPED, StatusFilter
from dukao.units.models import Unit


class StatusFilterForm(forms.Form):
    """The optional filters of the status list (``?status=behind&type=A&plan=1&unit=7``), as the dashboard
    links to it. ``type`` is a target-type code, or ``none`` for tasks without one."""

    status = forms.ChoiceField(label=_("状态"), choices=TaskStatusChoice.choices, required=False)
    type = forms.RegexField(label=_("目标类型"), regex=rf"^({UNTYPED}|[A-Za-z]{{1,10}})$", required=False)
    plan = forms.ModelChoiceField(label=_("分解表"), queryset=Plan.objects.all(), required=False)
    unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=Unit.objects.all(), required=False)

    def status_filter(self) -> StatusFilter:
        """The filters; call after ``is_valid()``."""
        data = self.cleaned_data
        code = data["type"]
        return StatusFilter(
            status=data["status"],
            target_type=None if not code else "" if code == UNTYPED else code,
            plan=data["plan"],
            unit=data["unit"],
        )
