"""Demo data for ``make demo``: a realistic first half-year of reporting on a few seed tasks, made by calling
the real services as the demo accounts (so every step is in the audit trail). Every text is marked
【演示数据】. Never run in production."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dukao.accounts.models import User
from dukao.demo.cadres import cadres_demo_ensure
from dukao.plans.models import Plan, PlanKind, Task
from dukao.progress import services as progress
from dukao.progress.models import ProgressReport, ScheduleState
from dukao.progress.verifiers import verifying_unit_id
from dukao.reviews.services import review_decide
from dukao.supervision.early_warnings import warnings_refresh
from dukao.supervision.services import status_recompute
from dukao.supervision.urges import urge_send
from dukao.units.models import Unit

MARK = "【演示数据】"

#: (序号 in annex 1, the cumulative value reported at the end of each month Jan–Jun per indicator position).
#: Row 1 地区生产总值 增长5.5%; row 4 固定资产投资130亿元; row 9 上云企业 新增1900家 / 累计6400家.
SERIES = {
    "1": [["5.2"], ["5.4"], ["5.6"], ["5.5"], ["5.7"], ["5.8"]],
    "4": [["9.5"], ["19.8"], ["31.2"], ["42.0"], ["51.3"], ["60.6"]],
    "9": [["120", "4620"], ["260", "4760"], ["430", "4930"], ["590", "5090"], ["760", "5260"], ["950", "5450"]],
}
#: Row 8 建设数字E谷 (a milestone verified by 区发改经信局): the node reached each month.
NODES = ["主体结构施工", "主体结构施工", "主体结构封顶", "外立面施工", "室内装修", "室内装修"]


#: Rows whose 进展情况 the unit keeps off the public portal (land sales not yet announced).
INTERNAL = {"4"}


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _report_month(task: Task, period: date, values: list[str], node: str = "", *, submit: bool = True):
    reporter, head = _user("reporter"), _user("unithead")
    report = progress.report_open(task=task, period=period, user=reporter)
    indicators = list(task.indicators.all())
    entries = {str(i.pk): {"value": v} for i, v in zip(indicators, values, strict=False)}
    if node:
        entries = {str(indicators[0].pk): {"node": node, "done": False}}
    narrative = f"{MARK}{period.month}月：{task.name}按计划推进，" + (
        "完成情况见各项指标。" if values else f"目前{node}。"
    )
    report = progress.report_save_draft(
        report=report,
        user=reporter,
        base_revision=report.draft_revision,
        values=entries,
        narrative=narrative,
        problems=f"{MARK}部分项目要素保障有待加强。",
        next_steps=f"{MARK}继续按进度计划推进。",
        narrative_internal=task.seq in INTERNAL,
    )
    if not submit:
        return report, None
    version = progress.report_submit(
        report=report,
        user=head,
        idempotency_key=uuid.uuid4().hex,
        base_revision=report.draft_revision,
        submitted_at=datetime(period.year, period.month, 20, 10, tzinfo=timezone.get_current_timezone()),
    )
    return report, version


#: The demo account that verifies for each verifying unit.
REVIEWERS = {"区统计局": "stats", "区发改经信局": "construction", "区政府办公室": "supervisor"}


def _verify(version, task: Task, values: list[str]) -> None:
    """Each indicator verified by the unit routing sends it to on this report: never the reporting unit's own
    reviewer (区发改经信局's own construction reports go to its alternative, 区政府办公室 by default)."""
    units = dict(Unit.objects.values_list("pk", "name"))
    for indicator, value in zip(task.indicators.all(), values or [None], strict=False):
        reviewer = _user(REVIEWERS[units[verifying_unit_id(indicator, version.report.unit_id)]])
        review_decide(
            version=version,
            indicator=indicator,
            user=reviewer,
            approve=True,
            verified_value=Decimal(value) if value else None,
            reason=f"{MARK}经核定",
        )


@transaction.atomic
def demo_data_ensure() -> int:
    """Create the demo half-year once (a rerun does nothing). Returns the number of reports made."""
    cadres_demo_ensure()
    plan = Plan.objects.filter(kind=PlanKind.WORK_REPORT, year=2019).first()
    if plan is None or ProgressReport.objects.filter(draft_narrative__startswith=MARK).exists():
        return 0
    supervisor = _user("supervisor")
    for task in plan.tasks.prefetch_related("indicators"):
        revision = progress.schedule_generate_default(task=task, actor=supervisor)
        if revision is not None and revision.state == ScheduleState.PROPOSED:
            progress.schedule_decide(revision=revision, user=supervisor, approve=True, note=f"{MARK}同意默认计划")
    made = 0
    for seq, months in SERIES.items():
        task = plan.tasks.get(seq=seq)
        for month, values in enumerate(months, 1):
            report, version = _report_month(task, date(2019, month, 1), values, submit=month < 6)
            made += 1
            if version is not None and not (seq == "4" and month == 5):
                _verify(version, task, values)
            elif version is not None:
                review_decide(
                    version=version,
                    indicator=task.indicators.first(),
                    user=_user("stats"),
                    approve=False,
                    reason=f"{MARK}与统计快报口径不一致，请按快报数核实后重报。",
                )
    e_valley = plan.tasks.get(seq="8")
    for month, node in enumerate(NODES, 1):
        report, version = _report_month(e_valley, date(2019, month, 1), [], node, submit=month < 6)
        made += 1
        if version is not None:
            _verify(version, e_valley, [])
    request = progress.request_raise(
        task=e_valley,
        user=_user("reporter"),
        subject=f"{MARK}中维商务中心消防验收需提前介入",
        needed="主体结构已封顶，请协调市消防救援支队上城大队提前介入消防设计审查和验收，以确保年底竣工。",
        needed_from="市消防救援支队上城大队",
        due=date(2019, 7, 31),
    )
    progress.request_answer(request=request, user=supervisor, answer=f"{MARK}已协调，消防大队7月中旬派员对接。")
    progress.request_raise(
        task=plan.tasks.get(seq="4"),
        user=_user("reporter"),
        subject=f"{MARK}望江单元两宗地块出让时序",
        needed="固定资产投资进度受地块出让时序影响，请区政府明确出让计划。",
        due=date(2019, 8, 31),
    )
    for month in range(1, 7):  # the statuses of the half-year, as known at each reporting day's end
        status_recompute(period=date(2019, month, 1), today=date(2019, month, 28))
    warnings_refresh(today=date(2019, 6, 28))  # the lights as known that day: nodes due by 5 July turn yellow
    urge_send(
        user=supervisor,
        tasks=[plan.tasks.get(seq="4")],
        message=f"{MARK}固定资产投资进度落后，请抓紧推进望江单元地块出让，7月5日前报送推进计划。",
    )
    return made
