"""The audit trail for auditors: browse with filters, export to .xlsx (with each event's chain number and keyed
hash, so that an exported year can still be checked against the chain).

Who may read it: the audit administrator alone (三权分立, GB/T 22239-2019 8.1.4.2 d; the system and security
administrators, whose actions it records, may not read or export it). ``accounts.duties`` gives both pages the
action "audit.read" and ``accounts.middleware.DutyMiddleware`` refuses them to every other role before the view
runs (the audit app sits below accounts and does not import it)."""

import io

import openpyxl
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation

from dukao.audit.actions import codes_labelled
from dukao.audit.models import Event, Outcome
from dukao.audit.services import event_record
from dukao.lib.ratelimits import limited
from dukao.lib.xlsx import append_rows

COLUMNS = ["时间", "操作人", "单位", "角色", "动作", "动作代码", "结果", "对象类型", "对象ID", "摘要", "IP 地址"]
COLUMNS += ["请求ID", "链序号", "链校验值"]


def _events(request):
    events = Event.objects.all()
    if action := request.GET.get("action", "").strip():
        events = events.filter(Q(action__icontains=action) | Q(action__in=codes_labelled(action)))
    for field in ("actor_name", "object_type", "outcome"):
        if value := request.GET.get(field, "").strip():
            events = events.filter(**{f"{field}__icontains": value})
    return events


@login_required
def event_list(request):
    page = Paginator(_events(request), 100).get_page(request.GET.get("page"))
    context = {"page": page, "query": request.GET, "outcomes": Outcome.choices}
    return render(request, "audit/event_list.html", context)


@login_required
@limited("export")
def event_export(request):
    events = _events(request)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "审计日志"
    append_rows(sheet, [COLUMNS])
    with translation.override(settings.LANGUAGE_CODE):  # a Chinese sheet, as its headers
        append_rows(sheet, (_row(e) for e in events.iterator()))
    buffer = io.BytesIO()
    book.save(buffer)
    event_record(
        actor=request.user, action="audit.export", obj=request.user, summary=f"导出审计日志 {events.count()} 条"
    )
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="audit.xlsx"'
    return response


def _row(e: Event) -> list:
    """One event as a row of ``COLUMNS``: the action's label, then its code (which the chain hashes)."""
    return [
        e.created_at.isoformat(),
        e.actor_name,
        e.unit_name,
        e.role,
        e.action_label,
        e.action,
        e.outcome,
        e.object_type,
        e.object_id,
        e.summary,
        e.ip or "",
        e.request_id,
        e.chain_seq,
        e.chain_hmac,
    ]
