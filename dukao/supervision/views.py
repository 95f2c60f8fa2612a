"""Pages of supervision: statuses per period, bulletins, supervision cases."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST

from dukao.audit.services import event_record
from dukao.lib.confirm import confirm_first
from dukao.lib.periods import months_of_year, parse_period, period_key
from dukao.lib.ratelimits import limited
from dukao.lib.serve import upload_response
from dukao.lib.xlsx import XLSX_CONTENT_TYPE
from dukao.plans.models import Task
from dukao.supervision import selectors, services
from dukao.supervision.exports import ledger_xlsx
from dukao.supervision.forms import BulletinTextForm, StatusFilterForm
from dukao.supervision.models import (
    LETTER_KINDS,
    Bulletin,
    BulletinState,
    CaseDocument,
    CaseStep,
    CaseStepKind,
    Reminder,
    RenderState,
)
from dukao.supervision.pages import computed_context, requested_period
from dukao.supervision.urges import UrgeError, can_urge
from dukao.supervision.urges import urge_send as urge_tasks
from dukao.units.models import Unit

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


#: Rows per page of the status list: a province has ~15,000 tasks a period.
STATUS_PAGE_SIZE = 100


def _ledger(request):
    """The period, the filter form and the filtered statuses of a status-list request (page, print, export);
    an unknown filter value is a 404."""
    period = requested_period(request)
    form = StatusFilterForm(request.GET)
    if not form.is_valid():
        raise Http404(form.errors.as_text())
    status_filter = form.status_filter()
    return period, form, status_filter, selectors.period_statuses(request.user, period, status_filter)


def _ledger_context(request, period, form, status_filter) -> dict:
    return {
        "period": period,
        "form": form,
        "filters": status_filter.labels(),
        "months": months_of_year(period.year),
        **computed_context(request, period),
    }


@login_required
def status_overview(request):
    """The 督查台账: every task's status in a period with its units, 责任领导, shares and latest progress, with
    counts; everyone who reads all tasks may see it (a unit, the tasks it leads), 100 a page. The filters are
    kept in the URL (the dashboard links to them); htmx swaps only the table when they change."""
    period, form, status_filter, statuses = _ledger(request)
    counts = selectors.status_counts(statuses)
    light_counts = selectors.light_counts(statuses)
    pages = Paginator(statuses, STATUS_PAGE_SIZE)
    pages.count = sum(n for _code, _label, n in counts)  # known already: spares the paginator its COUNT query
    page = pages.get_page(request.GET.get("page"))
    context = {
        **_ledger_context(request, period, form, status_filter),
        "page": page,
        "rows": selectors.with_latest_progress(page, period),
        "counts": counts,
        "light_counts": light_counts,
        "can_urge": can_urge(request.user),
        "filtered": any(value for key, value in request.GET.items() if key not in ("period", "page")),
    }
    template = "supervision/_ledger.html" if request.htmx else "supervision/status_overview.html"
    return render(request, template, context)


@login_required
@require_POST
def urge_send(request):
    """一键催办 from the 督查台账: the lead units of the tasks ticked (``scope=selected``) or of every task the
    filters list (``scope=all``, the filters in the query string), then back to the same list."""
    if not can_urge(request.user):
        raise PermissionDenied
    _period, _form, _filter, statuses = _ledger(request)
    if request.POST.get("scope") != "all":
        ticked = [int(pk) for pk in request.POST.getlist("task") if pk.isdigit()]
        statuses = statuses.filter(task_id__in=ticked)
    tasks = list(Task.objects.filter(pk__in=statuses.values("task_id")).select_related("plan").order_by("pk"))
    try:
        urges = urge_tasks(user=request.user, tasks=tasks, message=request.POST.get("message", ""))
    except UrgeError as exc:
        messages.error(request, str(exc))
    else:
        counts = {"units": len(urges), "tasks": len(tasks)}
        messages.success(request, _("已向%(units)d个单位催办%(tasks)d项任务。") % counts)
    return redirect(reverse("supervision:status_overview") + "?" + request.GET.urlencode())


@login_required
def ledger_print(request):
    """The 督查台账 to print: the same filters, every row on one page, no navigation on paper."""
    period, form, status_filter, statuses = _ledger(request)
    context = {
        **_ledger_context(request, period, form, status_filter),
        "rows": selectors.with_latest_progress(statuses, period),
    }
    return render(request, "supervision/ledger_print.html", context)


@login_required
@limited("export")
def ledger_export(request):
    """The 督查台账 as .xlsx, with the same filters as the page."""
    period, _form, status_filter, statuses = _ledger(request)
    rows = selectors.with_latest_progress(statuses, period)
    response = HttpResponse(ledger_xlsx(rows, period, status_filter), content_type=XLSX_CONTENT_TYPE)
    summary = "；".join(f"{name}：{value}" for name, value in status_filter.labels())
    event_record(actor=request.user, action="ledger.export", obj=None, summary=f"{period_key(period)} {summary}")
    response["Content-Disposition"] = f'attachment; filename="ledger-{period_key(period)}.xlsx"'
    return response


@login_required
@require_POST
def status_recompute(request):
    """区政府办公室 recomputes a period's statuses by hand; back to the page it came from."""
    try:
        period = parse_period(request.POST.get("period", ""))
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    counts = services.status_recompute_by_hand(period=period, user=request.user)
    messages.success(request, _("已重新计算 %(n)s 项任务的状态。") % {"n": sum(counts.values())})
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect(f"{reverse('supervision:status_overview')}?period={period_key(period)}")


