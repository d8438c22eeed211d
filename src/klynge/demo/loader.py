"""Load the demo: Region Hovedstaden's clusters and what the two Copenhagen memos report.

Everything is built through the services, so every rule of the product applies to the demo data.
The demo is loaded once: loading it again is refused (see `DemoAlreadyLoaded`).
"""

from django.db import models, transaction

from klynge.bodies.models import Body, Collaboration, Membership, Seat, Substitution
from klynge.catchment.models import Area, CatchmentRule, Hospital
from klynge.demo.agendas import create_agendas
from klynge.demo.cases import create_cases
from klynge.demo.copenhagen import create_copenhagen
from klynge.demo.councils import create_council_work
from klynge.demo.gpcoverage import create_gp_coverage_example
from klynge.demo.memos import create_memos, create_referrals
from klynge.demo.proposals import create_proposals
from klynge.demo.reference import create_reference
from klynge.demo.reform import create_reform
from klynge.demo.sources import MEMO_2022_KEY, create_sources
from klynge.demo.temporaryplaces import create_temporary_places
from klynge.demo.timeline import create_timeline
from klynge.meetings.models import AgendaItem, Decision, Meeting, ReportedFigure
from klynge.memos.models import Memo
from klynge.organisation.models import Administration, AuthorityArea, Committee, Party, Person, Topic
from klynge.provenance.models import Source
from klynge.search.services import search_index_deferred
from klynge.work.models import (
    Allocation,
    FocusArea,
    FollowUpResearch,
    Fund,
    HealthAgreement,
    Initiative,
    TrialAction,
)


class DemoAlreadyLoaded(RuntimeError):
    """The demo data is already in the database."""


def is_demo_loaded() -> bool:
    return Source.objects.filter(key=MEMO_2022_KEY).exists()


def load_demo() -> None:
    """Build the demo data in one transaction; refused if it is already loaded."""
    with transaction.atomic(), search_index_deferred():  # indexed in bulk at the end
        if is_demo_loaded():
            raise DemoAlreadyLoaded("Demodata er allerede indlæst.")
        sources = create_sources()
        reference = create_reference(sources)
        create_copenhagen(sources, reference)
        create_timeline(sources, reference)
        create_cases()
        create_memos()
        create_referrals()
        create_gp_coverage_example()
        create_temporary_places(reference)
        councils = create_reform(sources, reference)
        create_council_work(reference, councils)
        create_agendas()
        create_proposals()  # after the agendas: the coming meeting's agenda is not published yet


# What the summary counts, in the order it is printed.
SUMMARY_MODELS: tuple[type[models.Model], ...] = (
    Source,
    Memo,
    Party,
    Administration,
    Committee,
    Topic,
    AuthorityArea,
    Hospital,
    Area,
    CatchmentRule,
    Collaboration,
    Body,
    Seat,
    Person,
    Membership,
    Substitution,
    Meeting,
    AgendaItem,
    Decision,
    ReportedFigure,
    HealthAgreement,
    FocusArea,
    Initiative,
    TrialAction,
    FollowUpResearch,
    Fund,
    Allocation,
)


def demo_summary() -> list[tuple[str, int]]:
    """(Danish plural name, count) for each kind of record in the database."""
    return [
        (str(model._meta.verbose_name_plural), model._default_manager.count()) for model in SUMMARY_MODELS
    ]
