"""The demo register: loaded once, and the 副区长 overseeing 区发改经信局 leads annex 1 rows 1, 4, 8 and 9."""

from dukao.demo.cadres import cadres_demo_ensure
from dukao.units.models import Cadre, CadreRole, Unit


def test_demo_register_loads_once_and_names_leaders_of_seed_rows(work_report):
    assert cadres_demo_ensure() == 17
    assert Cadre.objects.filter(role=CadreRole.PRINCIPAL).count() == 12
    assert Cadre.objects.filter(role=CadreRole.IN_CHARGE, post__endswith="副区长").count() == 5
    overseer = Unit.objects.get(name="区发改经信局").cadres_in_charge.get()
    for seq in ("1", "4", "8", "9"):
        assert list(work_report.tasks.get(seq=seq).responsible_cadres.all()) == [overseer]
    assert cadres_demo_ensure() == 0 and Cadre.objects.count() == 17
