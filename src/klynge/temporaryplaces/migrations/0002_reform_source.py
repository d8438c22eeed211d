"""Data: the public source for the reform's move of 70 % of the municipalities' temporary places to the
region on 1 January 2027, which every count's projection cites (in every database, not only the demo)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

KEY = "regionoest-opgaveflyt-midlertidige-pladser"


def create_source(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Source = apps.get_model("provenance", "Source")
    Source.objects.get_or_create(
        key=KEY,
        defaults={
            "kind": "public",
            "title": "Flytning af opgaver fra kommunerne til regionen – Q&A",
            "publisher": "Region Østdanmark",
            "url": "https://www.regionoest.dk/politik/informationer-til-politikere/qa-om-opgaveflyt",
            "description": (
                "Partierne bag sundhedsreformen (Aftale om sundhedsreform 2024, 15. november 2024) har "
                "besluttet, at myndigheds- og finansieringsansvaret for fire sundhedsopgaver per 1. januar "
                "2027 flyttes fra kommunerne til regionen, heriblandt »70 % af kommunernes midlertidige "
                "pladser. Disse pladser betegnes fremover som Sundheds- og omsorgspladser.« Reformen "
                "gennemføres bl.a. med L 213 (overgangsloven) og L 214 (2024-25)."
            ),
        },
    )


def remove_source(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Source = apps.get_model("provenance", "Source")
    Source.objects.filter(key=KEY).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("temporaryplaces", "0001_initial"),
        ("provenance", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_source, remove_source)]
