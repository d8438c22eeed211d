"""The health reform's move of temporary places: from 1 January 2027, 70 % of the municipalities'
temporary places move to the region as health and care places (sundheds- og omsorgspladser).

The public source this rests on is kept in every database (after every migrate and flush, see apps.py),
so each count's projection can cite it, with or without the demo."""

import datetime
from decimal import Decimal

from klynge.provenance.models import Source, SourceKind

REFORM_SHARE = Decimal("0.7")
REFORM_DATE = datetime.date(2027, 1, 1)
REFORM_SOURCE_KEY = "regionoest-opgaveflyt-midlertidige-pladser"


def ensure_reform_source(*, using: str = "default") -> Source:
    source, _ = Source.objects.using(using).get_or_create(
        key=REFORM_SOURCE_KEY,
        defaults={
            "kind": SourceKind.PUBLIC,
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
    return source
