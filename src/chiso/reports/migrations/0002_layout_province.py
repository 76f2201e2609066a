"""Layouts belong to a province. Layouts uploaded before go to the province the database serves
when it serves exactly one (every install before this version); otherwise they stay unassigned
and unused, and the office uploads its own again."""

import django.db.models.deletion
from django.db import migrations, models


def assign_single_province(apps, schema_editor):
    OrgUnit = apps.get_model("orgunits", "OrgUnit")
    ReportTemplate = apps.get_model("reports", "ReportTemplate")
    provinces = list(OrgUnit.objects.filter(type="tinh", parent__isnull=True, valid_to__isnull=True)[:2])
    if len(provinces) == 1:
        ReportTemplate.objects.filter(province__isnull=True).update(province=provinces[0])


class Migration(migrations.Migration):

    dependencies = [
        ("orgunits", "0001_initial"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reporttemplate",
            name="province",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="+", to="orgunits.orgunit", verbose_name="tỉnh"),
        ),
        migrations.RunPython(assign_single_province, migrations.RunPython.noop),
    ]
