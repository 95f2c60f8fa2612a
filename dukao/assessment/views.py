"""Pages of the year-end assessment: the list, one assessment's ranking, a unit's breakdown with appeals and
adjustments, and the export for the 综合考评. Views are thin: a selector loads, a form cleans, a service acts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dukao.assessment import forms, permissions, records, selectors, services
from dukao.assessment.exports import assessment_xlsx
from dukao.audit.services import event_record
from dukao.lib.confirm import confirm_first
from dukao.lib.ratelimits import limited
from dukao.lib.serve import upload_response
from dukao.lib.xlsx import XLSX_CONTENT_TYPE
from dukao.plans.models import Task
from dukao.progress.evidence import EvidenceRejected
from dukao.units.models import Cadre

ERRORS = (services.AssessmentError, EvidenceRejected, PermissionDenied)
DONE = {
    "recompute": gettext_lazy("已按当前数据重新计算。"),
    "open_appeals": gettext_lazy("得分已向各单位公布，申诉截止日期已设定。"),
    "finalise": gettext_lazy("考核已定稿：得分与领导干部实绩记录已冻结。"),
}


@login_required
def assessment_list(request):
    form = forms.RunForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    if request.method == "POST":
        if form.is_valid():
            try:
                assessment = services.assessment_run(user=request.user, **form.cleaned_data)
            except ERRORS as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("已按当前数据生成考核草稿。"))
                return redirect("assessment:assessment_detail", assessment_id=assessment.pk)
    context = {"assessments": selectors.assessment_list(request.user), "form": form}
    context["can_run"] = permissions.can_run(request.user)
    return render(request, "assessment/assessment_list.html", context)


@login_required
def assessment_detail(request, assessment_id: int):
    assessment = selectors.assessment_get(request.user, assessment_id)
    context = {
        "assessment": assessment,
        "scores": selectors.ranked(selectors.unit_scores(request.user, assessment)),
        "apart": selectors.ranked(selectors.unit_scores(request.user, assessment), apart=True),
        "appeals": selectors.appeals(request.user, assessment),
        "adjustments": assessment.adjustments.select_related("unit", "task", "made_by")
        if permissions.can_read_all(request.user)
        else [],
        "can_run": permissions.can_run(request.user) and not assessment.is_final,
        "can_export": permissions.can_export(request.user),
        "can_report": permissions.can_run(request.user) and assessment.is_final,
        "year_report": selectors.year_report(assessment),
        "open_form": forms.OpenAppealsForm(initial={"deadline": forms.default_deadline(timezone.localdate())}),
        "rules": selectors.rules_table(assessment),
        "later": selectors.later_corrections(assessment),
    }
    return render(request, "assessment/assessment_detail.html", context)


#: The actions asked for confirmation first: publishing the scores (公布得分, opens the appeal window) and 定稿.
QUESTIONS = {
    "open_appeals": gettext_lazy("公布得分后，各单位可查看本单位得分并提出申诉。确认公布得分？"),
    "finalise": gettext_lazy("定稿后得分冻结，不能再调整。确认定稿？"),
}


@login_required
@require_POST
@confirm_first(lambda request, assessment_id, action: QUESTIONS.get(action))
def assessment_action(request, assessment_id: int, action: str):
    """recompute | open_appeals | finalise, by the office."""
    assessment = selectors.assessment_get(request.user, assessment_id)
    try:
        if action == "recompute":
            services.assessment_recompute(assessment=assessment, user=request.user)
        elif action == "open_appeals":
            form = forms.OpenAppealsForm(request.POST)
            if not form.is_valid():
                raise services.AssessmentError(_("请填写有效的申诉截止日期。"))
            services.assessment_open_appeals(assessment=assessment, user=request.user, **form.cleaned_data)
        elif action == "finalise":
            services.assessment_finalise(assessment=assessment, user=request.user)
        else:
            raise Http404
    except ERRORS as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, DONE[action])
    return redirect("assessment:assessment_detail", assessment_id=assessment.pk)


@login_required
def unit_detail(request, assessment_id: int, unit_id: int):
    """A unit's score, how it was computed task by task, its appeals; the appeal form for its head and the
    adjustment form for the office."""
    assessment = selectors.assessment_get(request.user, assessment_id)
    score = selectors.unit_score_get(request.user, assessment, unit_id)
    task_scores = selectors.unit_task_scores(assessment, unit_id)
    tasks = Task.objects.filter(pk__in=[s.task_id for _role, s in task_scores])  # the forms' choices
    can_appeal = (
        permissions.can_appeal(request.user, assessment, timezone.localdate()) and request.user.unit_id == unit_id
    )
    can_adjust = permissions.can_run(request.user) and not assessment.is_final
    appeal_form = forms.AppealForm(request.POST or None, request.FILES or None, tasks=tasks, prefix="appeal")
    adjust_form = forms.AdjustmentForm(request.POST or None, tasks=tasks, prefix="adjust")
    if request.method == "POST":
        form = appeal_form if "appeal-reason" in request.POST else adjust_form
        if form.is_valid() and _act(request, assessment, score.unit, form):
            return redirect("assessment:unit_detail", assessment_id=assessment.pk, unit_id=unit_id)
        if not form.is_valid():
            messages.error(request, forms.errors_text(form))
    context = {
        "assessment": assessment,
        "score": score,
        "task_scores": task_scores,
        "appeals": selectors.appeals(request.user, assessment).filter(unit_id=unit_id),
        "appeal_form": appeal_form if can_appeal else None,
        "adjust_form": adjust_form if can_adjust else None,
        "can_run": can_adjust,
    }
    return render(request, "assessment/unit_detail.html", context)


def _act(request, assessment, unit, form) -> bool:
    """Submit an appeal or add an adjustment from a valid form; a refusal becomes a message."""
    data = form.cleaned_data
    try:
        if isinstance(form, forms.AppealForm):
            upload = data.get("file")
            services.appeal_submit(
                assessment=assessment,
                user=request.user,
                reason=data["reason"],
                task=data.get("task"),
                content=upload.read() if upload else None,
                file_name=upload.name if upload else "",
            )
        else:
            change = services.AdjustmentInput(data["kind"], data["reason"], data.get("task"), data.get("value"))
            services.adjustment_add(assessment=assessment, user=request.user, unit=unit, change=change)
    except ERRORS as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, _("已提交。"))
    return True


@login_required
def appeal_detail(request, assessment_id: int, appeal_id: int):
    """One appeal: GET shows it with the unit's score and, once decided, what the decision changed; POST decides
    it (the office)."""
    assessment = selectors.assessment_get(request.user, assessment_id)
    appeal = get_object_or_404(selectors.appeals(request.user, assessment), pk=appeal_id)
    form = forms.DecideForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid() and _decide(request, appeal, form.cleaned_data):
            return redirect("assessment:appeal_detail", assessment_id=assessment.pk, appeal_id=appeal.pk)
        if not form.is_valid():
            messages.error(request, forms.errors_text(form))
    can_decide = permissions.can_run(request.user) and not assessment.is_final and appeal.state == "pending"
    context = {
        "assessment": assessment,
        "appeal": appeal,
        "score": assessment.unit_scores.filter(unit_id=appeal.unit_id).first(),
        "task_score": assessment.task_scores.filter(task_id=appeal.task_id).first() if appeal.task_id else None,
        "form": form if can_decide else None,
    }
    return render(request, "assessment/appeal_detail.html", context)


def _decide(request, appeal, data) -> bool:
    """Decide an appeal from a valid form; a refusal becomes a message."""
    change = (
        services.AdjustmentInput(data["kind"], data["decision"], appeal.task, data["value"]) if data["kind"] else None
    )
    try:
        services.appeal_decide(
            appeal=appeal, user=request.user, accept=data["accept"], decision=data["decision"], change=change
        )
    except ERRORS as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, _("申诉已处理，得分已重新计算。"))
    return True


@login_required
def appeal_file(request, assessment_id: int, appeal_id: int):
    """An appeal's evidence, to those who may read the appeal: served with the type its content shows, PDFs and
    images inline, under the sandbox policy of every upload (``lib.serve``)."""
    assessment = selectors.assessment_get(request.user, assessment_id)
    appeal = get_object_or_404(selectors.appeals(request.user, assessment), pk=appeal_id)
    if not appeal.file:
        raise Http404
    return upload_response(appeal.file, appeal.original_name, download="download" in request.GET)


@login_required
@limited("export")
def assessment_export(request, assessment_id: int):
    assessment = selectors.assessment_get(request.user, assessment_id)
    if not permissions.can_export(request.user):
        raise PermissionDenied(_("无权导出考核结果。"))
    event_record(actor=request.user, action="assessment.export", obj=assessment, summary="xlsx")
    response = HttpResponse(assessment_xlsx(assessment), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="assessment-{assessment.year}-{assessment.pk}.xlsx"'
    return response


@login_required
@require_POST
@limited("render")
@confirm_first(gettext_lazy("印发后报告编号并冻结，不能再修改。确认印发年度目标任务完成情况报告？"))
def year_report_issue(request, assessment_id: int):
    """区政府办公室 issues the year-end report of a final assessment."""
    assessment = selectors.assessment_get(request.user, assessment_id)
    try:
        report = services.year_report_issue(assessment=assessment, user=request.user)
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已印发%(number)s。") % {"number": report.document_number})
    return redirect("assessment:assessment_detail", assessment_id=assessment.pk)


DOCUMENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
def year_report_file(request, assessment_id: int, fmt: str):
    """The issued year-end report as pdf or docx (downloads) or html, to those who take the results (区委办公室,
    区政府办公室)."""
    assessment = selectors.assessment_get(request.user, assessment_id)
    report = selectors.year_report(assessment)
    if not permissions.can_export(request.user):
        raise PermissionDenied(_("无权导出考核结果。"))
    if report is None or fmt not in DOCUMENT_TYPES:
        raise Http404
    response = HttpResponse(services.year_report_render(report, fmt), content_type=DOCUMENT_TYPES[fmt])
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="year-report-{assessment.year}.{fmt}"'
    return response


def _year(request) -> int:
    """The ``year`` query parameter (a year with plans), default the latest year with plans; else ``Http404``."""
    text = request.GET.get("year", "")
    if not text:
        return selectors.latest_plan_year()
    if not text.isdigit() or int(text) not in selectors.plan_years():
        raise Http404
    return int(text)


@login_required
def record_list(request):
    """Every cadre in office during the year with the key figures of their performance record."""
    if not permissions.can_read_all(request.user):
        raise PermissionDenied(_("无权查看领导干部实绩记录。"))
    year = _year(request)
    cadres = selectors.cadres_of_year(year)
    by_cadre = records.year_records(cadres, year)
    context = {"year": year, "years": selectors.plan_years(), "rows": [(c, by_cadre[c.pk]) for c in cadres]}
    return render(request, "assessment/record_list.html", context)


@login_required
def record_detail(request, cadre_id: int):
    """A cadre's record for the year and its 研判: peers of the same kind and earlier years."""
    if not permissions.can_read_all(request.user):
        raise PermissionDenied(_("无权查看领导干部实绩记录。"))
    cadre = get_object_or_404(Cadre.objects.select_related("unit"), pk=cadre_id)
    year = _year(request)
    context = {
        "cadre": cadre,
        "year": year,
        "years": selectors.plan_years(),
        "record": records.year_records([cadre], year)[cadre.pk],
        "peers": records.peer_table(cadre, year),
        "earlier": records.earlier_years(cadre, year),
        "months": range(1, 13),
    }
    return render(request, "assessment/record_detail.html", context)
