"""Synthetic districts for scale tests (docs/deploy.md, "Scale"): ``synth_build`` makes N districts shaped like
the seed, with a year of monthly reporting, quickly (``bulk_create``, not the per-report services, which would take
hours at province scale) but with the rows the services would make. Deterministic for a seed.

Shape:
- District 1 is the imported seed itself; district d > 1 copies each seed plan (tasks, unit links, indicators)
  as ``〔合成第dd区〕<title>`` issued by ``合成第dd区人民政府办公室``. Each further year copies every district's
  plans again, the year and deadlines shifted.
- Units: the registry is one district's and every district reuses it, so 区发改经信局 leads its tasks in all N
  districts: a unit's pages (工作台, its status list) see N times the tasks (their worst case), the by-unit
  chart keeps the registry's size. A task's report is made by its first lead unit (a group's first member).
- Each task draws a pace (on track 60 %, ahead 10 %, behind 15 %, seriously behind 10 %, silent 5 %) and a
  lateness; each month a report is signed off on day 10–25 (on time) or 26–35 (late, into the next month),
  or is missing (2 %, silent tasks 40 %). Values follow the pace with noise; 区统计局 verifies economic figures
  about 1 % lower than reported; 5 % of reports are returned once and verified on a second version; the last
  month's reports wait for review (submitted). Every schedule is the default (``schedule_rules``), approved.
- Statuses come from ``status_recompute`` for every month, as known three days after the reporting day.
  Coordination requests (one per 25 tasks and year) and supervision cases (units with tasks 严重滞后 in the
  last verified month — the last month's reports still wait, so its tasks are 待核定 —, up to three per district
  and year, with their steps) follow.
- Not made: audit events, evidence files, reminders (none of the benchmarked pages reads them).
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from dukao.accounts.models import Role, User
from dukao.lib.db import statistics_refresh
from dukao.lib.numbers import number_text
from dukao.lib.periods import month_end, reporting_deadline
from dukao.plans.models import Indicator, Plan, Task, TaskUnit, UnitRole
from dukao.plans.parsing.routing import verifying_unit
from dukao.plans.services import plan_import
from dukao.progress.models import (
    Checkpoint,
    CoordinationRequest,
    ProgressReport,
    ReportState,
    ReportValue,
    ReportVersion,
    RequestState,
    ScheduleRevision,
    ScheduleState,
)
from dukao.progress.permissions import DEFAULT_VERIFIER
from dukao.progress.schedule_rules import indicator_points
from dukao.progress.verifiers import verifier_alternatives
from dukao.reviews.models import Decision, Review
from dukao.supervision.models import CaseStep, CaseStepKind, SupervisionCase, TaskStatus
from dukao.supervision.rules import Status
from dukao.supervision.services import status_recompute
from dukao.units.models import Unit

SEED = settings.BASE_DIR / "data" / "seeds" / "000_26a01e5d1773f912.txt"
BATCH = 2000
COUNTABLE = {"quantity", "money", "checklist"}
RATES = {"growth", "decline", "ratio"}
#: (share of tasks, pace range): how far a task runs ahead of (>1) or behind (<1) its schedule.
PACES = [(0.60, (0.97, 1.08)), (0.10, (1.15, 1.4)), (0.15, (0.8, 0.93)), (0.10, (0.4, 0.7)), (0.05, (0.5, 0.9))]
SILENT = 4  # index of the silent profile in PACES: often no report at all
REVIEWER_ROLES = {"区统计局": Role.STATS_REVIEWER, "区发改经信局": Role.CONSTRUCTION_REVIEWER}


@dataclass(frozen=True)
class Template:
    """A seed task to copy: the task, its unit links, its indicators, and the unit that reports on it."""

    task: Task
    links: list[TaskUnit]
    indicators: list[Indicator]
    reporter_unit_id: int


def synth_build(*, districts: int, years: int = 1, months: int = 12, seed: int = 2019) -> dict[str, int]:
    """Make ``districts`` districts × ``years`` years of plans and ``months`` months of reporting per year.
    Imports the seed first when no plan exists. Returns row counts ``{"计划": n, "任务": n, …}``."""
    if not Plan.objects.exists():
        plan_import(content=SEED.read_bytes(), file_name=SEED.name)
    seed_plans = list(Plan.objects.filter(issuer__startswith="杭州").order_by("annex_no"))
    templates = _templates(seed_plans)
    people = _people(templates)
    base_year = seed_plans[0].year
    for k in range(years):
        year = base_year + k
        for d in range(1, districts + 1):
            with transaction.atomic():
                tasks = _copy_plans(seed_plans, templates, d, year)
                _report_year(tasks, people, months, random.Random(f"{seed}:{d}:{year}"))
        statistics_refresh()
        for month in range(1, months + 1):
            period = date(year, month, 1)
            status_recompute(period=period, today=reporting_deadline(period, settings.DUKAO_REPORTING_DAY) + _DAYS3)
        _cases(year, months, people, random.Random(f"{seed}:cases:{year}"))
    return {
        "计划": Plan.objects.count(),
        "任务": Task.objects.count(),
        "指标": Indicator.objects.count(),
        "报告": ProgressReport.objects.count(),
        "报告版本": ReportVersion.objects.count(),
        "核定": Review.objects.count(),
        "状态": TaskStatus.objects.count(),
        "协调事项": CoordinationRequest.objects.count(),
        "督办案件": SupervisionCase.objects.count(),
    }


_DAYS3 = timedelta(days=3)


def _templates(plans: list[Plan]) -> list[Template]:
    tasks = (
        Task.objects.filter(plan__in=plans)
        .select_related("plan")
        .prefetch_related("unit_links__group__members", "indicators")
    )
    templates = []
    for task in tasks.order_by("plan__annex_no", "position"):
        links = list(task.unit_links.all())
        lead = next(link for link in links if link.role == UnitRole.LEAD)
        unit_id = lead.unit_id or lead.group.members.order_by("pk").values_list("pk", flat=True).first()
        templates.append(Template(task, links, list(task.indicators.all()), unit_id))
    return templates


def _people(templates: list[Template]) -> dict:
    """The synthetic accounts (no usable password): a unit head per reporting unit, a reviewer per verifying
    unit, a supervisor and an inspector. ``{"head": {unit id: user}, "reviewer": {unit id: user}, …}``."""
    office = Unit.objects.get(name=DEFAULT_VERIFIER)
    alternatives, default = verifier_alternatives()
    route = (office.pk, alternatives, default)
    verifiers = {_verifier(i, t.reporter_unit_id, route) for t in templates for i in t.indicators} - {None}
    wanted = [(f"synth-head-{u}", Role.UNIT_HEAD, u) for u in {t.reporter_unit_id for t in templates}]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=verifiers)}
    wanted += [(f"synth-review-{u}", REVIEWER_ROLES.get(units[u].name, Role.SUPERVISOR), u) for u in verifiers]
    wanted += [("synth-inspector", Role.INSPECTOR, Unit.objects.get(name="区纪委(区监委)").pk)]
    password = make_password(None)
    User.objects.bulk_create(
        [User(username=name, role=role, unit_id=unit, password=password) for name, role, unit in wanted],
        ignore_conflicts=True,
    )
    users = {u.username: u for u in User.objects.filter(username__startswith="synth-")}
    return {
        "head": {unit: users[name] for name, role, unit in wanted if role == Role.UNIT_HEAD},
        "reviewer": {unit: users[name] for name, role, unit in wanted if name.startswith("synth-review-")},
        "route": route,
        "inspector": users["synth-inspector"],
    }


def _copy_plans(seed_plans: list[Plan], templates: list[Template], d: int, year: int) -> list[tuple]:
    """The district's plans for ``year`` (the seed's own for district 1 in the seed year), with their schedules
    approved. Returns ``[(task, template, [indicators])]``."""
    shift = year - seed_plans[0].year
    if d == 1 and shift == 0:
        copies = {p.pk: p for p in seed_plans}
        tasks = {t.task.pk: t.task for t in templates}
        indicators = {i.pk: i for t in templates for i in t.indicators}
    else:
        copies = {p.pk: _plan_copy(p, d, year) for p in seed_plans}
        Plan.objects.bulk_create(copies.values())
        tasks = {
            t.task.pk: _row_copy(t.task, plan=copies[t.task.plan_id], deadline=_shift(t.task.deadline, shift))
            for t in templates
        }
        Task.objects.bulk_create(tasks.values(), batch_size=BATCH)
        TaskUnit.objects.bulk_create(
            [_row_copy(link, task=tasks[t.task.pk]) for t in templates for link in t.links], batch_size=BATCH
        )
        indicators = {i.pk: _row_copy(i, task=tasks[t.task.pk]) for t in templates for i in t.indicators}
        Indicator.objects.bulk_create(indicators.values(), batch_size=BATCH)
    made = [(tasks[t.task.pk], t, [indicators[i.pk] for i in t.indicators]) for t in templates]
    _schedules(made, year)
    return made


def _plan_copy(plan: Plan, d: int, year: int) -> Plan:
    copy = _row_copy(plan, year=year, issuer=f"合成第{d:02d}区人民政府办公室")
    copy.title = f"〔合成第{d:02d}区〕{plan.title}".replace(str(plan.year), str(year))[:200]
    copy.source_sha256 = copy.content_sha256 = ""
    return copy


def _row_copy(row, **changes):
    """An unsaved copy of a model row with ``changes`` (no primary key, timestamps reset)."""
    fields = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if not f.primary_key}
    fields = {k: v for k, v in fields.items() if k not in {"created_at", "updated_at"}}
    for name, value in changes.items():
        fields.pop(f"{name}_id", None)
        fields[name] = value
    return type(row)(**fields)


def _shift(day: date | None, years: int) -> date | None:
    return day.replace(year=day.year + years, day=min(day.day, 28)) if day and years else day


def _schedules(made: list[tuple], year: int) -> None:
    """Revision 1 of every task's schedule, the default checkpoints, approved (as the demo does)."""
    now = timezone.now()
    revisions = [
        ScheduleRevision(
            task=task,
            number=1,
            state=ScheduleState.APPROVED,
            reason="系统按指标生成的默认进度计划",
            decided_at=now,
            decision_note="同意默认计划",
        )
        for task, _t, _i in made
    ]
    ScheduleRevision.objects.bulk_create(revisions, batch_size=BATCH)
    checkpoints = []
    for revision, (task, _t, indicators) in zip(revisions, made, strict=True):
        for i in indicators:
            facts = {"text": i.text, "verb": i.verb, "subject": i.subject, "requirement": task.requirement}
            for p in indicator_points(i.kind, i.target, year, **facts, deadline=task.deadline):
                checkpoints.append(
                    Checkpoint(
                        revision=revision,
                        indicator=i,
                        due=p.due,
                        expected_share=p.share,
                        expected_value=p.value,
                        node=p.node[:200],
                    )
                )
    Checkpoint.objects.bulk_create(checkpoints, batch_size=BATCH)


