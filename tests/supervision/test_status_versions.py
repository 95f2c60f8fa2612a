"""Statuses are versioned: a new verdict for a task and period is a new row (version n+1, the current one), never an
update of the verdict an issued bulletin counted; a recompute writes a version only when the verdict changes."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from dukao.reviews.services import review_decide
from dukao.supervision import services
from dukao.supervision.models import TaskStatus
from tests.progress.factories import JUNE, submitted


@pytest.fixture
def gdp(work_report):
    return work_report.tasks.get(seq="1")


def verify(task, version, reviewer, value: str) -> None:
    review_decide(
        version=version, indicator=task.indicators.get(), user=reviewer, approve=True, verified_value=Decimal(value)
    )


def test_a_status_an_issued_bulletin_counted_is_kept_when_the_verdict_changes(
    gdp, supervisor, lead_reporter, lead_head, stats_reviewer
):
    bulletin = services.bulletin_draft(period=JUNE, user=supervisor)
    services.bulletin_issue(bulletin=bulletin, user=supervisor)
    used = TaskStatus.objects.get(task=gdp, period=JUNE)
    verify(gdp, submitted(gdp, lead_reporter, lead_head, p0="6.1"), stats_reviewer, "6.1")
    services.status_recompute(period=JUNE)

    kept = TaskStatus.versions.get(pk=used.pk)
    assert (kept.status, kept.reason, kept.version, kept.current) == (used.status, used.reason, 1, False)
    assert kept.superseded_at is not None
    new = TaskStatus.objects.get(task=gdp, period=JUNE)
    assert (new.version, new.current, new.trigger) == (2, True, "command")
    assert new.status != used.status


def test_a_recompute_writes_a_version_only_when_the_verdict_changes(seed):
    services.status_recompute(period=JUNE)
    rows = TaskStatus.versions.count()
    services.status_recompute(period=JUNE)
    assert TaskStatus.versions.count() == rows
    assert not TaskStatus.versions.filter(current=False).exists()


def test_the_database_keeps_one_current_row_per_task_and_period(gdp):
    services.status_recompute(period=JUNE)
    row = TaskStatus.objects.get(task=gdp, period=JUNE)
    row.pk, row.version = None, 2
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