@login_required
def bulletin_list(request):
    default = selectors.default_period(timezone.localdate())
    context = {
        "bulletins": selectors.bulletin_list(),
        "can_draft": services.can_issue_bulletins(request.user),
        "months": months_of_year(default.year),
        "default": default,
    }
    return render(request, "supervision/bulletin_list.html", context)


@login_required
@require_POST
@limited("draft")
def bulletin_new(request):
    try:
        period = parse_period(request.POST.get("period", ""))
        bulletin = services.bulletin_draft(period=period, user=request.user, quarterly="quarterly" in request.POST)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("supervision:bulletin_list")
    messages.success(request, _("已按当前数据生成通报草稿。"))
    return redirect("supervision:bulletin_detail", bulletin_id=bulletin.pk)


@login_required
def bulletin_detail(request, bulletin_id: int):
    bulletin = get_object_or_404(Bulletin, pk=bulletin_id)
    if bulletin.state == BulletinState.DRAFT and not services.can_issue_bulletins(request.user):
        raise Http404
    can_issue = services.can_issue_bulletins(request.user)
    context = {
        "bulletin": bulletin,
        "can_issue": can_issue,
        "faces": selectors.bulletin_faces(bulletin),
        "later": selectors.corrections_after(bulletin.issued_at, bulletin.period),
    }
    if can_issue and bulletin.state == BulletinState.DRAFT:
        context["text_form"] = BulletinTextForm.for_snapshot(bulletin.snapshot)
    return render(request, "supervision/bulletin_detail.html", context)


@login_required
@require_POST
def bulletin_text(request, bulletin_id: int):
    """The office's own 按语/导语, closing paragraph and 附件说明 of a draft."""
    bulletin = get_object_or_404(Bulletin, pk=bulletin_id)
    form = BulletinTextForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("结束语不能为空，且不超过2000字。"))
        return redirect("supervision:bulletin_detail", bulletin_id=bulletin.pk)
    data = form.cleaned_data
    try:
        services.bulletin_text_edit(
            bulletin=bulletin,
            user=request.user,
            preface=data["preface"],
            closing=data["closing"],
            attachments=data["attachments"].splitlines(),
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("按语、结束语和附件说明已保存。"))
    return redirect("supervision:bulletin_detail", bulletin_id=bulletin.pk)


#: The bulletin document (shown in a frame of the bulletin page) carries its own print styles and nothing else.
DOCUMENT_CSP = {"default-src": [CSP.NONE], "style-src": [CSP.UNSAFE_INLINE], "frame-ancestors": [CSP.SELF]}


@login_required
@xframe_options_sameorigin
@csp_override(DOCUMENT_CSP)
@limited("render", when=lambda request, kwargs: kwargs["fmt"] != "html")
def bulletin_file(request, bulletin_id: int, fmt: str):
    """The bulletin as html (inline, for the page's frame), docx or pdf (downloads), from its snapshot."""
    bulletin = get_object_or_404(Bulletin, pk=bulletin_id)
    draft_hidden = bulletin.state == BulletinState.DRAFT and not services.can_issue_bulletins(request.user)
    if fmt not in CONTENT_TYPES or draft_hidden:
        raise Http404
    if services.bulletin_render_in_worker(bulletin, fmt):
        job = services.bulletin_render_request(bulletin=bulletin, fmt=fmt, user=request.user)
        return redirect("supervision:bulletin_render", render_id=job.pk)
    return _bulletin_download(bulletin, fmt, services.bulletin_render(bulletin, fmt))


