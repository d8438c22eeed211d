import datetime

from klynge.kernel.records import create_validated
from klynge.provenance.models import Source, SourceKind


def source_create(
    *,
    key: str,
    kind: SourceKind,
    title: str,
    publisher: str = "",
    date: datetime.date | None = None,
    url: str = "",
    description: str = "",
) -> Source:
    return create_validated(
        Source,
        key=key,
        kind=kind,
        title=title,
        publisher=publisher,
        date=date,
        url=url,
        description=description,
    )
