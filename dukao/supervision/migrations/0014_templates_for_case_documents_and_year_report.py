"""Data: the templates 区纪委(区监委) issues its case documents with and 区政府办公室 its year-end report with (both
edited in the admin site like the bulletin's)."""

from django.db import migrations

TEMPLATES = [
    {
        "name": "区纪委(区监委)督办文书",
        "purpose": "case",
        "masthead": "中共杭州市上城区纪律检查委员会",
        "masthead_issue": False,
        "issuer": "中共杭州市上城区纪委 杭州市上城区监委",
        "code": "上纪督",
        "signer": "",
        "recipients": "",
        "copy_to": "区委办公室，区政府办公室",
        "printer": "中共杭州市上城区纪律检查委员会办公室",
        "in_use": True,
    },
    {
        "name": "区政府办公室年度完成情况报告",
        "purpose": "report",
        "masthead": "杭州市上城区人民政府办公室文件",
        "masthead_issue": False,
        "issuer": "杭州市上城区人民政府办公室",
        "code": "上政办报",
        "signer": "",
        "recipients": "区委办公室",
        "copy_to": "区人大常委会办公室，区政协办公室，区纪委(区监委)",
        "printer": "杭州市上城区人民政府办公室",
        "in_use": True,
    },
]


def load(apps, schema_editor):
    templates = apps.get_model("supervision", "BulletinTemplate").objects
    for template in TEMPLATES:
        if not templates.filter(purpose=template["purpose"], in_use=True).exists():
            templates.update_or_create(name=template["name"], defaults=template)


def unload(apps, schema_editor):
    names = [template["name"] for template in TEMPLATES]
    apps.get_model("supervision", "BulletinTemplate").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0013_case_documents_and_template_purposes")]
    operations = [migrations.RunPython(load, unload)]
