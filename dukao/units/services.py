"""Writes on units: loading a registry, resolving the names an import meets, confirming aliases."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps
from django.db import transaction
from django.utils.translation import gettext as _

from dukao.audit.services import event_record
from dukao.lib.text import normalize_name
from dukao.units.likeness import suspected_alias
from dukao.units.models import AliasState, Unit, UnitAlias, UnitGroup, UnitKind


def registry_read(path: Path) -> dict[str, Any]:
    """Read a unit registry JSON file: ``{"units": [{"name", "short_name", "kind"}], "aliases": [{"name",
    "unit", "note"}], "groups": [{"name", "members": [unit names], "note"}]}``."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def registry_load(data: dict[str, Any], apps: Any = global_apps) -> dict[str, int]:
    """Create or update the units, confirmed aliases and groups of a registry (idempotent).

    ``apps`` is the app registry to take models from, so a data migration can pass its historical one.
    Returns counts ``{"units": n, "aliases": n, "groups": n}`` of the rows the registry holds.
    Raises ``KeyError`` when an alias or group names a unit the registry does not define.
    """
    unit_model = apps.get_model("units", "Unit")
    alias_model = apps.get_model("units", "UnitAlias")
    group_model = apps.get_model("units", "UnitGroup")
    units = {}
    for row in data["units"]:
        unit, _ = unit_model.objects.update_or_create(
            name=row["name"], defaults={"short_name": row.get("short_name", ""), "kind": row["kind"]}
        )
        units[unit.name] = unit
    for row in data.get("aliases", []):
        alias_model.objects.update_or_create(
            name=row["name"],
            defaults={"unit": units[row["unit"]], "state": "confirmed", "note": row.get("note", "")},
        )
    for row in data.get("groups", []):
        group, _ = group_model.objects.update_or_create(name=row["name"], defaults={"note": row.get("note", "")})
        group.members.set([units[name] for name in row["members"]])
    return {"units": len(units), "aliases": len(data.get("aliases", [])), "groups": len(data.get("groups", []))}


@dataclass
class Resolution:
    """What a name in a document resolved to: exactly one of ``unit`` or ``group``.

    ``alias`` is the confirmed alias that was applied (or ``None``), ``created`` says the unit is new,
    ``suspected_of`` names the known unit a new name is suspiciously close to.
    """

    name: str
    unit: Unit | None = None
    group: UnitGroup | None = None
    alias: str | None = None
    created: bool = False
    suspected_of: Unit | None = None


@dataclass
class UnitResolver:
    """Resolves the unit names of one import with three queries up front, creating unknown units.

    A name resolves, in order, to a unit of that name, a confirmed alias, a unit group; otherwise a new
    unit is created (``needs_review``) and, when it is probably another spelling of a known unit
    (``likeness.suspected_alias``), a suspected alias is recorded for a person to confirm — never merged silently.
    """

    units: dict[str, Unit] = field(default_factory=dict)
    aliases: dict[str, UnitAlias] = field(default_factory=dict)
    groups: dict[str, UnitGroup] = field(default_factory=dict)
    cache: dict[str, Resolution] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "UnitResolver":
        """Build a resolver from the database (3 queries)."""
        return cls(
            units={normalize_name(u.name): u for u in Unit.objects.all()},
            aliases={normalize_name(a.name): a for a in UnitAlias.objects.select_related("unit")},
            groups={normalize_name(g.name): g for g in UnitGroup.objects.all()},
        )

    def resolve(self, name: str) -> Resolution:
        """Resolve one name as written in a document (whitespace and bracket width do not matter)."""
        key = normalize_name(name)
        if key not in self.cache:
            self.cache[key] = self._resolve(key)
        return self.cache[key]

    def lookup(self, name: str) -> Resolution | None:
        """Resolve a name to a known unit, confirmed alias or group without creating anything: None when
        the name is unknown (a register of cadres refuses it rather than inventing a unit)."""
        key = normalize_name(name)
        if key in self.units:
            return Resolution(key, unit=self.units[key])
        alias = self.aliases.get(key)
        if alias is not None and alias.state == AliasState.CONFIRMED:
            return Resolution(key, unit=alias.unit, alias=alias.name)
        if key in self.groups:
            return Resolution(key, group=self.groups[key])
        return None

    def _resolve(self, key: str) -> Resolution:
        return self.lookup(key) or self._create(key, self.aliases.get(key))

    def _create(self, key: str, alias: UnitAlias | None) -> Resolution:
        suspect = None
        if alias is None:
            suspect = self._nearest(key)
        unit = Unit.objects.create(name=key, short_name=key, kind=UnitKind.OTHER, needs_review=True)
        self.units[key] = unit
        if suspect is not None:
            UnitAlias.objects.create(
                name=key, unit=suspect, state=AliasState.SUSPECTED, note=f"导入时发现，与“{suspect.name}”相近"
            )
        return Resolution(key, unit=unit, created=True, suspected_of=suspect)

    def _nearest(self, key: str) -> Unit | None:
        name = suspected_alias(key, list(self.units))
        return self.units[name] if name is not None else None


@transaction.atomic
def alias_confirm(*, alias: UnitAlias, actor: Any = None) -> Unit:
    """Confirm a suspected alias: every task link of the provisional unit of that name moves to the
    canonical unit, the provisional unit is deleted, and the alias resolves from now on.

    Returns the canonical unit. Raises ``ValueError`` when the alias is not suspected.
    """
    if alias.state != AliasState.SUSPECTED:
        raise ValueError(_("别名“%(name)s”不是待确认状态。") % {"name": alias.name})
    provisional = Unit.objects.filter(name=alias.name).exclude(pk=alias.unit_id).first()
    if provisional is not None:
        provisional.task_links.update(unit=alias.unit)
        provisional.delete()
    alias.state = AliasState.CONFIRMED
    alias.save(update_fields=["state", "updated_at"])
    event_record(actor=actor, action="alias.confirm", obj=alias, summary=f"“{alias.name}”确认为“{alias.unit}”的别名")
    return alias.unit


@transaction.atomic
def alias_reject(*, alias: UnitAlias, actor: Any = None) -> None:
    """Reject a suspected alias: the name stays a unit of its own (no longer flagged for review)."""
    if alias.state != AliasState.SUSPECTED:
        raise ValueError(_("别名“%(name)s”不是待确认状态。") % {"name": alias.name})
    alias.state = AliasState.REJECTED
    alias.save(update_fields=["state", "updated_at"])
    Unit.objects.filter(name=alias.name).update(needs_review=False)
    event_record(actor=actor, action="alias.reject", obj=alias, summary=f"“{alias.name}”不是“{alias.unit}”的别名")
