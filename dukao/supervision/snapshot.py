"""What a bulletin says, computed once from the period's statuses and frozen as a JSON-able dict (the shape
``supervision.documents`` renders). Counting follows docs/supervision.md: counts and shares by status (shares add
up to 100 %), the 序时进度, the lagging tasks with lead units, newly lagging and recovered tasks, units ranked
with ties (only units that had something due; those at zero in one line), the coordination requests not yet
closed."""

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone

from dukao.lib.periods import elapsed_share, months_before, period_label, quarter_label, reporting_deadline
from dukao.plans.models import UnitRole
from dukao.progress.selectors import coordination_requests_open
from dukao.supervision.models import BulletinTemplate, TaskStatus
from dukao.supervision.rules import LAGGING, RECOVERED_TO, STATUS_LABELS, Status
from dukao.supervision.selectors import bulletin_template

ORDER = list(STATUS_LABELS)


def _pct(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP) if whole else Decimal(0)


def shares(counts: list[int]) -> list[str]:
    """Percentages of ``counts`` rounded to 0.1 that add up to exactly 100 (largest remainder method)."""
    total = sum(counts)
    if not total:
        return ["0" for _ in counts]
    exact = [Decimal(c) * 1000 / total for c in counts]
    floors = [int(e) for e in exact]
    left = 1000 - sum(floors)
    for i in sorted(range(len(counts)), key=lambda i: exact[i] - floors[i], reverse=True)[:left]:
        floors[i] += 1
    return [f"{Decimal(f) / 10:.1f}" for f in floors]


def ranking(scores: dict[str, Decimal]) -> list[dict]:
    """Units above zero ranked by score, best first; equal scores share a rank (competition ranking: 1, 1, 3 …).
    Units at zero are not ranked (``at_zero`` names them in one line)."""
    rows: list[dict] = []
    position = 0
    for score in sorted({s for s in scores.values() if s > 0}, reverse=True):
        units = sorted(u for u, s in scores.items() if s == score)
        rows.append({"rank": position + 1, "units": units, "value": f"{score}%"})
        position += len(units)
    return rows


def at_zero(scores: dict[str, Decimal]) -> list[str]:
    """The units whose score is zero, by name."""
    return sorted(unit for unit, score in scores.items() if score == 0)


def _row(status: TaskStatus) -> dict:
    task = status.task
    return {
        "plan": task.plan.get_kind_display(),
        "seq": task.seq,
        "name": task.name,
        "lead_units": "、".join(link.name for link in task.lead_links),
        "status": STATUS_LABELS[Status(status.status)],
        "reason": status.reason,
    }


def bulletin_snapshot(
    period: date, title: str, document_number: str, today: date | None = None, quarterly: bool = False
) -> dict:
    """The bulletin for ``period`` from the stored statuses of that period and of the previous bulletin's
    (the month before, or for a quarterly bulletin the previous quarter's last month); tasks 已撤销 are not
    counted."""
    statuses = list(
        TaskStatus.objects.filter(period=period, task__withdrawn_at__isnull=True)
        .select_related("task__plan")
        .prefetch_related("task__unit_links__unit", "task__unit_links__group")
        .order_by("task__plan__kind", "task__position")
    )
    previous = months_before(period, 3 if quarterly else 1)
    before = dict(TaskStatus.objects.filter(period=previous).values_list("task_id", "status"))
    counts = [sum(1 for s in statuses if s.status == status) for status in ORDER]
    today = today or timezone.localdate()
    reporting = _reporting_rates(statuses) if today > reporting_deadline(period, settings.DUKAO_REPORTING_DAY) else {}
    progress = _progress_rates(statuses)
    label = quarter_label(period) if quarterly else period_label(period)
    lagging = sorted((s for s in statuses if s.status in LAGGING), key=lambda s: s.status != Status.SERIOUSLY_BEHIND)
    return {
        "document_number": document_number,
        "title": title,
        **template_fields(bulletin_template()),
        "issue_no": "",
        "issued_on": today.isoformat(),
        "period_label": label,
        "preface": f"现将{label}政府工作报告目标任务和民生实事项目进展情况通报如下。",
        "attachments": [],
        "elapsed_share": f"{Decimal(elapsed_share(period) * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)}",
        "summary": _summary(period, counts, len(statuses)),
        "statuses": [STATUS_LABELS[s] for s in ORDER],
        "totals": _totals(counts),
        "public": _public(period, [s for s in statuses if s.task.plan.is_public]),
        "by_type": _breakdown(statuses, lambda s: s.task.target_type_label or "未分类"),
        "by_plan": _breakdown(statuses, lambda s: s.task.plan.get_kind_display()),
        "behind": [_row(s) for s in lagging],
        "newly_behind": [_row(s) for s in lagging if before.get(s.task_id) not in LAGGING],
        "recovered": [_row(s) for s in statuses if s.recovered],
        "ranking_reporting": ranking(reporting),
        "ranking_reporting_zero": at_zero(reporting),
        "ranking_progress": ranking(progress),
        "ranking_progress_zero": at_zero(progress),
        "open_requests": _open_requests(today),
        "closing": "请各单位对照进度计划，查找差距、分析原因，对欠进度和严重滞后的任务制定追赶措施，"
        "需要区政府协调的事项及时报告。区纪委(区监委)将对严重滞后的单位实施督办。",
    }


