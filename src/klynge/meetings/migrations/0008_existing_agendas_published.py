"""Every meeting that exists when publication starts being recorded counts as published: its items were
seen by everyone who may see them before, and stay so (the demo, imported and historical meetings)."""

from django.db import migrations
from django.utils import timezone


def mark_published(apps, schema_editor):  # type: ignore[no-untyped-def]
    # When each agenda went out is not known; the moment of this migration stands for it (one statement,
    # whatever the number of meetings).
    Meeting = apps.get_model("meetings", "Meeting")
    meetings = Meeting.objects.using(schema_editor.connection.alias)
    meetings.filter(agenda_published_at__isnull=True).update(agenda_published_at=timezone.now())


def unmark(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Reversing the schema migration before this one removes the field; nothing to undo here.
    pass


class Migration(migrations.Migration):
    dependencies = [("meetings", "0007_agenda_published_at")]
    operations = [migrations.RunPython(mark_published, unmark)]
