"""Django's XML fixtures, with the backup's choice of natural keys (klynge.backup.formats)."""

from django.core.serializers import xml_serializer

from klynge.backup.formats import NaturalKeysForMigrateRows

Deserializer = xml_serializer.Deserializer


class Serializer(NaturalKeysForMigrateRows, xml_serializer.Serializer):
    pass