def _pick_pace(rng: random.Random) -> tuple[int, float]:
    roll, total = rng.random(), 0.0
    for index, (share, (low, high)) in enumerate(PACES):
        total += share
        if roll < total:
            return index, rng.uniform(low, high)
    return 0, 1.0


def _report_year(made: list[tuple], people: dict, months: int, rng: random.Random) -> None:
    """Monthly reports, versions, values and reviews for every task of one district-year."""
    reports, versions, values, reviews = [], [], [], []
    for task, template, indicators in made:
        profile, pace = _pick_pace(rng)
        late_rate = rng.choice((0.05, 0.05, 0.2, 0.5))
        head = people["head"][template.reporter_unit_id]
        for month in range(1, months + 1):
            if rng.random() < (0.4 if profile == SILENT else 0.02):
                continue
            period = date(task.plan.year, month, 1)
            entries = {i: _value(i, task.deadline, month, pace, rng) for i in indicators}
            returned = rng.random() < 0.05
            pending = month == months
            state = ReportState.SUBMITTED if pending else ReportState.VERIFIED
            day = rng.randint(26, 35) if rng.random() < late_rate else rng.randint(10, 25)
            hour = 9 + rng.randint(0, 8)
            at = datetime(period.year, month, 1, hour, tzinfo=timezone.get_current_timezone()) + timedelta(day - 1)
            report = ProgressReport(
                task=task,
                period=period,
                unit_id=template.reporter_unit_id,
                state=state,
                draft_values={str(i.pk): _draft(v) for i, v in entries.items()},
                draft_narrative=f"{month}月：{task.name[:60]}{_PHRASES[profile]}",
                draft_problems="部分项目要素保障有待加强。" if pace < 0.93 else "",
                draft_next_steps="继续按进度计划推进。",
                draft_revision=2 if returned else 1,
                draft_saved_by=head,
                draft_saved_at=at,
            )
            reports.append(report)
            for number in (1, 2) if returned else (1,):
                version = ReportVersion(
                    report=report,
                    number=number,
                    narrative=report.draft_narrative,
                    problems=report.draft_problems,
                    next_steps=report.draft_next_steps,
                    submitted_by=head,
                    submitted_at=at + timedelta(days=3 * (number - 1)),
                    idempotency_key=f"synth-{task.plan.issuer[:12]}-{task.plan.year}-{task.plan.annex_no}-"
                    f"{task.seq}-{month}-{number}",
                )
                versions.append(version)
                values += [ReportValue(version=version, indicator=i, **v) for i, v in entries.items()]
                if number == 1 and returned:
                    reviews.append(_review(version, indicators[0], None, people, returned=True))
                elif not pending:
                    reviews += [_review(version, i, v, people) for i, v in entries.items()]
    _save(reports, versions, values, reviews)


