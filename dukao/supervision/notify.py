"""What the people under a supervision case are told: its head hears of the case opened and of each step
区纪委(区监委) records (``notices``), with a link to the case."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from dukao.accounts.models import Role
from dukao.accounts.selectors import unit_members
from dukao.notices.models import NoticeKind
from dukao.notices.services import notice_send
from dukao.supervision.models import CaseStep, SupervisionCase


def case_notify(case: SupervisionCase, step: CaseStep | None = None) -> None:
    """Tell the head of the case's unit that the case was opened (``step`` None) or of ``step``; their own
    整改报告 tells them nothing."""
    if step is None:
        title, body = (
            f"【督办通知】本单位被立案督办：{case.trigger}",
            f"请于{case.rectify_by or '规定期限'}前整改并报送整改报告。",
        )
    else:
        with translation.override(settings.LANGUAGE_CODE):  # notices are written in the office's language
            title, body = f"【督办通知】督办案件新环节：{step.get_kind_display()}", step.note
    notice_send(
        recipients=unit_members(case.unit_id, roles=[Role.UNIT_HEAD]),
        kind=NoticeKind.CASE,
        title=title,
        body=body,
        url=reverse("supervision:case_detail", args=[case.pk]),
    )
