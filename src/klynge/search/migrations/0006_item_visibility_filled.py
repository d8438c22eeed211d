"""Fill the copies of the item's visibility fields for the rows already indexed (new rows get them from
the services). Reversing needs nothing: 0005's reversal removes the columns."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def copy_item_fields(apps, schema_editor):
    alias = schema_editor.connection.alias
    SearchEntry = apps.get_model("search", "SearchEntry")
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    item = AgendaItem.objects.using(alias).filter(pk=OuterRef("agenda_item_id"))
    SearchEntry.objects.using(alias).filter(agenda_item__isnull=False).update(
        item_is_public=Subquery(item.values("is_public")[:1]),
        item_meeting=Subquery(item.values("meeting_id")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0005_item_visibility")]

    operations = [migrations.RunPython(copy_item_fields, migrations.RunPython.noop)]