def _bulletin_download(bulletin: Bulletin, fmt: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="bulletin-{period_key(bulletin.period)}.{fmt}"'
    return response


@login_required
def bulletin_render(request, render_id: int):
    """The wait for a draft's file rendered by the worker: the page asks again every two seconds (htmx) and
    offers the file when it is ready. Only the person who asked sees it."""
    job = get_object_or_404(selectors.own_renders(request.user), pk=render_id)
    template = "supervision/_bulletin_render_state.html" if request.htmx else "supervision/bulletin_render.html"
    return render(request, template, {"job": job, "bulletin": job.bulletin})


@login_required
@require_POST
@limited("render")
def bulletin_render_requeue(request, render_id: int):
    """Queue again a render the worker never ran (超时, 重新生成): the person who asked only."""
    job = get_object_or_404(selectors.own_renders(request.user), pk=render_id)
    try:
        services.bulletin_render_requeue(render=job, user=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    return redirect("supervision:bulletin_render", render_id=job.pk)


@login_required
def bulletin_render_file(request, render_id: int):
    """The rendered file, to the person who asked only."""
    job = get_object_or_404(selectors.own_renders(request.user), pk=render_id, state=RenderState.DONE)
    return _bulletin_download(job.bulletin, job.fmt, bytes(job.content))


@login_required
@require_POST
@limited("render")
@confirm_first(gettext_lazy("印发后通报编号并冻结，不能再修改。确认印发？"))
def bulletin_issue(request, bulletin_id: int):
    bulletin = get_object_or_404(Bulletin, pk=bulletin_id)
    try:
        services.bulletin_issue(bulletin=bulletin, user=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("通报已印发，内容已冻结。"))
    return redirect("supervision:bulletin_detail", bulletin_id=bulletin.pk)


PUBLISH_QUESTIONS = {
    "publish": gettext_lazy("公开发布后，任何人都可以在公开页面看到该通报的摘要。确认公开发布？"),
    "unpublish": gettext_lazy("撤回后公开页面不再显示该通报。确认撤回？"),
}


def _publish_action(request) -> str:
    return "unpublish" if request.POST.get("action") == "unpublish" else "publish"


@login_required
@require_POST
@confirm_first(lambda request, bulletin_id: PUBLISH_QUESTIONS[_publish_action(request)])
def bulletin_publish(request, bulletin_id: int):
    """区政府办公室 publishes an issued bulletin on the public portal, or takes it off (``action=unpublish``)."""
    bulletin = get_object_or_404(Bulletin, pk=bulletin_id)
    publish = _publish_action(request) == "publish"
    try:
        services.bulletin_publish(bulletin=bulletin, user=request.user, publish=publish)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("通报已在公开页面发布。") if publish else _("通报已从公开页面撤回。"))
    return redirect("supervision:bulletin_detail", bulletin_id=bulletin.pk)


@login_required
def case_list(request):
    """区纪委's queue (units with seriously lagging tasks, proposed steps) and the cases; a unit sees its own."""
    period = requested_period(request)
    context = {
        "cases": selectors.visible_cases(request.user),
        "proposals": selectors.case_proposals(request.user, period),
        "can_open": services.can_handle_cases(request.user),
        **computed_context(request, period),
    }
    return render(request, "supervision/case_list.html", context)


@login_required
@require_POST
def case_open(request):
    unit = get_object_or_404(Unit, pk=request.POST.get("unit"))
    tasks = list(Task.objects.filter(pk__in=request.POST.getlist("tasks")))
    try:
        rectify_by = _date(request.POST.get("rectify_by", ""), _("整改期限"))
        case = services.case_open(
            unit=unit,
            tasks=tasks,
            trigger=request.POST.get("trigger", "")[:200],
            user=request.user,
            rectify_by=rectify_by,
        )
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("supervision:case_list")
    messages.success(request, _("已立案督办。"))
    return redirect("supervision:case_detail", case_id=case.pk)


def _close_question(request, case_id: int):
    """销号 (its own form, without a file) is confirmed first; the other steps are recorded at once."""
    return CLOSE_QUESTION if request.POST.get("kind") == CaseStepKind.CLOSE else None


CLOSE_QUESTION = gettext_lazy("销号后案件办结，不能再记录办理环节。确认销号？")


@login_required
@confirm_first(_close_question)
def case_detail(request, case_id: int):
    """A case and its steps; 区纪委 records steps (销号 on its own form), the unit's head answers with a 整改报告."""
    case = get_object_or_404(selectors.visible_cases(request.user), pk=case_id)
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            services.case_step(
                case=case,
                kind=request.POST.get("kind", ""),
                note=request.POST.get("note", ""),
                user=request.user,
                happened_on=_date(request.POST.get("happened_on", ""), _("发生日期")),
                attachment=services.StepFile(upload.read(), upload.name) if upload else None,
                reason=request.POST.get("reason", ""),
            )
        except (ValueError, PermissionDenied) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已记录办理环节。"))
        return redirect("supervision:case_detail", case_id=case.pk)
    context = {
        "case": case,
        "letter_kinds": list(LETTER_KINDS.items()),
        "kinds": [(v, label) for v, label in CaseStepKind.choices if v != CaseStepKind.CLOSE],
        "can_act": services.can_handle_cases(request.user),
        "can_answer": services.can_answer_case(request.user, case),
        "reported": any(s.kind == CaseStepKind.RECTIFICATION for s in case.steps.all()),
        "today": timezone.localdate(),
    }
    return render(request, "supervision/case_detail.html", context)


@login_required
@require_POST
@limited("render")
@confirm_first(gettext_lazy("印发后文书编号并冻结，不能再修改。确认印发？"))
def case_document_issue(request, case_id: int):
    """区纪委(区监委) issues a 提示函, 约谈通知 or 督办单 on the case, built from its facts."""
    case = get_object_or_404(selectors.visible_cases(request.user), pk=case_id)
    try:
        document = services.case_document_issue(
            case=case,
            kind=request.POST.get("kind", ""),
            user=request.user,
            due_on=_date(request.POST.get("due_on", ""), _("反馈或整改期限")),
            demand=request.POST.get("demand", "")[:1000],
            arrangement=request.POST.get("arrangement", "")[:300],
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已印发%(number)s。") % {"number": document.document_number})
    return redirect("supervision:case_detail", case_id=case.pk)


@login_required
@xframe_options_sameorigin
@csp_override(DOCUMENT_CSP)
def case_document_file(request, document_id: int, fmt: str):
    """An issued case document as html (inline), docx or pdf (downloads), to those who see its case."""
    document = get_object_or_404(CaseDocument, pk=document_id, case__in=selectors.visible_cases(request.user))
    if fmt not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(services.case_document_render(document, fmt), content_type=CONTENT_TYPES[fmt])
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="case-document-{document.pk}.{fmt}"'
    return response


@login_required
def case_print(request, case_id: int):
    """The case file (督办档案) to print: the case and its facts, then each step on a page of its own."""
    steps = CaseStep.objects.select_related("document", "recorded_by")
    cases = selectors.visible_cases(request.user).prefetch_related(None).prefetch_related(Prefetch("steps", steps))
    return render(request, "supervision/case_print.html", {"case": get_object_or_404(cases, pk=case_id)})


@login_required
def task_print(request, task_id: int):
    """A task card to print: requirement, indicators, schedule, statuses, then each report and the cases."""
    try:
        card = selectors.task_card(request.user, task_id)
    except Task.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "supervision/task_print.html", {"card": card})


@login_required
def case_step_file(request, step_id: int):
    """A step's file, to those who see its case (others get 404); PDFs and images inline (``lib.serve``)."""
    step = get_object_or_404(CaseStep, pk=step_id, case__in=selectors.visible_cases(request.user))
    if not step.file:
        raise Http404
    return upload_response(step.file, step.original_name, download="download" in request.GET)


@login_required
def my_reminders(request):
    """The unit's latest in-app reminders (a fragment for the 工作台)."""
    reminders = Reminder.objects.filter(unit_id=request.user.unit_id, channel="app").select_related("task")[:20]
    return render(request, "supervision/_reminders.html", {"reminders": reminders})


def _date(text: str, label: str) -> date | None:
    """An optional ISO date from a form; a malformed one is a Chinese ``ValueError`` naming the field."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as exc:
        raise ValueError(_("%(field)s“%(text)s”不是有效日期。") % {"field": label, "text": text[:20]}) from exc
