"""Participation gets dates: the plain many-to-many table becomes the Participation model (same table,
same columns), then gains its start and end. Reversible: backwards drops the dates again."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bodies", "0001_initial"),
        ("organisation", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Participation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "collaboration",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="bodies.collaboration",
                                verbose_name="samarbejde",
                            ),
                        ),
                        (
                            "party",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="organisation.party",
                                verbose_name="part",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "deltagelse",
                        "verbose_name_plural": "deltagelser",
                        "db_table": "bodies_collaboration_parties",
                    },
                ),
                migrations.AlterField(
                    model_name="collaboration",
                    name="parties",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="collaborations",
                        through="bodies.Participation",
                        to="organisation.party",
                        verbose_name="deltagende parter",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="participation",
            name="start",
            field=models.DateField(blank=True, null=True, verbose_name="deltager fra"),
        ),
        migrations.AddField(
            model_name="participation",
            name="end",
            field=models.DateField(blank=True, null=True, verbose_name="deltager til"),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.UniqueConstraint(fields=("collaboration", "party"), name="participation_once"),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("end__isnull", True),
                    ("start__isnull", True),
                    ("end__gte", models.F("start")),
                    _connector="OR",
                ),
                name="participation_period",
                violation_error_message="Slutdatoen ligger før startdatoen.",
            ),
        ),
    ]
