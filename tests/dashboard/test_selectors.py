"""The dashboard's counts, on the seed with statuses from the real engine (the demo half-year) and on a period
spread over every status."""

from collections import Counter
from datetime import date

from dukao.dashboard import selectors
from dukao.dashboard.selectors import STATUSES
from dukao.plans.models import Plan, Task
from dukao.supervision import services
from dukao.supervision.models import TaskStatus
from dukao.supervision.rules import LAGGING, Status
from dukao.supervision.selectors import StatusFilter, period_statuses
from dukao.units.models import Unit
from tests.dashboard.conftest import MAY


def column_sums(rows) -> list[int]:
    return [sum(row.counts[j] for row in rows) for j in range(len(STATUSES))]


def test_totals_are_the_engines_counts_of_the_period(demo):
    computed = services.status_recompute(period=MAY, today=date(2019, 6, 30))
    totals = selectors.status_totals(MAY)
    assert dict(zip(STATUSES, totals.counts, strict=True)) == {s: computed.get(s, 0) for s in STATUSES}
    assert totals.total == Task.objects.count() == 163


def test_each_breakdown_adds_up_to_the_totals(demo):
    totals = list(selectors.status_totals(MAY).counts)
    assert column_sums(selectors.counts_by_type(MAY)) == totals
    assert column_sums(selectors.counts_by_plan(MAY)) == totals


def test_types_and_plans_count_their_tasks(demo):
    by_type = {row.key: row.total for row in selectors.counts_by_type(MAY)}
    assert by_type == {(code or "none"): Task.objects.filter(target_type=code).count() for code in ("A", "B", "C", "")}
    assert list(by_type) == ["A", "B", "C", "none"]
    by_plan = selectors.counts_by_plan(MAY)
    assert [(row.key, row.label, row.total) for row in by_plan] == [
        (plan.pk, plan.title, plan.tasks.count()) for plan in Plan.objects.order_by("annex_no")
    ]


def test_each_unit_counts_what_the_status_list_shows_for_it(spread, supervisor):
    """Including tasks led through 各街道办事处, counted once for a member that is also named directly."""
    rows = selectors.counts_by_unit(spread)
    units = Unit.objects.in_bulk([row.key for row in rows])
    for row in rows:
        listed = Counter(
            period_statuses(supervisor, spread, StatusFilter(unit=units[row.key])).values_list("status", flat=True)
        )
        assert row.counts == tuple(listed[s] for s in STATUSES), row.label
    streets = {row.label for row in rows if "街道" in row.label}
    assert len(streets) == 6


def test_units_with_the_largest_share_behind_come_first(spread):
    rows = selectors.counts_by_unit(spread)
    shares = [row.behind_share for row in rows]
    assert shares == sorted(shares, reverse=True) and shares[0] > shares[-1]
    behind = rows[0].counts[STATUSES.index(Status.BEHIND)] + rows[0].counts[STATUSES.index(Status.SERIOUSLY_BEHIND)]
    assert rows[0].behind_share == behind / rows[0].total


def test_the_trend_has_the_months_of_the_year_through_the_period(demo):
    trend = selectors.trend(date(2019, 12, 1))
    assert [row.key for row in trend] == [date(2019, m, 1) for m in range(1, 13)]
    assert [row.label for row in trend][:2] == ["1月", "2月"]
    stored = Counter(TaskStatus.objects.values_list("period", "status"))
    for row in trend:
        assert row.counts == tuple(stored[(row.key, s)] for s in STATUSES)
    assert [row.total for row in trend] == [163] * 6 + [0] * 6


def test_the_worst_ten_are_seriously_behind_first_then_by_gap(spread):
    worst = selectors.worst_tasks(spread)
    lagging = TaskStatus.objects.filter(period=spread, status__in=LAGGING).select_related("task__plan")

    def severity(s):
        gap_missing = s.gap is None
        return (s.status != Status.SERIOUSLY_BEHIND, gap_missing, s.gap or 0, s.task.plan.kind, s.task.position)

    assert len(worst) == 10 < lagging.count()
    assert [s.pk for s in worst] == [s.pk for s in sorted(lagging, key=severity)[:10]]
    assert worst[0].status == Status.SERIOUSLY_BEHIND and worst[0].gap == min(
        s.gap for s in lagging if s.gap is not None and s.status == Status.SERIOUSLY_BEHIND
    )


def test_the_worst_of_the_demo_half_year_is_the_investment_behind_its_schedule(demo):
    """May 2019: 固定资产投资 (row 4) 32.3 % against 41.8 % expected — the only task behind."""
    worst = selectors.worst_tasks(MAY)
    assert [(s.task.seq, s.status) for s in worst] == [("4", Status.BEHIND)]
    assert [link.name for link in worst[0].task.lead_links] == ["区发改经信局"]


def test_the_trend_draws_no_month_after_the_period(db):
    assert [row.label for row in selectors.trend(date(2019, 6, 1))] == ["1月", "2月", "3月", "4月", "5月", "6月"]
