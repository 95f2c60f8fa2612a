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

    def selects(self) -> list[tuple[forms.BoundField, str, list[tuple[str, str]]]]:
        """``[(field, current value, [(value, label)])]`` of the select fields, for the page to write out: a
        province has 180 plans, and Django's widget renders each option through a template of its own (a third
        of the page's time)."""
        return [
            (field, str(field.value() or ""), [(str(value), label) for value, label in field.field.choices])
            for field in self
            if field.name != "q"
        ]

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


class BulletinTextForm(forms.Form):
    """The words of a draft the office writes itself: 按语/导语, closing paragraph, 附件说明 (one name a line)."""

    preface = forms.CharField(label=_("按语/导语"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    closing = forms.CharField(label=_("结束语"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    attachments = forms.CharField(
        label=_("附件名称"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("每行一个附件名称；没有附件则留空。"),
    )

    @classmethod
    def for_snapshot(cls, snapshot: dict) -> "BulletinTextForm":
        initial = {key: snapshot.get(key, "") for key in ("preface", "closing")}
        return cls(initial=dict(initial, attachments="\n".join(snapshot.get("attachments", []))))
