"""Reads on reviews: a reviewer's queue, and the reviews of a version.

Nobody verifies their own figures: an indicator goes to its verifier (区政府办公室 when it has none), except on a
report of the verifier's own unit, which goes to that unit's alternative (``reviews.services.verifying_unit_id``);
a unit's queue never holds its own unit's reports."""

from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from dukao.accounts.models import User
from dukao.plans.models import Indicator
from dukao.progress import permissions
from dukao.progress.models import ReportState, ReportVersion
from dukao.reviews.models import Review
from dukao.reviews.services import default_verifier_id, verifier_alternatives

NOTHING = Q(pk__in=[])


def _routed(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """``indicators`` annotated with ``routed_to``: the verifier, or 区政府办公室 when there is none."""
    return indicators.annotate(routed_to=Coalesce("verifier_id", Value(default_verifier_id())))


def _alternative_of(unit_id: int, unit_field: str) -> Q:
    """Reports (their unit at ``unit_field``) of the units whose alternative verifier is ``unit_id``."""
    alternatives, default = verifier_alternatives()
    mine = Q(**{f"{unit_field}__in": [unit for unit, other in alternatives.items() if other == unit_id]})
    return mine | ~Q(**{f"{unit_field}__in": list(alternatives)}) if default == unit_id else mine


def verified_by(user: User, indicators: QuerySet[Indicator], unit_field: str) -> Q:
    """Reports (their unit at ``unit_field``) with one of ``indicators`` (correlated to the report's task) that
    the user's unit verifies: routed to it, on another unit's report; or routed to the reporting unit itself,
    when the user's unit is that unit's alternative. Never a report of the user's own unit."""
    unit_id = user.unit_id
    if user.role not in permissions.REVIEWER_ROLES or unit_id is None:
        return NOTHING
    indicators = _routed(indicators)
    direct = Q(Exists(indicators.filter(routed_to=unit_id)))
    own = Q(Exists(indicators.filter(routed_to=OuterRef(unit_field))))
    return ~Q(**{unit_field: unit_id}) & (direct | (_alternative_of(unit_id, unit_field) & own))


def routed_indicators(user: User, reporting_unit_id: int) -> QuerySet[Indicator]:
    """Indicators the user's unit verifies on a report of ``reporting_unit_id`` (none on its own unit's)."""
    unit_id = user.unit_id
    if user.role not in permissions.REVIEWER_ROLES or unit_id is None or unit_id == reporting_unit_id:
        return Indicator.objects.none()
    routed = Q(routed_to=unit_id)
    alternatives, default = verifier_alternatives()
    if alternatives.get(reporting_unit_id, default) == unit_id:
        routed |= Q(routed_to=reporting_unit_id)
    return _routed(Indicator.objects.all()).filter(routed)


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
