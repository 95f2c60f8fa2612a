"""Where dukao tells people: a returned report reaches the unit's reporters and head, a supervision case and its
steps reach the unit's head — each with the link to the page where they act."""

import ast
from datetime import date
from pathlib import Path

from django.urls import reverse

from dukao.notices.models import Notice, NoticeKind
from dukao.reviews.services import review_decide
from dukao.supervision import services as supervision
from tests.progress.factories import submitted


def test_a_returned_report_tells_the_units_reporters_and_head(work_report, lead_reporter, lead_head, stats_reviewer):
    task = work_report.tasks.get(seq="1")
    version = submitted(task, lead_reporter, lead_head, p0="5.9")
    review_decide(version=version, indicator=task.indicators.get(), user=stats_reviewer, approve=True)
    assert not Notice.objects.exists()  # a verification tells nobody
    second = submitted(work_report.tasks.get(seq="4"), lead_reporter, lead_head)
    indicator = second.report.task.indicators.first()
    review_decide(version=second, indicator=indicator, user=stats_reviewer, approve=False, reason="请附统计快报")
    notices = Notice.objects.filter(kind=NoticeKind.RETURNED)
    assert sorted(n.recipient.username for n in notices) == ["fgj", "fgj_head"]
    notice = notices.first()
    assert notice.title.startswith("【报告退回】4.") and "请附统计快报" in notice.body
    assert notice.url == reverse("progress:report_page", args=[second.report.task_id, "2019-06"])


def test_a_case_and_each_step_tell_the_units_head(work_report, lead_reporter, lead_head, inspector):
    case = supervision.case_open(
        unit=lead_head.unit, tasks=[work_report.tasks.get(seq="1")], trigger="连续两月严重滞后", user=inspector
    )
    supervision.case_step(case=case, kind="talk", note="6月20日约谈", user=inspector, happened_on=date(2019, 6, 20))
    supervision.case_step(case=case, kind="rectification", note="已制定追赶计划", user=lead_head)
    notices = Notice.objects.filter(kind=NoticeKind.CASE).order_by("id")
    assert [(n.recipient.username, n.title) for n in notices] == [
        ("fgj_head", "【督办通知】本单位被立案督办：连续两月严重滞后"),
        ("fgj_head", "【督办通知】督办案件新环节：约谈"),
    ]  # the head's own 整改报告 tells nobody; the reporter hears of cases through the head
    assert {n.url for n in notices} == {reverse("supervision:case_detail", args=[case.pk])}


def test_notices_import_no_business_app():
    """Callers hand notices people, a kind, a text and a link: it imports only the apps to its left."""
    allowed = ("dukao.notices", "dukao.accounts", "dukao.audit", "dukao.lib")
    for path in Path("dukao/notices").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dukao."):
                assert node.module.startswith(allowed), f"{path}: {node.module}"
