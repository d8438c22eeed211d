from django.db import models


class DataVersion(models.Model):
    """One row (id 1): changed after every committed write that could change what a page shows.

    Written only by `version.bump_shared_version` with SQL of its own (never through the ORM's save), read
    once per anonymous request. Every server reads the same row, so every server's cache follows it."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    version = models.BigIntegerField()

    class Meta:
        verbose_name = "dataversion"
        verbose_name_plural = "dataversioner"

    def __str__(self) -> str:
        return f"dataversion {self.version}"