_PHRASES = [
    "按计划推进，完成情况见各项指标。",
    "进展顺利，快于序时进度。",
    "推进略慢于计划，正在加快。",
    "受要素制约，进度明显滞后。",
    "按计划推进。",
]


def _value(i: Indicator, deadline: date | None, month: int, pace: float, rng: random.Random) -> dict:
    """What the unit reports for an indicator at the end of ``month``: ``ReportValue`` fields."""
    share = min(1.0, month / 12 * pace * rng.uniform(0.95, 1.05))
    if i.kind in COUNTABLE:
        target = i.target or Decimal(len(i.items) or 1)
        done = [str(item) for item in i.items[: round(len(i.items) * share)]]
        return {"value": _dec(float(target) * share), "items_done": done}
    if i.kind in RATES and i.comparator != "<=":
        return {"value": _dec(float(i.target or 0) * min(pace, 1.2) * rng.uniform(0.97, 1.03))}
    if i.kind in ("duration", "zero_event") or i.comparator == "<=":
        return {"value": _dec(float(i.target or 0) * (1.2 if pace < 0.75 else 0.9))}
    due = deadline.month if deadline else 12
    done = month >= due / max(pace, 0.1) or month == 12 and pace >= 0.97
    return {"done": done, "node": "已完成" if done else "正在推进"}


