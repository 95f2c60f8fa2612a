"""Reads on reviews: a reviewer's queue, and the reviews of a version.

A queue holds the reports whose indicators the reviewer's unit verifies (``progress.verifiers``: never a report
of the reviewer's own unit)."""

from django.db.models import OuterRef, QuerySet

from dukao.accounts.models import User
from dukao.plans.models import Indicator
from dukao.progress.models import ReportState, ReportVersion
from dukao.progress.verifiers import verified_by
from dukao.reviews.models import Review


def review_queue(user: User) -> QuerySet[ReportVersion]:
    """The latest versions of submitted reports with an indicator the user's unit verifies and has not yet
    decided, oldest first."""
    undecided = Indicator.objects.filter(task=OuterRef("report__task")).exclude(
        pk__in=Review.objects.filter(version=OuterRef(OuterRef("pk"))).values("indicator_id")
    )
    latest = ReportVersion.objects.filter(report=OuterRef("report")).order_by("-number").values("pk")[:1]
    return (
        ReportVersion.objects.filter(report__state=ReportState.SUBMITTED, pk=latest)
        .filter(verified_by(user, undecided, "report__unit_id"))
        .select_related("report__task__plan", "report__unit", "submitted_by")
        .order_by("submitted_at")
    )


def next_in_queue(user: User, after: ReportVersion) -> ReportVersion | None:
    """The oldest version waiting in the user's queue other than ``after`` (the reviewer's "next one")."""
    return review_queue(user).exclude(pk=after.pk).first()
