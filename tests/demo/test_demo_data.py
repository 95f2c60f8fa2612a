"""`dukao demo_data`: a first half-year of reporting, made through the real services, made once."""

from io import StringIO

from django.core.management import call_command
from django.db.models import F

from dukao.audit.models import Event
from dukao.progress.models import CoordinationRequest, ProgressReport, ReportState, ScheduleRevision
from dukao.reviews.models import Review


def test_demo_half_year_is_made_once_through_the_services(seed):
    call_command("demo_accounts", stdout=StringIO())
    out = StringIO()
    call_command("demo_data", stdout=out)
    assert "24 份进展报告" in out.getvalue()
    states = {s: ProgressReport.objects.filter(state=s).count() for s in ReportState.values}
    assert states[ReportState.DRAFT] == 4  # every June report is still a draft
    assert states[ReportState.RETURNED] == 1  # row 4, May: returned by 区统计局
    assert states[ReportState.VERIFIED] >= 10
    assert all(r.draft_narrative.startswith("【演示数据】") for r in ProgressReport.objects.all())
    assert ScheduleRevision.objects.filter(state="approved").count() == 148
    assert CoordinationRequest.objects.count() == 2
    assert Event.objects.filter(action="review.verify").count() == Review.objects.filter(decision="verified").count()
    call_command("demo_data", stdout=StringIO())
    assert ProgressReport.objects.count() == 24


def test_demo_data_follows_the_rule_that_nobody_verifies_their_own_figures(seed):
    """Row 8 (建设数字E谷) is 区发改经信局's own construction work: 区政府办公室 verifies it, not 区发改经信局."""
    call_command("demo_accounts", stdout=StringIO())
    call_command("demo_data", stdout=StringIO())
    reviews = Review.objects.select_related("version__report__task", "reviewer_unit")
    assert reviews.count() >= 20
    assert not reviews.filter(reviewer__unit_id=F("version__report__unit_id")).exists()
    assert not reviews.filter(reviewer_unit_id=F("version__report__unit_id")).exists()
    own = {r.reviewer_unit.name for r in reviews if r.version.report.task.seq == "8"}
    assert own == {"区政府办公室"}
