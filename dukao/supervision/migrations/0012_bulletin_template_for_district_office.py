"""Data: the template 区政府办公室 issues its bulletins with (the office edits it in the admin site)."""

from django.db import migrations

DEFAULT = {
    "name": "区政府办公室督察通报",
    "masthead": "杭州市上城区人民政府办公室文件",
    "masthead_issue": False,
    "issuer": "杭州市上城区人民政府办公室",
    "code": "上政办督",
    "signer": "",
    "recipients": "区政府各部门、各直属单位，各街道办事处",
    "copy_to": "区委办公室，区人大常委会办公室，区政协办公室，区纪委(区监委)",
    "printer": "杭州市上城区人民政府办公室",
    "in_use": True,
}


def load(apps, schema_editor):
    templates = apps.get_model("supervision", "BulletinTemplate").objects
    if not templates.filter(in_use=True).exists():
        templates.update_or_create(name=DEFAULT["name"], defaults=DEFAULT)


def unload(apps, schema_editor):
    apps.get_model("supervision", "BulletinTemplate").objects.filter(name=DEFAULT["name"]).delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0011_bulletin_template")]
    operations = [migrations.RunPython(load, unload)]
