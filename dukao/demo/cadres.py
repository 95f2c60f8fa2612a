"""The demo register of leading cadres and a few seed tasks' 责任领导 (``make demo``; never in production).

It lives in ``demo`` rather than ``units/demo.py``: the register is read by the plans' importer
(``plans.cadres.cadres_import``, audited like any import) and ``units`` may not import ``plans``.
"""

from django.conf import settings
from django.db import transaction

from dukao.plans.cadres import cadres_import, task_cadres_assign
from dukao.plans.models import Plan, PlanKind
from dukao.units.models import CadreRole

#: The demo register, in the columns of ``dukao import_cadres``: the principals of twelve of the seed's most
#: frequent lead units, and five district leaders (副区长) overseeing several units each. Invented names.
DEMO_CADRES = settings.BASE_DIR / "dukao" / "units" / "data" / "demo_cadres.csv"
#: Annex 1 rows (the demo's reported rows) whose 责任领导 is the 副区长 overseeing their lead unit.
DEMO_LED_ROWS = ("1", "4", "8", "9")


@transaction.atomic
def cadres_demo_ensure() -> int:
    """Load the demo register (a rerun changes nothing) and, once the seed is imported, make the district
    leader overseeing the lead unit of annex 1 rows 1, 4, 8 and 9 their 责任领导 (row 1: 区发改经信局 → its
    副区长). Returns the number of cadres created."""
    report = cadres_import(content=DEMO_CADRES.read_bytes(), file_name=DEMO_CADRES.name)
    plan = Plan.objects.filter(kind=PlanKind.WORK_REPORT, year=2019).first()
    if plan is None:
        return len(report.created)
    for task in plan.tasks.filter(seq__in=DEMO_LED_ROWS).prefetch_related("unit_links__unit__cadres_in_charge"):
        leaders = [
            cadre
            for link in task.lead_links
            if link.unit is not None
            for cadre in link.unit.cadres_in_charge.all()
            if cadre.role == CadreRole.IN_CHARGE
        ]
        task_cadres_assign(task=task, cadres=leaders)
    return len(report.created)
