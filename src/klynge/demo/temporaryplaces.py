# Danish typography uses the en dash in running text.
"""The demo's count of temporary places: an example file, plainly labelled as example data.

The sources give no counts of temporary places (the status memo only says that the count among the
capital region's municipalities was on SSU's meeting of 13 October 2023), so the demo loads the shipped
example file — invented figures for the region's municipalities in the demo — as an example count
linked to that meeting.
"""

import datetime

from klynge.demo.reference import Reference
from klynge.demo.sources import Memo2023
from klynge.meetings.models import Meeting
from klynge.provenance.models import SourceKind
from klynge.provenance.services import source_create
from klynge.temporaryplaces.examples import EXAMPLE_FILE
from klynge.temporaryplaces.models import PlaceCount
from klynge.temporaryplaces.services import place_count_import

SSU_COUNT_DAY = datetime.date(2023, 10, 13)


def create_temporary_places(ref: Reference) -> PlaceCount:
    source = source_create(
        key="eksempel-midlertidige-pladser",
        kind=SourceKind.EXAMPLE,
        title="Eksempelfil: midlertidige pladser (EKSEMPEL – ikke rigtige tal)",
        publisher="Klynge",
        description=(
            f"Filen {EXAMPLE_FILE.name} følger med Klynge som eksempel på formatet. Tallene er opfundne for "
            "de kommuner i Region Hovedstaden, der er med i demodataene; de er ikke en opgørelse fra "
            "kommunerne eller regionen."
        ),
    )
    return place_count_import(
        name="Midlertidige pladser 2023 – eksempel",
        region=ref.region,
        content=EXAMPLE_FILE.read_bytes(),
        file_name=EXAMPLE_FILE.name,
        is_example=True,
        description=(
            "Eksempel på en opgørelse af de midlertidige pladser blandt kommunerne i hovedstadsregionen, "
            "kvartal for kvartal i 2023: pladser, belægning og de pladsdøgn, kommunerne har købt af hinanden. "
            "Kilderne oplyser ikke tallene; tallene her er opfundne."
        ),
        meeting=Meeting.objects.get(body=ref.ssu_body, date=SSU_COUNT_DAY),
        source=source,
        source_note=(
            "Eksempeldata – ikke rigtige tal. Den rigtige opgørelse blev drøftet på SSU's møde 13. oktober "
            "2023: " + Memo2023.SSU_BACKGROUND
        ),
    )
