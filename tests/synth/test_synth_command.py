"""``dukao synth``: districts shaped like the seed, deterministic for a seed, statuses from the engine."""

import pytest
from django.core.management import call_command
from django.db import transaction

from dukao.plans.models import Plan, Task
from dukao.progress.models import ProgressReport, ReportState, ReportVersion
from dukao.reviews.models import Review
from dukao.supervision.models import SupervisionCase, TaskStatus


def _fingerprint() -> list:
    return list(
        ReportVersion.objects.order_by("idempotency_key", "values__indicator__position").values_list(
            "idempotency_key", "submitted_at", "values__value", "values__done"
        )
    )


@pytest.mark.django_db
def test_two_districts_copy_the_seed_and_report_every_month(seed):
    call_command("synth", "--districts", "2", "--months", "3", "--seed", "7")
    seed_tasks = Task.objects.filter(plan__issuer__startswith="杭州").count()
    assert Plan.objects.count() == 4
    assert Task.objects.count() == 2 * seed_tasks
    assert Plan.objects.filter(title__startswith="〔合成第02区〕").count() == 2
    assert TaskStatus.objects.filter(period__month=3).count() == 2 * seed_tasks
    reports = ProgressReport.objects.all()
    assert 0.85 * 2 * 3 * seed_tasks < reports.count() < 2 * 3 * seed_tasks  # a few months not reported
    assert set(reports.filter(period__month=3).values_list("state", flat=True)) == {ReportState.SUBMITTED}
    assert reports.filter(period__month=1, state=ReportState.VERIFIED).exists()
    assert Review.objects.filter(decision="returned").exists()
    assert SupervisionCase.objects.exists()


def _synth_fingerprint(seed: int) -> list:
    """The reports ``synth`` makes for one district and two months, then rolled back."""
    with transaction.atomic():
        call_command("synth", "--districts", "1", "--months", "2", "--seed", str(seed))
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return fingerprint


@pytest.mark.django_db
def test_the_same_seed_makes_the_same_reports(seed):
    first = _synth_fingerprint(7)
    assert first and first == _synth_fingerprint(7)
    assert first != _synth_fingerprint(8)
