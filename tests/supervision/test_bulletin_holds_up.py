"""A bulletin that holds up: only units that had something due are ranked (ties share a rank, units at zero in one
line), every open coordination request is listed, document numbers are unique per issuer and year even when two
bulletins are issued at once, and the command line drafts one in a database without accounts."""

import threading
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from dukao.plans.models import TaskUnit
from dukao.progress import services as progress
from dukao.progress.selectors import coordination_requests_open
from dukao.supervision import documents, services
from dukao.supervision.models import Bulletin, BulletinState, TaskStatus
from dukao.supervision.snapshot import NOTHING_DUE, at_zero, ranking
from tests.conftest import make_user
from tests.progress.factories import JUNE

D = __import__("decimal").Decimal


@pytest.mark.parametrize(
    ("scores", "ranks", "zero"),
    [
        ({"甲": D(100), "乙": D(100), "丙": D(50)}, [(1, ["乙", "甲"]), (3, ["丙"])], []),
        ({"甲": D(80), "乙": D(0), "丙": D(0)}, [(1, ["甲"])], ["丙", "乙"]),
        ({"甲": D(0)}, [], ["甲"]),
        ({}, [], []),
    ],
)
def test_ranking_skips_units_at_zero_and_ties_share_a_rank(scores, ranks, zero):
    assert [(row["rank"], row["units"]) for row in ranking(scores)] == ranks
    assert at_zero(scores) == sorted(zero)


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 100).map(D), max_size=30))
def test_a_units_rank_is_one_more_than_the_units_above_it(scores):
    rows = ranking(scores)
    for row in rows:
        score = scores[row["units"][0]]
        assert row["rank"] == 1 + sum(1 for s in scores.values() if s > score)
        assert all(scores[u] == score for u in row["units"])
    assert sorted(u for row in rows for u in row["units"]) + at_zero(scores) == sorted(
        [u for u, s in scores.items() if s > 0]
    ) + sorted(u for u, s in scores.items() if s == 0)


def test_the_bulletin_ranks_only_units_with_something_due_and_summarises_those_at_zero(seed, supervisor):
    before_the_day = services.bulletin_draft(period=JUNE, user=supervisor, today=date(2019, 6, 20)).snapshot
    assert before_the_day["ranking_reporting"] == [] and before_the_day["ranking_reporting_zero"] == []  # none due
    ranked = {u for row in before_the_day["ranking_progress"] for u in row["units"]}
    ranked |= set(before_the_day["ranking_progress_zero"])
    due = set()  # lead units of tasks with something due (not 未开始, not 需年终评定)
    for status in TaskStatus.objects.filter(period=JUNE).exclude(status__in=NOTHING_DUE).select_related("task"):
        due |= {link.name for link in status.task.lead_links}
    assert ranked == due and len(due) < TaskUnit.objects.filter(role="lead").values("unit").distinct().count()
    snapshot = services.bulletin_draft(period=JUNE, user=supervisor, today=date(2019, 7, 5)).snapshot
    zero = snapshot["ranking_reporting_zero"]  # nobody reported: every lead unit at zero, none ranked
    assert snapshot["ranking_reporting"] == [] and len(zero) > 30 and "区发改经信局" in zero
    html = documents.bulletin_html(snapshot)
    assert html.count(f"另有{len(zero)}个单位为0%：") == 2 and "第一名" not in html  # one line per ranking


def test_every_open_coordination_request_is_listed_from_the_same_selector(seed, work_report, supervisor):
    reporter = make_user("fgj", "reporter", "区发改经信局")
    task = work_report.tasks.get(seq="1")
    first, second, done = (
        progress.request_raise(task=task, user=reporter, subject=subject, needed="需协调")
        for subject in ("用地指标", "资金拨付", "已办结事项")
    )
    progress.request_answer(request=done, user=supervisor, answer="已协调")
    progress.request_close(request=done, user=supervisor)
    progress.request_assign(request=second, user=supervisor, unit=supervisor.unit)
    assert list(coordination_requests_open()) == [first, second]
    assert list(coordination_requests_open(unit=supervisor.unit)) == [second]  # assigned to 区政府办公室
    assert list(coordination_requests_open(reporter)) == [first, second]  # raised by the reporter's unit
    assert list(coordination_requests_open(make_user("jyj", "reporter", "区教育局"))) == []
    snapshot = services.bulletin_draft(period=JUNE, user=supervisor, today=date(2019, 7, 5)).snapshot
    assert [r["subject"] for r in snapshot["open_requests"]] == ["用地指标", "资金拨付"]  # however young
    assert "尚未办结的协调事项共2项" in documents.bulletin_html(snapshot)


def test_the_database_refuses_a_second_bulletin_with_the_same_number(seed, supervisor):
    draft = services.bulletin_draft(period=JUNE, user=supervisor, today=date(2019, 7, 5))
    issued = services.bulletin_issue(bulletin=draft, user=supervisor, issued_on=date(2019, 7, 5))
    later = services.bulletin_issue(
        bulletin=services.bulletin_draft(period=date(2019, 7, 1), user=supervisor, today=date(2019, 8, 5)),
        user=supervisor,
        issued_on=date(2019, 8, 5),
    )
    assert (issued.serial, later.serial) == (1, 2) and later.document_number == "上政办督〔2019〕2号"
    with pytest.raises(IntegrityError), transaction.atomic():
        Bulletin.objects.filter(pk=later.pk).update(serial=1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_bulletins_issued_at_once_get_two_numbers(seed, supervisor):
    """On PostgreSQL, two threads issue two drafts at the same moment: both read the same highest number, the
    unique constraint makes the second wait for the first and take the next one. (SQLite serialises writers
    before they read, and its in-memory test database cannot hold two connections.)"""
    if connection.vendor != "postgresql":
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        return
    drafts = [
        services.bulletin_draft(period=date(2019, month, 1), user=supervisor, today=date(2019, 7, 5))
        for month in (5, 6)
    ]
    start, errors = threading.Barrier(2, timeout=30), []

    def issue(draft: Bulletin) -> None:
        try:
            start.wait()
            services.bulletin_issue(bulletin=draft, user=supervisor, issued_on=date(2019, 7, 5))
        except Exception as exc:  # reported below: a thread's exception would otherwise be lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and not any(thread.is_alive() for thread in threads)
    issued = Bulletin.objects.filter(state=BulletinState.ISSUED)
    assert sorted(issued.values_list("serial", flat=True)) == [1, 2]
    assert sorted(issued.values_list("document_number", flat=True)) == ["上政办督〔2019〕1号", "上政办督〔2019〕2号"]


def test_the_command_drafts_a_bulletin_in_a_database_without_accounts(seed, tmp_path):
    path, err = tmp_path / "june.html", StringIO()
    call_command("bulletin", "--period", "2019-06", "-o", str(path), stderr=err)
    assert "草稿" in err.getvalue() and "2019年6月" in path.read_text()
    draft = Bulletin.objects.get(state=BulletinState.DRAFT)
    assert (
        draft.snapshot["totals"][0]["status"] == "已完成" and sum(t["count"] for t in draft.snapshot["totals"]) == 163
    )
