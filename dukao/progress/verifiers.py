"""Who verifies a report's indicators (reads; the reviews app decides, progress scopes reports by them).

Nobody verifies their own figures: an indicator goes to its verifier (区政府办公室 when it has none), except on a
report of the verifier's own unit, which goes to that unit's alternative (``verifying_unit_id``); a unit never
verifies its own unit's reports."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from dukao.accounts.models import User
from dukao.plans.models import Indicator
from dukao.plans.parsing.routing import verifying_unit
from dukao.progress import permissions
from dukao.units.models import Unit

NOTHING = Q(pk__in=[])


def default_verifier_id() -> int | None:
    """The unit that verifies indicators without a verifier (区政府办公室)."""
    return Unit.objects.filter(name=permissions.DEFAULT_VERIFIER).values_list("pk", flat=True).first()


def verifier_alternatives() -> tuple[dict[int, int], int | None]:
    """``({reporting unit id: alternative verifying unit id}, default alternative id)`` from the settings
    ``DUKAO_VERIFIER_ALTERNATIVES`` and ``DUKAO_VERIFIER_ALTERNATIVE`` (unit names; unknown names are left out)."""
    configured, default = settings.DUKAO_VERIFIER_ALTERNATIVES, settings.DUKAO_VERIFIER_ALTERNATIVE
    names = {*configured, *configured.values(), default}
    ids = dict(Unit.objects.filter(name__in=names).values_list("name", "pk"))
    alternatives = {ids[unit]: ids[other] for unit, other in configured.items() if unit in ids and other in ids}
    return alternatives, ids.get(default)


def verifying_unit_id(indicator: Indicator, reporting_unit_id: int) -> int | None:
    """The unit that verifies ``indicator`` on a report of ``reporting_unit_id``: its verifier (区政府办公室 when
    it has none), or, when that is the reporting unit itself, the reporting unit's alternative
    (``routing.verifying_unit``)."""
    alternatives, default = verifier_alternatives()
    return verifying_unit(indicator.verifier_id or default_verifier_id(), reporting_unit_id, alternatives, default)


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