def _dec(x: float) -> Decimal:
    return Decimal(f"{x:.4f}")


def _draft(v: dict) -> dict:
    value = v.get("value")
    return {
        "value": number_text(value),
        "done": v.get("done", False),
        "node": v.get("node", ""),
        "items_done": v.get("items_done", []),
    }


def _verifier(i: Indicator, reporting_unit_id: int, route: tuple) -> int | None:
    """The unit that verifies ``i`` on a report of ``reporting_unit_id`` (never that unit itself)."""
    office, alternatives, default = route
    return verifying_unit(i.verifier_id or office, reporting_unit_id, alternatives, default)


def _review(version, i: Indicator, v: dict | None, people: dict, returned: bool = False) -> Review:
    verifier = _verifier(i, version.report.unit_id, people["route"])
    reviewer = people["reviewer"][verifier]
    if returned:
        return Review(
            version=version,
            indicator=i,
            decision=Decision.RETURNED,
            reviewer=reviewer,
            reviewer_unit_id=verifier,
            reason="与统计快报口径不一致，请核实后重报。",
        )
    reported = v.get("value")
    verified = reported
    if reported is not None and reviewer.role == Role.STATS_REVIEWER:
        verified = (reported * Decimal("0.99")).quantize(Decimal("0.0001"))
    return Review(
        version=version,
        indicator=i,
        decision=Decision.VERIFIED,
        reported_value=reported,
        verified_value=verified,
        verified_done=v.get("done", False),
        reviewer=reviewer,
        reviewer_unit_id=verifier,
        reason="经核定",
    )


