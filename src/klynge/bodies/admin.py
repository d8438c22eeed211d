from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from klynge.bodies import commands
from klynge.bodies.models import (
    Body,
    Collaboration,
    Membership,
    MembershipRole,
    Participation,
    Seat,
    Substitution,
)
from klynge.kernel.admin import CommandAdmin, EditedInAppAdmin
from klynge.organisation.models import Committee, Person
from klynge.provenance.admin import SourcedAdmin, SourcedInline


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = ["party", "start", "end"]
    autocomplete_fields = ["party"]
    extra = 0


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    """Reference data (`klynge reference import` and here): no page or API writes it, so no command."""

    list_display = ["collaboration", "party", "start", "end"]
    list_filter = ["collaboration__kind"]
    list_select_related = ["collaboration", "party"]
    search_fields = ["collaboration__name", "party__name"]
    autocomplete_fields = ["collaboration", "party"]


class BodyInline(EditedInAppAdmin, SourcedInline):
    model = Body
    fields = ["level", "name", "slug", "valid_from", "valid_to", "source"]


@admin.register(Collaboration)
class CollaborationAdmin(SourcedAdmin):
    """Reference data (`klynge reference import` and here); its bodies are shown, written by BodyAdmin."""

    list_display = ["name", "kind", "region", "host_party", "valid_from", "valid_to"]
    list_filter = ["kind", "region"]
    list_select_related = ["region", "host_party"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = [
        "region",
        "host_party",
        "hospitals",
        "spans",
        "administrations",
        "source",
    ]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ParticipationInline, BodyInline]


class SeatInline(EditedInAppAdmin, SourcedInline):
    model = Seat
    fields = ["party", "count", "source"]
    autocomplete_fields = ["party", "source"]
    show_change_link = False


class MembershipInline(EditedInAppAdmin, SourcedInline):
    model = Membership
    fields = ["person", "party", "role", "title", "start", "end", "source"]
    autocomplete_fields = ["person", "party", "source"]


