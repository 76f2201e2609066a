# The reports a reader may not see (other units' unapproved ones), found without reading every
# report: GET /api/values counts their values to take them off the whole (readings.Remainder).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("collection", "0004_reminder_sent_by"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(
                condition=models.Q(("status", "approved"), _negated=True),
                fields=["unit"],
                name="submission_unit_unapproved",
            ),
        ),
    ]
