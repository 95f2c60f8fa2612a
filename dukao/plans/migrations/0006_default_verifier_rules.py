"""Data: the default routing of indicators to their verifiers (seed notice, first paragraph)."""

from django.db import migrations

RULES = [
    (
        1,
        "区统计局",
        "地区生产总值、GDP、增加值、零售总额、固定资产投资、公共预算收入、财政收入、招商引资、税收、产值、营业收入、"
        "利用外资、出口、研发投入、亩均",
        "经济类数据：区统计局负责真实性审核",
    ),
    (
        2,
        "区发改经信局",
        "开工、竣工、完工、建设、建成、施工、工程、征迁、安置、项目清零、出让、收储、道路、房、改造、地下空间、泊位",
        "建设工程进度：区发改经信局负责评估和确认",
    ),
    (9, "区政府办公室", "", "其余指标：区政府办公室督察"),
]


def load(apps, schema_editor):
    rule_model = apps.get_model("plans", "VerifierRule")
    unit_model = apps.get_model("units", "Unit")
    for priority, unit, keywords, note in RULES:
        rule_model.objects.get_or_create(
            priority=priority, verifier=unit_model.objects.get(name=unit), defaults={"keywords": keywords, "note": note}
        )


def unload(apps, schema_editor):
    apps.get_model("plans", "VerifierRule").objects.filter(note__in=[r[3] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0005_indicator_verifier_and_rules"), ("units", "0002_load_district_registry")]
    operations = [migrations.RunPython(load, unload)]
