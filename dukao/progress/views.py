"""Pages of reporting: the unit's home, the report form, evidence, schedules, coordination requests."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dukao.lib.confirm import confirm_first
from dukao.lib.periods import months_of_year, parse_period, period_key, reporting_deadline
from dukao.lib.serve import upload_response
from dukao.plans import selectors as plan_selectors
from dukao.plans.models import Task
from dukao.progress import permissions, selectors, services
from dukao.progress.evidence import EvidenceRejected
from dukao.progress.forms import (
    VALUE_KINDS,
    ContributionForm,
    CoordinationRequestForm,
    EvidenceForm,
    ReportTextForm,
    RequestAnswerForm,
    RequestHandleForm,
    ScheduleDecisionForm,
    SchedulePointFormSet,
    ScheduleReasonForm,
    values_from_post,
)
from dukao.progress.models import CoordinationRequest, Evidence, ProgressReport, ScheduleRevision
from dukao.units.models import Unit


def _task(task_id: int) -> Task:
    try:
        return plan_selectors.task_for_reporting(task_id)
    except Task.DoesNotExist as exc:
        raise Http404 from exc


def _period(task: Task, text: str):
    try:
        period = parse_period(text)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    if period.year != task.plan.year:
        raise Http404
    return period


def _entries(task: Task, report: ProgressReport | None) -> list[dict]:
    """One entry per indicator for the form: the indicator, its draft value and whether it takes a number."""
    draft = report.draft_values if report else {}
    nodes = selectors.scheduled_nodes(task)
    return [
        {
            "indicator": i,
            "draft": draft.get(str(i.pk), {}),
            "takes_value": i.kind in VALUE_KINDS,
            "nodes": nodes.get(i.pk, []),
        }
        for i in task.indicators.all()
    ]


def _sign_off_question(request, *args, **kwargs):
    """The report page asks before a sign-off (action=submit), not before saving a draft."""
    return SIGN_OFF_QUESTION if request.POST.get("action") == "submit" else None


SIGN_OFF_QUESTION = gettext_lazy("签发提交后，报告送交核定，不能再修改。确认签发提交？")


@login_required
@confirm_first(_sign_off_question)
def report_page(request, task_id: int, period: str):
    """The report of the user's unit on a task for a period: the draft form (autosaved) and sign-off."""
    task = _task(task_id)
    period_date = _period(task, period)
    if not permissions.can_report_on(request.user, task):
        raise PermissionDenied
    report = selectors.unit_report(request.user, task, period_date)
    if report is None:  # a draft is created by the first save (in its transaction), not by looking at the page
        report = ProgressReport(task=task, period=period_date, unit=request.user.unit)
    else:
        report.task = task  # the same row, already loaded with its plan and units
    form = ReportTextForm(request.POST or None, initial=_draft_initial(report))
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            result = _save_or_submit(request, report, form)
        except services.StaleDraft as exc:
            stale = exc  # show the newer draft; the refused text is shown beside it, nothing is lost
            report = ProgressReport.objects.get(pk=exc.report.pk)
            form = ReportTextForm(initial=_draft_initial(report))
            stale.refused = request.POST.get("narrative", "")
        except (ValueError, services.WorkflowError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                exc = services.WorkflowError(_("报告已提交或无权修改，本次修改未保存。"))
            if request.htmx:
                return render(request, "progress/_autosaved.html", {"report": report, "error": exc})
            messages.error(request, str(exc))
        else:
            if request.htmx:
                return render(request, "progress/_autosaved.html", {"report": result})
            return redirect("progress:report_page", task_id=task.pk, period=period)
        if request.htmx:
            return render(request, "progress/_autosaved.html", {"report": report, "stale": stale})
    context = {
        "task": task,
        "report": report,
        "form": form,
        "entries": _entries(task, report),
        "stale": stale,
        "can_submit": permissions.can_submit(request.user, report),
        "can_edit": permissions.can_edit_draft(request.user, report),
        "idempotency_key": uuid.uuid4().hex,
        "evidence_form": EvidenceForm(),
        "periods": months_of_year(task.plan.year),
        "period_key": period,
        "due": reporting_deadline(period_date, settings.DUKAO_REPORTING_DAY),
    }
    return render(request, "progress/report_page.html", context)


def _draft_initial(report: ProgressReport) -> dict:
    return {
        "base_revision": report.draft_revision,
        "narrative": report.draft_narrative,
        "problems": report.draft_problems,
        "next_steps": report.draft_next_steps,
        "narrative_internal": report.draft_narrative_internal,
    }


def _save_or_submit(request, report: ProgressReport, form: ReportTextForm) -> ProgressReport:
    """Save the draft and, with action=submit, sign it off (``services.report_save``); the user is told once
    it is committed (a sign-off that fails at commit is not announced as done)."""
    data = form.cleaned_data
    saved = services.report_save(
        report=report,
        user=request.user,
        base_revision=data["base_revision"],
        values=values_from_post(request.POST, list(report.task.indicators.all())),
        texts={name: data[name] for name in ("narrative", "problems", "next_steps", "narrative_internal")},
        sign_off=request.POST.get("action") == "submit",
        idempotency_key=request.POST.get("idempotency_key", ""),
    )
    if saved.version is not None:
        messages.success(request, _("已签发提交第 %(n)d 版，等待核定。") % {"n": saved.version.number})
    elif saved.sign_off_refused:
        messages.error(request, _("草稿已保存；签发提交须由本单位负责人操作。"))
    elif not request.htmx:
        messages.success(request, _("草稿已保存。"))
    return saved.report


@login_required
def report_detail(request, report_id: int):
    """A report's versions, values, reviews and evidence, for everyone who may read it."""
    try:
        report = selectors.report_for(request.user, report_id)
    except ProgressReport.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "report": report,
        "can_edit": permissions.can_edit_draft(request.user, report),
        "can_correct": permissions.can_correct(request.user, report),
        "corrections": report.corrections.select_related("corrects", "verified_version", "requested_by"),
    }
    return render(request, "progress/report_detail.html", context)


