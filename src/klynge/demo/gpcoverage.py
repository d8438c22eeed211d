# Danish typography uses the en dash in running text.
"""The demo's GP coverage model: the shipped example file, plainly labelled as example data.

The sources report findings (SSU, 1 December 2023: 62 new GPs needed in Copenhagen by 2027, 17 on Amager;
Amager, Bispebjerg and Nørrebro threatened in 2024), which the demo keeps as reported figures on that
meeting's agenda (see timeline.py). They give none of the figures the model needs, so the demo loads the
example file — invented figures for Copenhagen's districts and Frederiksberg — as an example dataset.
"""

from klynge.gpcoverage.examples import EXAMPLE_FILE
from klynge.gpcoverage.models import GpCoverageDataset
from klynge.gpcoverage.services import gp_coverage_dataset_import
from klynge.provenance.models import SourceKind
from klynge.provenance.services import source_create


def create_gp_coverage_example() -> GpCoverageDataset:
    source = source_create(
        key="eksempel-laegedaekning",
        kind=SourceKind.EXAMPLE,
        title="Eksempelfil: lægedækning (EKSEMPEL – ikke rigtige tal)",
        publisher="Klynge",
        description=(
            f"Filen {EXAMPLE_FILE.name} følger med Klynge som eksempel på formatet. Indbyggertal, "
            "lægekapaciteter, aldersfordeling, afgange og lukkede lister er opfundne for Københavns bydele og "
            "Frederiksberg; de er ikke tal fra regionen, kommunerne eller PLO."
        ),
    )
    return gp_coverage_dataset_import(
        name="Lægedækning 2024–2030 – eksempel",
        content=EXAMPLE_FILE.read_bytes(),
        file_name=EXAMPLE_FILE.name,
        is_example=True,
        description=(
            "Eksempel på en lægedækningsprognose for Københavns bydele og Frederiksberg, 2024–2030, så modellen "
            "kan afprøves. Kilderne oplyser ikke de tal, modellen regner på; tallene her er opfundne. De tal, "
            "SSU fik fremlagt 1. december 2023, står for sig med deres kilde."
        ),
        source=source,
        source_note="Eksempeldata – ikke rigtige tal.",
    )