@admin.register(Body)
class BodyAdmin(CommandAdmin, SourcedAdmin):
    """Bodies are added and changed here by the commands of the collaboration's page and the API
    (`bodies.commands.body_create` / `body_update`): the same rights, rules and refusals."""

    fields = ["collaboration", "level", "name", "description", "valid_from", "valid_to"]
    list_display = ["name", "collaboration", "level", "valid_from", "valid_to"]
    list_filter = ["level", "collaboration__kind"]
    list_select_related = ["collaboration"]
    search_fields = ["name", "collaboration__name"]
    autocomplete_fields = ["collaboration"]
    inlines = [SeatInline, MembershipInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["collaboration"] if obj is not None else []  # a body stays with its collaboration

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> Body:
        values = {key: data[key] for key in ["level", "name", "description", "valid_from", "valid_to"]}
        if record is None:
            create = commands.BodyCreate(collaboration_id=data["collaboration"].pk, **values)
            return commands.body_create(actor=request.user, command=create)
        return commands.body_update(
            actor=request.user, command=commands.BodyUpdate(body_id=record.pk, **values)
        )


@admin.register(Seat)
class SeatAdmin(CommandAdmin, SourcedAdmin):
    """Seats are set here by the command of the body's page and the API (`seat_set`, never below the
    party's members): the same rights, rules and refusals."""

    fields = ["body", "party", "count"]

    list_display = ["body", "party", "count"]
    list_filter = ["body__collaboration"]
    list_select_related = ["body", "party"]
    search_fields = ["body__name", "party__name"]
    autocomplete_fields = ["body", "party"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["body", "party"] if obj is not None else []  # a change sets the same party's count

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> Seat:
        body_id, party_id = (
            (record.body_id, record.party_id) if record else (data["body"].pk, data["party"].pk)
        )
        command = commands.SeatSet(body_id=body_id, party_id=party_id, count=data["count"])
        return commands.seat_set(actor=request.user, command=command)


class SubstitutionInline(EditedInAppAdmin, SourcedInline):
    model = Substitution
    fk_name = "principal"
    fields = ["substitute", "topics", "condition", "start", "end", "source"]
    autocomplete_fields = ["substitute", "topics", "source"]
    show_change_link = False


@admin.register(Membership)
class MembershipAdmin(CommandAdmin, SourcedAdmin):
    """Members are added and changed here by the commands of the body's page and the API
    (`membership_create` / `membership_update`, which fit the substitutes): the same rights and rules."""

    fields = ["person", "body", "party", "role", "title", "start", "end"]

    list_display = ["person", "body", "party", "role", "title", "start", "end"]
    list_filter = ["role", "body__collaboration"]
    list_select_related = ["person", "body", "party"]
    search_fields = ["person__name", "body__name", "title"]
    autocomplete_fields = ["person", "body", "party"]
    inlines = [SubstitutionInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["person", "body", "party"] if obj is not None else []  # a change keeps who, where, for whom

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> Membership:
        values = {key: data[key] for key in ["title", "start", "end"]}
        role = MembershipRole(data["role"])
        if record is None:
            ids = {"person_id": data["person"].pk, "body_id": data["body"].pk, "party_id": data["party"].pk}
            create = commands.MembershipCreate(**ids, role=role, **values)
            return commands.membership_create(actor=request.user, command=create)
        change = commands.MembershipUpdate(membership_id=record.pk, role=role, **values)
        return commands.membership_update(actor=request.user, command=change)


@admin.register(Substitution)
class SubstitutionAdmin(CommandAdmin, SourcedAdmin):
    """Substitutes are added and changed here by the commands of the body's page and the API
    (`substitution_create` / `substitution_update`): the same rights, rules and refusals."""

    fields = ["principal", "substitute", "topics", "condition", "start", "end"]

    list_display = ["substitute", "principal", "condition", "start", "end"]
    list_select_related = ["substitute", "principal", "principal__person", "principal__body"]
    search_fields = ["substitute__name", "principal__person__name", "principal__body__name"]
    autocomplete_fields = ["principal", "substitute", "topics"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["principal", "substitute"] if obj is not None else []  # a change keeps who for whom

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> Substitution:
        values = {key: data[key] for key in ["condition", "start", "end"]}
        topic_ids = tuple(topic.pk for topic in data["topics"])
        if record is None:
            ids = {"membership_id": data["principal"].pk, "substitute_id": data["substitute"].pk}
            create = commands.SubstitutionCreate(**ids, topic_ids=topic_ids, **values)
            return commands.substitution_create(actor=request.user, command=create)
        change = commands.SubstitutionUpdate(substitution_id=record.pk, topic_ids=topic_ids, **values)
        return commands.substitution_update(actor=request.user, command=change)


# A party's people and committees are written by the structure's commands (bodies.commands), so their
# admin is registered here, above organisation, which may not import them.


@admin.register(Person)
class PersonAdmin(CommandAdmin, SourcedAdmin):
    """People are added and changed here by the commands of the person pages and the API
    (`bodies.commands.person_create` / `person_update`): the same rights, rules and refusals."""

    fields = ["name", "party", "title"]
    list_display = ["name", "title", "party"]
    list_filter = ["party__kind"]
    list_select_related = ["party"]
    search_fields = ["name", "title", "party__name"]
    autocomplete_fields = ["party"]

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> Person:
        party_id = data["party"].pk if data["party"] is not None else None
        if record is None:
            create = commands.PersonCreate(name=data["name"], party_id=party_id, title=data["title"])
            return commands.person_create(actor=request.user, command=create)
        change = commands.PersonUpdate(
            person_id=record.pk, name=data["name"], party_id=party_id, title=data["title"]
        )
        return commands.person_update(actor=request.user, command=change)


@admin.register(Committee)
class CommitteeAdmin(CommandAdmin, SourcedAdmin):
    """Committees are added and changed here by the commands of the committee pages and the API
    (`bodies.commands.committee_create` / `committee_update`): the same rights, rules and refusals."""

    fields = ["party", "name", "code", "administration", "topics"]
    list_display = ["name", "code", "party", "administration"]
    list_filter = ["party"]
    list_select_related = ["party", "administration"]
    search_fields = ["name", "code", "party__name"]
    autocomplete_fields = ["party", "administration", "topics"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["party"] if obj is not None else []  # a committee stays with its party

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> Committee:
        administration = data["administration"]
        values = {
            "name": data["name"],
            "code": data["code"],
            "administration_id": administration.pk if administration is not None else None,
            "topic_ids": tuple(topic.pk for topic in data["topics"]),
        }
        if record is None:
            create = commands.CommitteeCreate(party_id=data["party"].pk, **values)
            return commands.committee_create(actor=request.user, command=create)
        change = commands.CommitteeUpdate(committee_id=record.pk, **values)
        return commands.committee_update(actor=request.user, command=change)
