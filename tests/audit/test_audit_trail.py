"""The audit trail: append-only, with who, unit, role, address; browsed and exported by auditors."""

import io

import openpyxl
import pytest
from django.urls import reverse

from dukao.audit.digest import value_digest
from dukao.audit.models import AppendOnlyError, Event
from dukao.audit.services import event_record
from tests.progress.factories import draft


def test_events_cannot_be_changed_or_deleted(work_report, lead_reporter):
    draft(work_report.tasks.get(seq="1"), lead_reporter)
    event = Event.objects.get(action="report.open")
    event.summary = "改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.update(summary="改")


def test_an_event_records_actor_unit_role_address_and_request(client, work_report, lead_reporter):
    client.force_login(lead_reporter)
    task = work_report.tasks.get(seq="1")
    data = {"base_revision": 0, "narrative": "三月进展", "problems": "", "next_steps": ""}
    response = client.post(reverse("progress:report_page", args=[task.pk, "2019-03"]), data, REMOTE_ADDR="10.1.2.3")
    event = Event.objects.get(action="report.open")
    assert (event.actor_name, event.unit_name, event.role, event.ip) == ("fgj", "区发改经信局", "reporter", "10.1.2.3")
    assert event.request_id == response["X-Request-ID"]


def test_the_auditor_browses_and_exports_and_the_export_is_itself_audited(client, work_report, lead_reporter, auditor):
    draft(work_report.tasks.get(seq="1"), lead_reporter)
    client.force_login(auditor)
    assert '<td title="report.open">打开进度报告</td>' in client.get(reverse("audit:event_list")).content.decode()
    response = client.get(reverse("audit:event_export"), {"action": "report"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:6] == ("时间", "操作人", "单位", "角色", "动作", "动作代码")
    # newest first; the label, then the code the chain hashes
    assert [row[4:6] for row in rows[1:]] == [("保存报告草稿", "report.save"), ("打开进度报告", "report.open")]
    assert Event.objects.filter(action="audit.export", actor_name="audit").exists()


def test_changes_made_in_the_admin_are_audited(client, work_report, administrator):
    from dukao.plans.models import VerifierRule

    client.force_login(administrator)
    rule = VerifierRule.objects.get(priority=9)
    url = reverse("admin:plans_verifierrule_change", args=[rule.pk])
    data = {
        "priority": 9,
        "verifier": rule.verifier_id,
        "keywords": "其他",
        "match_name": "on",
        "active": "on",
        "note": "x",
    }
    assert client.post(url, data).status_code == 302
    event = Event.objects.get(action="admin.change")
    assert (event.actor_name, event.object_type) == ("admin", "plans.verifierrule")


def test_the_auditors_filter_holds_from_page_to_page(client, db, auditor):
    for n in range(260):
        event_record(actor=None, action="bulletin.draft" if n % 2 else "case.open", obj=None, summary=f"第{n}条")
    client.force_login(auditor)
    first = client.get(reverse("audit:event_list"), {"action": "bulletin"}).content.decode()
    assert "第 1 / 2 页，共 130 条" in first and 'href="?action=bulletin&amp;page=2">下一页' in first
    second = client.get(reverse("audit:event_list"), {"action": "bulletin", "page": 2}).content.decode()
    assert second.count('<td title="bulletin.draft">生成通报稿</td>') == 30 and "case.open" not in second
    by_label = client.get(reverse("audit:event_list"), {"action": "立案"}).content.decode()
    assert "共 130 条" in by_label and "bulletin.draft" not in by_label


def test_each_draft_save_is_an_event_with_the_digests_of_what_changed(work_report, lead_reporter):
    task = work_report.tasks.get(seq="1")
    report = draft(task, lead_reporter, narrative="一月进展。")
    indicator = str(task.indicators.first().pk)
    again = draft(task, lead_reporter, narrative="一月进展，已开工。", p0="12.5")
    assert again.pk == report.pk and again.draft_revision == 2
    first, second = Event.objects.filter(action="report.save", object_id=str(report.pk)).order_by("chain_seq")
    assert first.before == {"draft_revision": 0, "changed": {"narrative": value_digest("")}}
    assert first.after == {"draft_revision": 1, "changed": {"narrative": value_digest("一月进展。")}}
    entry = {"value": "12.5", "done": False, "node": "", "items_done": []}
    assert second.before == {
        "draft_revision": 1,
        "changed": {"narrative": value_digest("一月进展。"), f"values.{indicator}": None},
    }
    assert second.after == {
        "draft_revision": 2,
        "changed": {"narrative": value_digest("一月进展，已开工。"), f"values.{indicator}": value_digest(entry)},
    }
    assert "一月进展" not in str(second.after) and second.summary.endswith("保存草稿第2版，改动2项")
