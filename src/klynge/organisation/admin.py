from django.contrib import admin

from klynge.organisation.models import (
    Administration,
    AuthorityArea,
    Committee,
    Party,
    Person,
    RegionMembership,
    Topic,
)
from klynge.provenance.admin import SourcedAdmin


@admin.register(Party)
class PartyAdmin(SourcedAdmin):
    list_display = ["name", "short_name", "kind", "official_code", "region", "valid_from", "valid_to"]
    list_filter = ["kind"]
    list_select_related = ["region"]
    search_fields = ["name", "short_name", "official_code"]
    autocomplete_fields = ["region", "source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(RegionMembership)
class RegionMembershipAdmin(SourcedAdmin):
    list_display = ["municipality", "region", "valid_from", "valid_to"]
    list_filter = ["region"]
    list_select_related = ["municipality", "region"]
    search_fields = ["municipality__name", "municipality__official_code", "region__name"]
    autocomplete_fields = ["municipality", "region", "source"]


@admin.register(Administration)
class AdministrationAdmin(SourcedAdmin):
    list_display = ["name", "abbreviation", "party"]
    list_filter = ["party"]
    list_select_related = ["party"]
    search_fields = ["name", "abbreviation", "party__name"]
    autocomplete_fields = ["party", "source"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Committee)
class CommitteeAdmin(SourcedAdmin):
    list_display = ["name", "code", "party", "administration"]
    list_filter = ["party"]
    list_select_related = ["party", "administration"]
    search_fields = ["name", "code", "party__name"]
    autocomplete_fields = ["party", "administration", "topics", "source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(SourcedAdmin):
    list_display = ["name", "title", "party"]
    list_filter = ["party__kind"]
    list_select_related = ["party"]
    search_fields = ["name", "title", "party__name"]
    autocomplete_fields = ["party", "source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AuthorityArea)
class AuthorityAreaAdmin(SourcedAdmin):
    list_display = ["topic", "holder_kind", "party", "legal_basis"]
    list_filter = ["holder_kind"]
    list_select_related = ["topic", "party"]
    search_fields = ["topic__name", "legal_basis", "description"]
    autocomplete_fields = ["topic", "party", "source"]
