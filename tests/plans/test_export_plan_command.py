"""`dukao export_plan`: the JSON shape, and an xlsx that imports back into the same plans."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dukao.plans.models import Plan
from dukao.plans.services import plan_import


def export_json(*args) -> dict:
    out = StringIO()
    call_command("export_plan", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_json_has_the_documented_shape(seed):
    data = export_json()
    assert set(data) == {"plans", "unit_groups"}
    plan = data["plans"][0]
    assert {"id", "title", "year", "kind", "issuer", "issued_on", "tasks"} <= set(plan)
    assert plan["issuer"] == "杭州市上城区人民政府办公室" and plan["issued_on"] == "2019-02-15"
    first = plan["tasks"][0]
    keys = {"seq", "name", "requirement", "target_type", "lead_units", "cooperating_units", "leaders", "deadline"}
    assert keys | {"deadline_text", "indicators"} <= set(first)
    assert first["lead_units"] == ["区发改经信局"]
    assert first["cooperating_units"][-1] == "各街道办事处"
    assert data["unit_groups"]["各建设指挥部"] == ["望江指挥部", "湖滨指挥部"]


def test_plan_option_selects_one_plan(seed, livelihood):
    data = export_json("--plan", str(livelihood.pk))
    assert [p["title"] for p in data["plans"]] == [livelihood.title]
    assert len(data["plans"][0]["tasks"]) == 15


def test_unknown_plan_id_is_an_error(seed):
    with pytest.raises(CommandError, match="没有 ID 为 999"):
        export_json("--plan", "999")


def test_xlsx_export_imports_back_into_the_same_plans(seed, tmp_path, django_db_blocker):
    path = tmp_path / "plans.xlsx"
    call_command("export_plan", "--format", "xlsx", "-o", str(path), stderr=StringIO())
    before = export_json()
    Plan.objects.all().delete()
    report = plan_import(content=path.read_bytes(), file_name=path.name)
    assert [p.state for p in report.plans] == ["created", "created"]
    after = export_json()
    for plan in before["plans"] + after["plans"]:
        plan.pop("id")
    assert after == before


def test_reimporting_the_exported_xlsx_over_the_seed_changes_nothing(seed, tmp_path):
    path = tmp_path / "plans.xlsx"
    call_command("export_plan", "--format", "xlsx", "-o", str(path), stderr=StringIO())
    before = export_json()
    report = plan_import(content=path.read_bytes(), file_name=path.name)
    assert [p.state for p in report.plans] == ["unchanged", "unchanged"]
    assert export_json()["plans"] == before["plans"]


def test_xlsx_needs_an_output_file(seed):
    with pytest.raises(CommandError, match="-o"):
        call_command("export_plan", "--format", "xlsx")
