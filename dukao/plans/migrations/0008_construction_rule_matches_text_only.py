"""Data: the construction rule looks for its keywords in the indicator's text only ("实验区建设" in a task name
is no construction work)."""

from django.db import migrations


def text_only(apps, schema_editor):
    apps.get_model("plans", "VerifierRule").objects.filter(verifier__name="区发改经信局").update(match_name=False)


def names_too(apps, schema_editor):
    apps.get_model("plans", "VerifierRule").objects.filter(verifier__name="区发改经信局").update(match_name=True)


class Migration(migrations.Migration):
    dependencies = [("plans", "0007_verifier_rule_match_name")]
    operations = [migrations.RunPython(text_only, names_too)]
