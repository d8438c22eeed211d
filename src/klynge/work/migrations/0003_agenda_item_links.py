"""The agenda item's links to focus areas and initiatives, declared on work's side (state only).

The tables are those `meetings.AgendaItem.focus_areas` and `.initiatives` made (same names, same
columns), so nothing changes in the database and no data move; `item.focus_areas` and
`item.initiatives` still read them. Reversible: going back gives them to `meetings` again.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_agenda_item_links_to_work"),
        ("work", "0002_fund_kind"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="focusarea",
                    name="agenda_items",
                    field=models.ManyToManyField(
                        blank=True,
                        db_table="meetings_agendaitem_focus_areas",
                        help_text="De dagsordenspunkter, der vedrører fokusområdet.",
                        related_name="focus_areas",
                        to="meetings.agendaitem",
                        verbose_name="dagsordenspunkter",
                    ),
                ),
                migrations.AddField(
                    model_name="initiative",
                    name="agenda_items",
                    field=models.ManyToManyField(
                        blank=True,
                        db_table="meetings_agendaitem_initiatives",
                        help_text="De dagsordenspunkter, der vedrører indsatsen.",
                        related_name="initiatives",
                        to="meetings.agendaitem",
                        verbose_name="dagsordenspunkter",
                    ),
                ),
            ],
            database_operations=[],
        )
    ]
