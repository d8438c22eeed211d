"""The agenda item's links to focus areas and initiatives move to work's side (state only).

`work.0003_agenda_item_links` declares them again as `FocusArea.agenda_items` and
`Initiative.agenda_items` on the same tables, so no data move and nothing changes in the database; `work`
stands above `meetings` and meetings' models name no work model.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_council_recommendations_and_responses"),
        ("work", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="agendaitem", name="focus_areas"),
                migrations.RemoveField(model_name="agendaitem", name="initiatives"),
            ],
            database_operations=[],
        )
    ]
