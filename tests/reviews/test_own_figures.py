"""Nobody verifies their own figures: a report is never verified by a reviewer of the reporting unit. An indicator
routed to the reporting unit itself goes to the unit's alternative (``DUKAO_VERIFIER_ALTERNATIVES``, else
``DUKAO_VERIFIER_ALTERNATIVE``, 区政府办公室 by default)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from dukao.accounts.models import Role
from dukao.audit.models import Event
from dukao.plans.parsing.routing import verifying_unit
from dukao.progress.models import ReportState
from dukao.reviews.models import Review
from dukao.reviews.selectors import review_queue
from dukao.reviews.services import review_decide
from tests.conftest import make_user
from tests.progress.factories import submitted

OFFICE = "区政府办公室"


@pytest.mark.parametrize(
    ("verifier", "reporting", "alternatives", "expected"),
    [
        ("区统计局", "区发改经信局", {}, "区统计局"),  # another unit's figures: the verifier itself
        ("区发改经信局", "区城管局", {}, "区发改经信局"),
        ("区发改经信局", "区发改经信局", {}, OFFICE),  # its own construction report: the default alternative
        ("区发改经信局", "区发改经信局", {"区发改经信局": "区统计局"}, "区统计局"),  # as the office configures
        ("区统计局", "区统计局", {"区发改经信局": "区统计局"}, OFFICE),  # another unit's entry does not apply
        (OFFICE, OFFICE, {}, None),  # the default alternative's own: only a configured alternative may verify
        (OFFICE, OFFICE, {OFFICE: "区委办公室"}, "区委办公室"),
    ],
)
def test_the_verifying_unit_is_never_the_reporting_unit(verifier, reporting, alternatives, expected):
    assert verifying_unit(verifier, reporting, alternatives, OFFICE) == expected


UNITS = st.sampled_from(["区统计局", "区发改经信局", OFFICE, "区城管局", "区委办公室"])


@given(UNITS, UNITS, st.dictionaries(UNITS, UNITS), UNITS)
def test_whatever_the_configuration_nobody_verifies_their_own_unit(verifier, reporting, alternatives, default):
    assert verifying_unit(verifier, reporting, alternatives, default) != reporting


@pytest.fixture
def own_construction(work_report, lead_reporter, lead_head):
    """Annex 1 row 8 (建设数字E谷): led by 区发改经信局 and routed to 区发改经信局 — its own figures."""
    task = work_report.tasks.get(seq="8")
    assert {i.verifier.name for i in task.indicators.all()} == {"区发改经信局"}
    return submitted(task, lead_reporter, lead_head)


def test_a_units_own_report_is_not_in_its_queue_but_in_the_alternatives(
    own_construction, construction_reviewer, supervisor
):
    assert list(review_queue(construction_reviewer)) == []
    assert list(review_queue(supervisor)) == [own_construction]


def test_a_reviewer_of_the_reporting_unit_is_refused_whatever_the_route(
    settings, own_construction, construction_reviewer, client
):
    indicator = own_construction.report.task.indicators.get()
    for alternatives in ({}, {"区发改经信局": "区发改经信局"}):  # even a configuration naming the unit itself
        settings.DUKAO_VERIFIER_ALTERNATIVES = alternatives
        with pytest.raises(PermissionDenied, match="不能核定本单位报送的数据"):
            review_decide(version=own_construction, indicator=indicator, user=construction_reviewer, approve=True)
    client.force_login(construction_reviewer)
    form = {"indicator": indicator.pk, "decision": "verified", "verified_value": "", "reason": ""}
    assert client.post(reverse("reviews:review_version", args=[own_construction.pk]), form).status_code == 403
    assert not Review.objects.exists()
    assert Event.objects.filter(actor_name=construction_reviewer.username, outcome="denied").exists()


def test_the_alternative_verifies_it(own_construction, supervisor):
    indicator = own_construction.report.task.indicators.get()
    review = review_decide(version=own_construction, indicator=indicator, user=supervisor, approve=True)
    own_construction.report.refresh_from_db()
    assert review.reviewer_unit.name == OFFICE and own_construction.report.state == ReportState.VERIFIED


def test_the_office_configures_another_alternative(settings, own_construction, stats_reviewer, supervisor, client):
    settings.DUKAO_VERIFIER_ALTERNATIVES = {"区发改经信局": "区统计局"}
    assert list(review_queue(supervisor)) == []
    assert list(review_queue(stats_reviewer)) == [own_construction]
    client.force_login(stats_reviewer)  # the alternative reads the report it verifies, and verifies it on its page
    assert client.get(reverse("progress:report_detail", args=[own_construction.report_id])).status_code == 200
    url = reverse("reviews:review_version", args=[own_construction.pk])
    indicator = own_construction.report.task.indicators.get()
    client.post(url, {"indicator": indicator.pk, "decision": "verified", "verified_value": "", "reason": ""})
    assert Review.objects.get().reviewer == stats_reviewer


def test_another_units_construction_report_still_goes_to_the_construction_reviewer(
    work_report, construction_reviewer, supervisor
):
    task = work_report.tasks.get(seq="11")  # led by 区城管局, routed to 区发改经信局
    reporter = make_user("cg", Role.REPORTER, "区城管局")
    head = make_user("cg_head", Role.UNIT_HEAD, "区城管局")
    version = submitted(task, reporter, head)
    assert list(review_queue(construction_reviewer)) == [version]
    assert list(review_queue(supervisor)) == []
