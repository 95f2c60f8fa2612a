"""Writes from the 工作台: the unit head's batch sign-off, report by report through ``progress.services``."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from dukao.accounts.models import User
from dukao.progress import services
from dukao.progress.models import ProgressReport, ReportVersion


@dataclass(frozen=True)
class SignOff:
    """One report of a batch: the version its sign-off made, or why it was refused."""

    report: ProgressReport
    version: ReportVersion | None = None
    error: str = ""


def reports_sign_off(
    *, reports: list[ProgressReport], user: User, revisions: dict[int, int], batch_key: str
) -> list[SignOff]:
    """Sign off several reports at once: each through ``progress.services.report_submit`` in its own transaction
    (a refused one — no narrative, changed since the page was loaded, not the unit head's — leaves the others
    signed off and is named with its reason). ``revisions`` maps each report to the draft revision the head saw;
    ``batch_key`` (one per page load) makes the same batch sent twice sign each report off once. Each sign-off is
    audited by ``report_submit``."""
    results = []
    for report in reports:
        try:
            version = services.report_submit(
                report=report,
                user=user,
                idempotency_key=f"{batch_key}-{report.pk}",
                base_revision=revisions.get(report.pk, -1),
            )
        except services.StaleDraft:
            results.append(SignOff(report, error=_("草稿在打开本页后又有修改，请打开报告核对后再签发。")))
        except (services.WorkflowError, PermissionDenied) as exc:
            results.append(SignOff(report, error=str(exc)))
        else:
            results.append(SignOff(report, version))
    return results
