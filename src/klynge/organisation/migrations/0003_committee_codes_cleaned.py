"""Committee codes made of letters, digits and hyphens only, as the code's validator now requires: any
other run of characters (a quote, a line break, a space) becomes one hyphen. A code left empty, or taken
by another committee, gets the committee's id. There is nothing to undo: the old codes could not be used
on the command line or in a file name anyway."""

import re

from django.db import migrations

OTHER_CHARACTERS = re.compile(r"[^0-9A-Za-zÆØÅæøå-]+")


def clean_codes(apps, schema_editor):
    Committee = apps.get_model("organisation", "Committee")
    committees = Committee.objects.using(schema_editor.connection.alias)
    taken = set(committees.values_list("code", flat=True))
    for committee in committees.order_by("pk"):
        if not OTHER_CHARACTERS.search(committee.code) and committee.code:
            continue
        cleaned = (
            OTHER_CHARACTERS.sub("-", committee.code).strip("-").upper()[:20] or f"UDVALG-{committee.pk}"
        )
        if cleaned in taken:
            cleaned = f"{cleaned[: 19 - len(str(committee.pk))]}-{committee.pk}"
        taken.discard(committee.code)
        taken.add(cleaned)
        committee.code = cleaned
        committee.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0002_committee_code_letters_digits_hyphen"),
    ]

    operations = [
        migrations.RunPython(clean_codes, migrations.RunPython.noop),
    ]
