from django import forms
from django.utils.translation import gettext_lazy as _

from dukao.plans.models import Comparator, Indicator, IndicatorKind, LeadRule, MissingRows
from dukao.plans.parsing.reader import MAX_BYTES
from dukao.plans.selectors import CadreFilter, TaskFilter
from dukao.units.models import CadreRole


class TaskFilterForm(forms.Form):
    """The filters above a plan's task table. A value that does not validate is ignored (and its error
    shown); the other filters still apply."""

    lead = forms.TypedChoiceField(label=_("牵头部门"), required=False, coerce=int, empty_value=None)
    cooperating = forms.TypedChoiceField(label=_("配合部门"), required=False, coerce=int, empty_value=None)
    target_type = forms.ChoiceField(label=_("目标类型"), required=False)
    text = forms.CharField(label=_("关键词"), required=False, max_length=100)

    def __init__(self, *args, leads=(), cooperating=(), types=(), **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("全部"))]
        self.fields["lead"].choices = everyone + [(u.pk, u.name) for u in leads]
        self.fields["cooperating"].choices = everyone + [(u.pk, u.name) for u in cooperating]
        if typed := [(code, label) for code, label, _n in types if code]:
            self.fields["target_type"].choices = everyone + [(c, f"{c}类 {label}".strip()) for c, label in typed]
        else:
            del self.fields["target_type"]

    def task_filter(self) -> TaskFilter:
        """The filters that validated."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})  # an unbound form has none
        return TaskFilter(
            lead=data.get("lead"),
            cooperating=data.get("cooperating"),
            target_type=data.get("target_type") or "",
            text=(data.get("text") or "").strip(),
        )


class CadreFilterForm(forms.Form):
    """The filters above the cadre list; a value that does not validate is ignored."""

    unit = forms.TypedChoiceField(label=_("单位"), required=False, coerce=int, empty_value=None)
    role = forms.ChoiceField(label=_("角色"), required=False, choices=[("", _("全部")), *CadreRole.choices])
    text = forms.CharField(label=_("姓名或职务"), required=False, max_length=50)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("全部"))] + [(u.pk, u.name) for u in units]

    def cadre_filter(self) -> CadreFilter:
        """The filters that validated."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return CadreFilter(unit=data.get("unit"), role=data.get("role") or "", text=(data.get("text") or "").strip())


class UploadForm(forms.Form):
    """Upload a document for a preview (nothing is written until it is confirmed); refuses oversized files."""

    file = forms.FileField(
        label=_("分解表文件"), help_text=_("支持 .txt（通知文本格式）、.xlsx、.docx、.csv"), allow_empty_file=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("文件“%(name)s”超过 %(mb)d MB 的大小上限。"),
                code="too_large",
                params={"name": upload.name, "mb": MAX_BYTES // 1024 // 1024},
            )
        return upload


class PlanImportForm(UploadForm):
    """A decomposition document, who leads when it has only a 责任单位 column, the title and year to use
    where the document gives none, and what becomes of a stored row with records that the document drops."""

    lead_rule = forms.ChoiceField(
        label=_("只有“责任单位”列时"),
        choices=[
            (LeadRule.FIRST_LISTED, LeadRule.FIRST_LISTED.label),
            (LeadRule.ALL_JOINTLY, LeadRule.ALL_JOINTLY.label),
        ],
    )
    title = forms.CharField(
        label=_("标题"), required=False, max_length=200, help_text=_("文件中没有分解表标题时填写；文件有标题时不使用。")
    )
    year = forms.IntegerField(
        label=_("年度"), required=False, min_value=1949, max_value=2100, help_text=_("文件中没有年度时填写。")
    )
    missing = forms.ChoiceField(
        label=_("已导入、新版不再列出且已有记录的任务"),
        choices=MissingRows.choices,
        initial=MissingRows.WITHDRAW,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("已有填报、状态、督办案件、得分或协调事项等记录的任务从不删除；没有任何记录的任务直接删除。"),
    )


class CadreImportForm(UploadForm):
    """A register of leading cadres."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("领导干部名册文件")
        self.fields["file"].help_text = _("支持 .xlsx、.csv；列：姓名、职务、单位、角色、分管单位、任职起始、任职截止")


class IndicatorForm(forms.ModelForm):
    """One indicator as a person corrects it; checklist items are typed one per line."""

    items_text = forms.CharField(
        label=_("清单项（每行一项）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Indicator
        fields = [
            "kind",
            "comparator",
            "target",
            "stretch",
            "unit",
            "verb",
            "scope",
            "assigned_by_city",
            "approximate",
            "verifier",
            "text",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *IndicatorKind.choices]
        self.fields["comparator"].choices = Comparator.choices
        self.fields["scope"] = forms.ChoiceField(
            label=_("口径"), required=False, choices=[("", "—"), ("increment", _("新增")), ("cumulative", _("累计"))]
        )
        if self.instance.pk:
            self.initial["items_text"] = "\n".join(self.instance.items)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needs_value = kind not in {IndicatorKind.MILESTONE, IndicatorKind.CHECKLIST, IndicatorKind.ZERO_EVENT}
        if kind and needs_value and data.get("target") is None:
            raise forms.ValidationError(
                _("“%(kind)s”类指标需要填写目标值。"),
                code="target_required",
                params={"kind": IndicatorKind(kind).label},
            )
        self.instance.items = [line.strip() for line in data.get("items_text", "").splitlines() if line.strip()]
        return data


IndicatorFormSet = forms.modelformset_factory(Indicator, form=IndicatorForm, extra=1, can_delete=True)