def _totals(counts: list[int]) -> list[dict]:
    return [
        {"status": STATUS_LABELS[s], "count": c, "share": p}
        for s, c, p in zip(ORDER, counts, shares(counts), strict=True)
    ]


def _public(period: date, statuses: list[TaskStatus]) -> dict:
    """What the public portal shows of the bulletin: the summary and counts of the tasks of plans whose notice
    says they may be published — an unpublished plan's statuses never reach the public."""
    counts = [sum(1 for s in statuses if s.status == status) for status in ORDER]
    return {"summary": _summary(period, counts, len(statuses)), "totals": _totals(counts)}


def template_fields(template: BulletinTemplate) -> dict:
    """The template's words as the snapshot keeps them: 版头 (``masthead``, whether it carries the 期号), 签发人,
    主送, 署名, and the 版记's 抄送 and 印发机关."""
    return {
        "masthead": template.masthead,
        "masthead_issue": template.masthead_issue,
        "issuer": template.issuer,
        "signer": template.signer,
        "recipients": template.recipients,
        "copy_to": template.copy_to,
        "printer": template.printer,
    }


def _summary(period: date, counts: list[int], total: int) -> str:
    done = counts[ORDER.index(Status.COMPLETED)]
    on_pace = sum(counts[ORDER.index(s)] for s in (Status.AHEAD, Status.ON_TRACK))
    behind = sum(counts[ORDER.index(s)] for s in LAGGING)
    return (
        f"截至{period.month}月底，{total}项目标任务中，已完成{done}项，超进度或达进度{on_pace}项，"
        f"欠进度或严重滞后{behind}项，未按时报送{counts[ORDER.index(Status.NOT_REPORTED)]}项。"
    )


def _breakdown(statuses: list[TaskStatus], key) -> list[dict]:
    groups: dict[str, list[int]] = defaultdict(lambda: [0] * len(ORDER))
    for s in statuses:
        groups[key(s)][ORDER.index(Status(s.status))] += 1
    return [{"label": label, "counts": counts} for label, counts in sorted(groups.items())]


def _lead_units(status: TaskStatus) -> list[str]:
    return [link.name for link in status.task.unit_links.all() if link.role == UnitRole.LEAD]


def _reporting_rates(statuses: list[TaskStatus]) -> dict[str, Decimal]:
    """Per lead unit, the share of its tasks whose report was signed off by the reporting day (once it passed:
    before, no report was due)."""
    due, on_time = defaultdict(int), defaultdict(int)
    for s in statuses:
        for unit in _lead_units(s):
            due[unit] += 1
            on_time[unit] += s.reported_on_time
    return {unit: _pct(on_time[unit], due[unit]) for unit in due}


#: Statuses of tasks not judged in the progress ranking: nothing due in the period, or a report waiting for
#: verification (judged once verified).
NOTHING_DUE = {Status.YEAR_END, Status.NOT_STARTED, Status.AWAITING}


def _progress_rates(statuses: list[TaskStatus]) -> dict[str, Decimal]:
    """Per lead unit, the share of its tasks that had something due (not 需年终评定, 未开始 or 待核定) that are on
    pace or done; a unit with nothing due is not ranked."""
    judged, good = defaultdict(int), defaultdict(int)
    for s in statuses:
        if s.status in NOTHING_DUE:
            continue
        for unit in _lead_units(s):
            judged[unit] += 1
            good[unit] += Status(s.status) in RECOVERED_TO
    return {unit: _pct(good[unit], judged[unit]) for unit in judged}


def _open_requests(today: date) -> list[dict]:
    """The coordination requests not yet closed, oldest first, with their age on ``today``."""
    return [
        {"unit": r.raised_by_unit.name, "subject": r.subject, "age_days": r.age_days(today)}
        for r in coordination_requests_open()
    ]
