"""Pages of plans and tasks. Thin: read through selectors, write through services."""

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dukao.accounts.permissions import (
    can_correct_indicators,
    can_import_plans,
    can_manage_cadres,
    can_read_cadres,
    may,
)
from dukao.audit.services import event_record
from dukao.lib.ratelimits import limited, posted
from dukao.lib.xlsx import XLSX_CONTENT_TYPE
from dukao.plans import selectors
from dukao.plans.cadres import cadres_export_xlsx, cadres_import
from dukao.plans.exports import plans_export_json, plans_export_xlsx
from dukao.plans.forms import CadreFilterForm, CadreImportForm, IndicatorFormSet, PlanImportForm, TaskFilterForm
from dukao.plans.models import MissingRows, Plan, Task, UnitRole
from dukao.plans.parsing.errors import DocumentError
from dukao.plans.services import import_confirm, import_stage, indicators_correct, plan_import
from dukao.units.models import Unit

STAGED_SESSION_KEY = "staged_imports"


@login_required
def plan_list(request):
    return render(request, "plans/plan_list.html", {"plans": selectors.plan_list()})


@login_required
def plan_detail(request, plan_id: int):
    plan = get_object_or_404(Plan, pk=plan_id)
    types = selectors.plan_type_counts(plan)
    form = TaskFilterForm(
        request.GET or None,
        leads=selectors.plan_units(plan, UnitRole.LEAD),
        cooperating=selectors.plan_units(plan, UnitRole.COOPERATING),
        types=types,
    )
    tasks = selectors.with_current_status(selectors.plan_tasks(plan, form.task_filter(), details=False))
    total, withdrawn = selectors.plan_task_counts(plan)
    context = {"plan": plan, "form": form, "tasks": tasks, "type_counts": types, "total": total, "withdrawn": withdrawn}
    template = "plans/_task_table.html" if request.htmx else "plans/plan_detail.html"
    return render(request, template, context)


@login_required
@limited("export")
def plan_export(request, plan_id: int, fmt: str):
    plan = get_object_or_404(Plan, pk=plan_id)
    if fmt == "json":
        body = json.dumps(plans_export_json([plan]), ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            plans_export_xlsx([plan]),
            content_type=XLSX_CONTENT_TYPE,
        )
    else:
        raise Http404
    event_record(actor=request.user, action="plan.export", obj=plan, summary=fmt)
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.{fmt}"'
    return response


@login_required
def task_detail(request, task_id: int):
    try:
        task = selectors.task_detail(task_id)
    except Task.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "task": task,
        "siblings": selectors.task_siblings(task),
        "can_correct": can_correct_indicators(request.user),
        "can_read_cadres": can_read_cadres(request.user),
        "can_print": may(request.user, "status.read"),  # the task card shows statuses, reports and cases
    }
    return render(request, "plans/task_detail.html", context)


@login_required
def task_indicators(request, task_id: int):
    """Correct or confirm the indicators parsed from a task (kept across re-imports)."""
    task = get_object_or_404(Task.objects.select_related("plan"), pk=task_id)
    if not can_correct_indicators(request.user):
        raise PermissionDenied
    formset = IndicatorFormSet(request.POST or None, queryset=task.indicators.all())
    if request.method == "POST" and formset.is_valid():
        deleted = set(formset.deleted_forms)
        kept = [f for f in formset.forms if f not in deleted and (f.instance.pk or f.has_changed())]
        try:
            indicators_correct(
                task=task,
                user=request.user,
                indicators=[f.save(commit=False) for f in kept],
                deleted=[f.instance for f in deleted if f.instance.pk],
            )
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("指标已保存；重新导入时将保留这些人工修正。"))
            return redirect("plans:task_detail", task_id=task.pk)
    return render(request, "plans/task_indicators.html", {"task": task, "formset": formset})


def _only(rule):
    """A view decorator: signed-in users whom ``rule(user)`` refuses get 403 (not the login page again)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


#: The system administrator only (``accounts.duties``: "plans.import").
_importer = _only(can_import_plans)


def _import_preview(request, form, dry_run) -> dict:
    """Step 1 of an import page: validate the upload, run ``dry_run(content, file_name)`` (an import that
    writes nothing) and keep the file staged under a token for step 2. Returns the page's context."""
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            context["report"] = dry_run(content, upload.name)
        except DocumentError as exc:
            context["errors"] = [str(p) for p in exc.problems]
        else:
            context["token"] = import_stage(content=content, file_name=upload.name)
            request.session.setdefault(STAGED_SESSION_KEY, {})[context["token"]] = upload.name
            request.session.modified = True
    return context