def _save(reports, versions, values, reviews) -> None:
    ProgressReport.objects.bulk_create(reports, batch_size=BATCH)
    for version in versions:
        version.report_id = version.report.pk
    ReportVersion.objects.bulk_create(versions, batch_size=BATCH)
    for row in values:
        row.version_id = row.version.pk
    ReportValue.objects.bulk_create(values, batch_size=BATCH)
    for row in reviews:
        row.version_id = row.version.pk
    Review.objects.bulk_create(reviews, batch_size=BATCH)


def _cases(year: int, months: int, people: dict, rng: random.Random) -> None:
    """Coordination requests on some tasks; cases on units with tasks 严重滞后 in the last verified month."""
    tasks = list(Task.objects.filter(plan__year=year).select_related("plan").order_by("pk"))
    inspector, now = people["inspector"], timezone.now()
    requests = []
    for task in rng.sample(tasks, len(tasks) // 25):
        state = rng.choice(list(RequestState))
        head = next(iter(people["head"].values()))
        requests.append(
            CoordinationRequest(
                task=task,
                raised_by_unit_id=head.unit_id,
                raised_by=head,
                subject=f"{task.name[:40]}要素保障",
                needed="请区政府协调解决项目推进中的要素保障问题。",
                state=state,
                answer="已协调相关部门落实。" if state in (RequestState.ANSWERED, RequestState.CLOSED) else "",
                answered_at=now if state in (RequestState.ANSWERED, RequestState.CLOSED) else None,
                closed_at=now if state == RequestState.CLOSED else None,
            )
        )
    CoordinationRequest.objects.bulk_create(requests, batch_size=BATCH)
    verified = date(year, max(months - 1, 1), 1)
    lagging = TaskStatus.objects.filter(period=verified, status=Status.SERIOUSLY_BEHIND)
    by_district_unit: dict[tuple, list] = defaultdict(list)
    for status in lagging.select_related("task__plan").prefetch_related("task__unit_links").order_by("task_id"):
        lead = status.task.lead_links[0]
        if lead.unit_id:
            by_district_unit[(status.task.plan.issuer, lead.unit_id)].append(status)
    per_district: dict[str, int] = defaultdict(int)
    cases, links, steps = [], [], []
    for (issuer, unit_id), statuses in by_district_unit.items():
        if per_district[issuer] >= 3:
            continue
        per_district[issuer] += 1
        facts = {
            "opened_on": month_end(verified).isoformat(),
            "tasks": [
                {"seq": s.task.seq, "name": s.task.name, "status": "严重滞后", "reason": s.reason} for s in statuses
            ],
        }
        case = SupervisionCase(unit_id=unit_id, trigger="连续严重滞后", facts=facts, opened_by=inspector)
        cases.append(case)
        links += [(case, s.task_id) for s in statuses]
        kinds = [CaseStepKind.REMINDER] + ([CaseStepKind.TALK] if rng.random() < 0.5 else [])
        steps += [(case, kind) for kind in kinds]
    SupervisionCase.objects.bulk_create(cases)
    SupervisionCase.tasks.through.objects.bulk_create(
        [SupervisionCase.tasks.through(supervisioncase_id=c.pk, task_id=t) for c, t in links]
    )
    CaseStep.objects.bulk_create(
        [
            CaseStep(
                case=c, kind=k, note=f"{CaseStepKind(k).label}：请对滞后任务说明原因并限期整改。", recorded_by=inspector
            )
            for c, k in steps
        ]
    )
