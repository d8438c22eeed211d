"""Django's json fixtures, with the backup's natural keys and exact times (klynge.backup.formats)."""

from django.core.serializers import json

from klynge.backup.formats import ExactTimes, NaturalKeysForMigrateRows

Deserializer = json.Deserializer


class Serializer(NaturalKeysForMigrateRows, ExactTimes, json.Serializer):
    pass