def _import_confirm(request, form, run, retry: str):
    """Step 2: run ``run(content, file_name)`` for real on the file staged in step 1 (once). Returns the
    page's context, or a redirect to ``retry`` when the token is unknown or used."""
    staged = request.session.get(STAGED_SESSION_KEY, {})
    token = request.POST.get("token", "")
    context = {"form": form}
    try:
        file_name = staged[token]
        context["report"] = import_confirm(token=token, importer=lambda content: run(content, file_name))
    except (KeyError, FileNotFoundError):
        messages.error(request, _("预检结果已失效或已导入，请重新上传文件。"))
        return redirect(retry)
    except DocumentError as exc:
        context["errors"] = [str(p) for p in exc.problems]
    else:
        messages.success(request, _("导入完成。"))
    staged.pop(token, None)
    request.session.modified = True
    return context


def _missing_rows(value: str) -> str:
    """The chosen treatment of rows with records that the document drops: none given is the default (keep them
    已撤销); an unknown value refuses (changes nothing that was not asked for)."""
    if not value:
        return MissingRows.WITHDRAW
    return value if value in MissingRows.values else MissingRows.REFUSE


@_importer
@limited("import", when=posted)
def plan_import_view(request):
    """Step 1: an administrator uploads a document and sees the parsed plan, repairs, warnings and suspected
    aliases; nothing is written (the file waits, staged, for step 2)."""
    form = PlanImportForm(request.POST or None, request.FILES or None)
    valid = form.is_bound and form.is_valid()
    options = {
        "lead_rule": form.cleaned_data["lead_rule"] if valid else "",
        "title": form.cleaned_data["title"].strip() if valid else "",
        "year": (form.cleaned_data["year"] or 0) if valid else 0,
        "missing": _missing_rows(form.cleaned_data["missing"] if valid else ""),
    }
    context = _import_preview(
        request, form, lambda content, name: plan_import(content=content, file_name=name, dry_run=True, **options)
    )
    return render(request, "plans/plan_import.html", {**context, **options})


@_importer
@require_POST
def plan_import_confirm(request):
    """Step 2: the administrator confirms the previewed import; it runs for real, all or nothing."""
    year = request.POST.get("year", "")
    options = {
        "lead_rule": request.POST.get("lead_rule", ""),
        "title": request.POST.get("title", "").strip(),
        "year": int(year) if year.isdigit() else 0,
        "missing": _missing_rows(request.POST.get("missing", "")),
    }
    context = _import_confirm(
        request,
        PlanImportForm(),
        lambda content, name: plan_import(content=content, file_name=name, actor=request.user, **options),
        "plans:plan_import",
    )
    return context if isinstance(context, HttpResponse) else render(request, "plans/plan_import.html", context)


@login_required
def unit_list(request):
    return render(request, "plans/unit_list.html", {"units": selectors.unit_list()})


@login_required
def unit_detail(request, unit_id: int):
    unit = get_object_or_404(Unit.objects.prefetch_related("aliases", "unit_groups"), pk=unit_id)
    context = {
        "unit": unit,
        "cadres": selectors.unit_cadres(unit),
        "can_read_cadres": can_read_cadres(request.user),
        "led": selectors.with_current_status(selectors.unit_tasks(unit, UnitRole.LEAD)),
        "cooperating": selectors.with_current_status(selectors.unit_tasks(unit, UnitRole.COOPERATING)),
    }
    return render(request, "plans/unit_detail.html", context)


@_only(can_read_cadres)
def cadre_list(request):
    form = CadreFilterForm(request.GET or None, units=selectors.cadre_units())
    context = {"form": form, "cadres": selectors.cadre_list(form.cadre_filter())}
    return render(request, "plans/cadre_list.html", context)


@_only(can_read_cadres)
def cadre_detail(request, cadre_id: int):
    cadre = get_object_or_404(selectors.cadre_list(), pk=cadre_id)
    context = {"cadre": cadre, "tasks": selectors.cadre_tasks(cadre)}
    return render(request, "plans/cadre_detail.html", context)


@_only(can_read_cadres)
@limited("export")
def cadre_export(request):
    cadres = selectors.cadre_list()
    response = HttpResponse(cadres_export_xlsx(cadres), content_type=XLSX_CONTENT_TYPE)
    summary = f"导出领导干部名册 {cadres.count()} 人"
    event_record(actor=request.user, action="cadre.export", obj=request.user, summary=summary)
    response["Content-Disposition"] = 'attachment; filename="cadres.xlsx"'
    return response


@_only(can_manage_cadres)
@limited("import", when=posted)
def cadre_import_view(request):
    """Step 1: an administrator uploads a register of cadres and sees what it would change."""
    form = CadreImportForm(request.POST or None, request.FILES or None)
    context = _import_preview(
        request,
        form,
        lambda content, name: cadres_import(content=content, file_name=name, dry_run=True, actor=request.user),
    )
    return render(request, "plans/cadre_import.html", context)


@_only(can_manage_cadres)
@require_POST
def cadre_import_confirm(request):
    """Step 2: the previewed register is imported for real, all or nothing."""
    context = _import_confirm(
        request,
        CadreImportForm(),
        lambda content, name: cadres_import(content=content, file_name=name, actor=request.user),
        "plans:cadre_import",
    )
    return context if isinstance(context, HttpResponse) else render(request, "plans/cadre_import.html", context)
