from django.db import migrations

DEFAULT_KINDS = [("edoc", "Edoc-sagsnummer", 1), ("f2", "F2 sagsnummer", 2)]


def add_kinds(apps, schema_editor):
    CaseNumberKind = apps.get_model("memos", "CaseNumberKind")
    for code, label, position in DEFAULT_KINDS:
        CaseNumberKind.objects.get_or_create(code=code, defaults={"label": label, "position": position})


def remove_kinds(apps, schema_editor):
    CaseNumberKind = apps.get_model("memos", "CaseNumberKind")
    CaseNumberKind.objects.filter(code__in=[code for code, _, _ in DEFAULT_KINDS], case_numbers__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("memos", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, remove_kinds)]
