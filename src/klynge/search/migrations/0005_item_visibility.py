"""The search entry carries its agenda item's visibility fields (schema; 0006 fills them)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_existing_agendas_published"),
        ("search", "0004_attachments"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="item_is_public",
            field=models.BooleanField(default=False, verbose_name="punktet er offentligt"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="item_meeting",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="meetings.meeting",
                verbose_name="punktets møde",
            ),
        ),
    ]
