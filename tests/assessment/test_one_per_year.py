"""One assessment per year, held by the database (``assessment_once_per_year``) and shown under concurrency on
PostgreSQL: two office members start the year's assessment at the same moment — one wins, the other is refused in
Chinese. Transactional (each thread commits on its own connection); ``serialized_rollback`` restores the district
registry the migrations load, which the later tests rely on."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from dukao.accounts.models import Role
from dukao.assessment import services
from dukao.assessment.models import Assessment
from tests.conftest import make_user


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_one_wins_and_the_other_is_refused_in_chinese(seed, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs two connections to one server (PostgreSQL, as in CI)")
    office = [make_user(f"office{i}", Role.SUPERVISOR, "区政府办公室") for i in range(2)]
    both_checked = threading.Barrier(2, timeout=30)
    rules_current = services.rules_current

    def after_the_check():  # called by assessment_run once it has found no assessment of the year
        both_checked.wait()
        return rules_current()

    monkeypatch.setattr(services, "rules_current", after_the_check)
    outcome: dict[str, object] = {}

    def run(user):
        try:
            outcome[user.username] = services.assessment_run(year=2019, user=user)
        except services.AssessmentError as exc:
            outcome[user.username] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(user,)) for user in office]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    won = [o for o in outcome.values() if isinstance(o, Assessment)]
    refused = [str(o) for o in outcome.values() if isinstance(o, services.AssessmentError)]
    assert len(won) == 1 and refused == ["2019年度的考核刚由他人发起，每年只有一次考核，请打开该考核继续。"]
    assert list(Assessment.objects.values_list("pk", flat=True)) == [won[0].pk]
    assert won[0].unit_scores.count() == 59  # the winner's draft is whole


def test_the_database_refuses_a_second_assessment_of_a_year(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(year=2019, period=draft.period, title="重复", created_by=draft.created_by)
