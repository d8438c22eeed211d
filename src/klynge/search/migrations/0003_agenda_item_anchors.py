"""Links to agenda items and decisions in the search index point to the item by its id
(`#dagsordenspunkt-<id>`), no longer by its stored position (`#punkt-<position>`), which told where a
closed item lies. A data migration only; reversible."""

from django.db import migrations


def _relink(apps, alias, anchor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    entries = list(
        SearchEntry.objects.using(alias).filter(agenda_item__isnull=False).select_related("agenda_item")
    )
    for entry in entries:
        entry.url = f"{entry.url.split('#', 1)[0]}#{anchor(entry.agenda_item)}"
    SearchEntry.objects.using(alias).bulk_update(entries, ["url"], batch_size=500)


def forward(apps, schema_editor):
    _relink(apps, schema_editor.connection.alias, lambda item: f"dagsordenspunkt-{item.pk}")


def backward(apps, schema_editor):
    _relink(apps, schema_editor.connection.alias, lambda item: f"punkt-{item.position}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index"), ("meetings", "0002_initial")]

    operations = [migrations.RunPython(forward, backward)]
