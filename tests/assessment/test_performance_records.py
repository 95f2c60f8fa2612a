"""Performance records of leading cadres on the demo register: what each answers for, frozen at finalisation,
and the 研判 comparisons with peers and earlier years."""

from datetime import date
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse

from dukao.assessment import records, services
from dukao.assessment.models import PerformanceRecord
from dukao.lib.models import ImmutableError
from dukao.plans.models import TaskUnit, UnitRole
from dukao.plans.services import plan_import
from dukao.supervision.services import status_recompute
from dukao.units.models import Cadre
from tests.paths import FIXTURES


def cadre(name: str) -> Cadre:
    return Cadre.objects.select_related("unit").get(name=name)


def test_a_principal_answers_for_the_tasks_their_unit_leads(draft):
    zhang = cadre("张建国")  # 区发改经信局局长
    record = records.year_records([zhang], 2019)[zhang.pk]
    led = TaskUnit.objects.filter(role=UnitRole.LEAD, unit=zhang.unit, task__plan__year=2019)
    assert record["counts"]["tasks"] == led.values("task").distinct().count()
    assert record["score"] == str(draft.unit_scores.get(unit=zhang.unit).score)
    investment = next(t for t in record["tasks"] if t["seq"] == "4" and t["plan"] == "政府工作报告")
    assert [code for code, _label in investment["months"][:6]] == list(
        draft.task_scores.get(task_id=investment["id"])
        .task.statuses.order_by("period")
        .values_list("status", flat=True)
    )
    assert investment["months"][6] == ["", ""]  # July not computed yet


def test_a_district_leader_answers_for_the_units_in_charge_and_scores_their_mean(draft):
    chen = cadre("陈立新")  # 常务副区长, oversees five units
    record = records.year_records([chen], 2019)[chen.pk]
    units = [u["name"] for u in record["units"]]
    assert units[0] == "区发改经信局" and len(units) == 5
    scores = [draft.unit_scores.get(unit__name=name).score for name in units]
    assert D(record["score"]) == (sum(scores) / len(scores)).quantize(D("0.01"))
    assert {"1", "4", "8", "9"} <= {t["seq"] for t in record["tasks"] if t["plan"] == "政府工作报告"}


def test_finalising_freezes_every_record_and_later_data_does_not_change_it(demo, draft):
    final = services.assessment_finalise(assessment=draft, user=demo["supervisor"])
    in_office = Cadre.objects.filter(records.in_office_during(2019)).count()
    assert PerformanceRecord.objects.filter(assessment=final).count() == in_office == 17
    frozen = PerformanceRecord.objects.get(cadre=cadre("张建国"))
    assert frozen.summary["assessment_final"] and frozen.sha256 == services.snapshot_digest(frozen.summary)
    with time_machine.travel("2019-07-28 12:00 +0800"):
        status_recompute(period=date(2019, 7, 1))
    assert records.year_records([frozen.cadre], 2019)[frozen.cadre_id] == frozen.summary
    frozen.summary = {}
    with pytest.raises(ImmutableError):
        frozen.save()


def test_peers_are_principals_of_units_of_the_same_kind_ranked_by_score(draft):
    zhang = cadre("张建国")
    table = records.peer_table(zhang, 2019)
    assert all(row["cadre"].role == "principal" and row["cadre"].unit.kind == zhang.unit.kind for row in table)
    assert sum(row["is_self"] for row in table) == 1
    scores = [D(row["record"]["score"]) for row in table if row["record"]["score"]]
    assert scores == sorted(scores, reverse=True) and table[0]["rank"] == 1
    leaders = records.peer_table(cadre("陈立新"), 2019)
    assert len(leaders) == 5 and {row["cadre"].role for row in leaders} == {"in_charge"}


def test_an_earlier_year_is_compared_on_the_analysis_page(client, demo, draft):
    content = (FIXTURES / "documents" / "leaders_column.csv").read_bytes().decode().replace("2019年", "2018年")
    plan_import(content=content.encode(), file_name="2018.csv")
    zhang = cadre("张建国")
    earlier = records.earlier_years(zhang, 2019)
    assert [r["year"] for r in earlier] == [2018] and earlier[0]["counts"]["tasks"] == 2  # rows 1 and 4 led by his unit
    client.force_login(demo["evaluator"])
    page = client.get(reverse("assessment:record_detail", args=[zhang.pk]), {"year": 2019}).content.decode()
    assert "研判：同类比较" in page and '<a href="?year=2018">2018</a>' in page and "考核未定稿" in page


def test_records_are_for_those_who_read_everything(client, demo, draft):
    url = reverse("assessment:record_list")
    client.force_login(demo["unithead"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("assessment:record_detail", args=[cadre("张建国").pk])).status_code == 403
    client.force_login(demo["inspector"])
    page = client.get(url).content.decode()
    assert page.count("assessment/records/") >= 17 and "陈立新" in page


@pytest.mark.parametrize("year", ["0", "-1", "10000", "99999999999999999999", "abc", "2018"])
def test_a_year_without_plans_is_not_found(client, demo, draft, year):
    client.force_login(demo["evaluator"])
    assert client.get(reverse("assessment:record_list"), {"year": year}).status_code == 404
    assert client.get(reverse("assessment:record_detail", args=[cadre("张建国").pk]), {"year": year}).status_code == 404
