"""Reads on reviews: a reviewer's queue, and the reviews of a version."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from dukao.accounts.models import User
from dukao.plans.models import Indicator
from dukao.progress import permissions
from dukao.progress.models import ReportState, ReportVersion
from dukao.reviews.models import Review
from dukao.reviews.services import default_verifier_id


def routed_indicators(user: User) -> QuerySet[Indicator]:
    """Indicators the user's unit verifies (those without a verifier go to 区政府办公室)."""
    if user.role not in permissions.REVIEWER_ROLES or user.unit_id is None:
        return Indicator.objects.none()
    routed = Q(verifier_id=user.unit_id)
    if user.unit_id == default_verifier_id():
        routed |= Q(verifier__isnull=True)
    return Indicator.objects.filter(routed)


def review_queue(user: User) -> QuerySet[ReportVersion]:
    """The latest versions of submitted reports with an indicator the user's unit verifies and has not yet
    decided, oldest first."""
    indicators = routed_indicators(user)
    undecided = indicators.filter(task=OuterRef("report__task")).exclude(
        pk__in=Review.objects.filter(version=OuterRef(OuterRef("pk"))).values("indicator_id")
    )
    latest = ReportVersion.objects.filter(report=OuterRef("report")).order_by("-number").values("pk")[:1]
    return (
        ReportVersion.objects.filter(report__state=ReportState.SUBMITTED, pk=latest)
        .filter(Exists(undecided))
        .select_related("report__task__plan", "report__unit", "submitted_by")
        .order_by("submitted_at")
    )


def next_in_queue(user: User, after: ReportVersion) -> ReportVersion | None:
    """The oldest version waiting in the user's queue other than ``after`` (the reviewer's "next one")."""
    return review_queue(user).exclude(pk=after.pk).first()