@login_required
@require_POST
def evidence_upload(request, report_id: int):
    report = get_object_or_404(ProgressReport, pk=report_id, unit_id=request.user.unit_id)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.evidence_add(report=report, user=request.user, content=upload.read(), file_name=upload.name)
        except EvidenceRejected as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已上传“%(name)s”。") % {"name": upload.name})
    else:
        messages.error(request, _("请选择要上传的文件。"))
    return redirect("progress:report_page", task_id=report.task_id, period=period_key(report.period))


@login_required
def evidence_download(request, evidence_id: int):
    """Serve an evidence file to someone who may read its report (others get 404): PDFs and images inline
    (the preview), ``?download=1`` or any other type as a download (``lib.serve``)."""
    try:
        evidence = selectors.evidence_for(request.user, evidence_id)
    except Evidence.DoesNotExist as exc:
        raise Http404 from exc
    return upload_response(evidence.file, evidence.original_name, download="download" in request.GET)


@login_required
@require_POST
def report_correct(request, report_id: int):
    """The reporting unit's head reopens a verified report for a correction (更正), with a reason."""
    report = get_object_or_404(ProgressReport, pk=report_id, unit_id=request.user.unit_id)
    try:
        services.report_correct(report=report, user=request.user, reason=request.POST.get("reason", ""))
    except (ValueError, services.WorkflowError, PermissionDenied) as exc:
        messages.error(request, str(exc))
        return redirect("progress:report_detail", report_id=report.pk)
    messages.success(request, _("报告已重新打开更正：修改后由本单位负责人签发提交，核定后生效。"))
    return redirect("progress:report_page", task_id=report.task_id, period=period_key(report.period))


@login_required
@require_POST
def evidence_withdraw(request, evidence_id: int):
    evidence = get_object_or_404(Evidence, pk=evidence_id, report__unit_id=request.user.unit_id)
    services.evidence_withdraw(evidence=evidence, user=request.user)
    return redirect("progress:report_page", task_id=evidence.report.task_id, period=period_key(evidence.report.period))


@login_required
@require_POST
def contribution_add(request, task_id: int):
    task = _task(task_id)
    form = ContributionForm(request.POST)
    if form.is_valid():
        services.contribution_add(
            task=task, period=form.cleaned_data["period"], user=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("配合情况已记录。"))
    return redirect("plans:task_detail", task_id=task.pk)


