"""Django's jsonl fixtures, with the backup's natural keys and exact times (klynge.backup.formats)."""

from django.core.serializers import jsonl

from klynge.backup.formats import ExactTimes, NaturalKeysForMigrateRows

Deserializer = jsonl.Deserializer


class Serializer(NaturalKeysForMigrateRows, ExactTimes, jsonl.Serializer):
    pass
