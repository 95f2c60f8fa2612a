"""Data: load the district's unit registry derived from the seed (units, confirmed aliases, groups)."""

from django.conf import settings
from django.db import migrations


def load(apps, schema_editor):
    from dukao.units.services import registry_load, registry_read

    registry_load(registry_read(settings.DUKAO_UNIT_REGISTRY), apps=apps)


def unload(apps, schema_editor):
    from dukao.units.services import registry_read

    data = registry_read(settings.DUKAO_UNIT_REGISTRY)
    apps.get_model("units", "UnitGroup").objects.filter(name__in=[g["name"] for g in data["groups"]]).delete()
    apps.get_model("units", "UnitAlias").objects.filter(name__in=[a["name"] for a in data["aliases"]]).delete()
    apps.get_model("units", "Unit").objects.filter(name__in=[u["name"] for u in data["units"]]).delete()


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
