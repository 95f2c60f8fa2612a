"""A value of 950 reads 950 wherever it shows (docs/reporting.md): the draft form, the report, the verifier's page
and the task page — never ``9.5E+2``, never ``950.0000``."""

from decimal import Decimal

from django.urls import reverse

from dukao.reviews.services import review_decide
from tests.progress.factories import draft, submitted


def test_a_draft_of_950_is_kept_and_shown_as_950(work_report, lead_reporter, client):
    task = work_report.tasks.get(seq="1")
    report = draft(task, lead_reporter, p0="950")
    indicator = task.indicators.first()
    assert report.draft_values[str(indicator.pk)]["value"] == "950"
    client.force_login(lead_reporter)
    page = client.get(reverse("progress:report_page", args=[task.pk, "2019-06"])).content.decode()
    assert f'name="v-{indicator.pk}-value" value="950"' in page and "E+" not in page


def test_a_verified_950_reads_950_on_the_report_the_review_and_the_task(
    work_report, lead_reporter, lead_head, stats_reviewer, supervisor, client
):
    task = work_report.tasks.get(seq="1")
    indicator = task.indicators.first()
    indicator.target = Decimal("1E+3")  # as normalize() had left it: 1E+3
    indicator.save(update_fields=["target"])
    version = submitted(task, lead_reporter, lead_head, p0="950.00")
    review_decide(
        version=version, indicator=indicator, user=stats_reviewer, approve=True, verified_value=Decimal("950.0000")
    )
    client.force_login(supervisor)
    pages = [
        reverse("progress:report_detail", args=[version.report_id]),
        reverse("reviews:review_version", args=[version.pk]),
        reverse("plans:task_detail", args=[task.pk]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "E+" not in html and "950.0000" not in html and "1000.0000" not in html, url
    assert f"950{indicator.unit}" in client.get(pages[0]).content.decode()
    assert f"1000{indicator.unit}" in client.get(pages[2]).content.decode()