@login_required
def schedule_page(request, task_id: int):
    """The task's schedule: the baseline in force, every revision, a proposal form for the lead unit."""
    task = _task(task_id)
    can_propose = permissions.can_report_on(request.user, task)
    current = selectors.baseline(task)
    initial = [
        {
            "indicator": c.indicator_id,
            "due": c.due,
            "share": c.expected_share,
            "value": c.expected_value,
            "node": c.node,
        }
        for c in (current.checkpoints.all() if current else [])
    ]
    formset = SchedulePointFormSet(request.POST or None, initial=initial, prefix="points")
    reason = ScheduleReasonForm(request.POST or None, initial={"starts_on": current.starts_on if current else None})
    if request.method == "POST" and can_propose and formset.is_valid() and reason.is_valid():
        points = [
            services.PointInput(f["indicator"], f["due"], f.get("share"), f.get("value"), f.get("node", ""))
            for f in formset.cleaned_data
            if f and not f.get("DELETE")
        ]
        try:
            services.schedule_propose(
                task=task,
                user=request.user,
                points=points,
                reason=reason.cleaned_data["reason"],
                starts_on=reason.cleaned_data.get("starts_on"),
            )
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已提交进度计划调整，等待区政府办公室审批。"))
            return redirect("progress:schedule_page", task_id=task.pk)
    context = {
        "task": task,
        "baseline": current,
        "revisions": selectors.schedule_history(task),
        "formset": formset,
        "reason_form": reason,
        "can_propose": can_propose,
        "can_decide": permissions.can_decide_schedules(request.user),
        "indicators": {i.pk: i for i in task.indicators.all()},
    }
    return render(request, "progress/schedule.html", context)


@login_required
@require_POST
def schedule_decide(request, revision_id: int):
    revision = get_object_or_404(ScheduleRevision, pk=revision_id)
    form = ScheduleDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.schedule_decide(
                revision=revision,
                user=request.user,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"],
            )
        except services.WorkflowError as exc:
            messages.error(request, str(exc))
    return redirect("progress:schedule_page", task_id=revision.task_id)


@login_required
def request_new(request, task_id: int):
    task = _task(task_id)
    if not permissions.can_report_on(request.user, task):
        raise PermissionDenied
    form = CoordinationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = services.request_raise(task=task, user=request.user, **form.cleaned_data)
        messages.success(request, _("协调事项已提交区政府办公室。"))
        return redirect("progress:request_detail", request_id=created.pk)
    return render(request, "progress/request_form.html", {"task": task, "form": form})


@login_required
def request_list(request):
    return render(request, "progress/request_list.html", {"requests": selectors.visible_requests(request.user)})


@login_required
def request_detail(request, request_id: int):
    """One request with its history; 区政府办公室 assigns, answers and closes it here, the assigned unit answers."""
    item = get_object_or_404(selectors.visible_requests(request.user), pk=request_id)
    can_handle = permissions.can_handle_requests(request.user)
    if can_handle:
        form = RequestHandleForm(request.POST or None, units=Unit.objects.filter(active=True))
    else:
        form = RequestAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data if can_handle else {**form.cleaned_data, "action": "answer"}
        try:
            _handle_request(item, request.user, data)
        except (ValueError, services.WorkflowError, PermissionDenied) as exc:
            messages.error(request, str(exc))
        return redirect("progress:request_detail", request_id=item.pk)
    context = {
        "item": item,
        "form": form,
        "can_handle": can_handle,
        "can_answer": permissions.can_answer_request(request.user, item),
        "steps": selectors.request_steps(item),
    }
    return render(request, "progress/request_detail.html", context)


def _handle_request(item: CoordinationRequest, user, data: dict) -> None:
    if data["action"] == "assign":
        if data["assigned_to"] is None:
            raise ValueError(_("请选择承办单位。"))
        services.request_assign(request=item, user=user, unit=data["assigned_to"], instruction=data["instruction"])
    elif data["action"] == "answer":
        services.request_answer(request=item, user=user, answer=data["answer"])
    else:
        services.request_close(request=item, user=user)


@login_required
def task_progress(request, task_id: int):
    """The reporting side of a task page: reports the user may read, the lead unit's report links per month,
    the schedule, contributions, coordination requests. A fragment for htmx, a page otherwise."""
    task = _task(task_id)
    user = request.user
    context = {
        "task": task,
        "reports": selectors.task_reports(user, task),
        "can_report": permissions.can_report_on(user, task),
        "can_contribute": permissions.can_contribute(user, task),
        "periods": months_of_year(task.plan.year),
        "contributions": selectors.task_contributions(task),
        "requests": selectors.visible_requests(user).filter(task=task),
        "baseline": selectors.baseline(task),
        "contribution_form": ContributionForm(),
    }
    template = "progress/_task_progress.html" if request.htmx else "progress/task_progress.html"
    return render(request, template, context)


@login_required
def unit_requests(request, unit_id: int):
    """The open coordination requests a unit raised, with their age (shown on the unit page)."""
    unit = get_object_or_404(Unit, pk=unit_id)
    items = selectors.coordination_requests_open(request.user).filter(raised_by_unit=unit)
    template = "progress/_unit_requests.html" if request.htmx else "progress/unit_requests.html"
    return render(request, template, {"unit": unit, "requests": items})
