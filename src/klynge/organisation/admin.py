"""Organisation's reference data, kept here (parties, regions' municipalities, administrations, topics,
authority areas): no page or API writes it, so the admin and `klynge reference import` are its only
writers and it has no command. People and committees, which pages and the API write, are registered by
bodies/admin.py through bodies' commands."""

from django.contrib import admin

from klynge.organisation.models import (
    Administration,
    AuthorityArea,
    Party,
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


@admin.register(AuthorityArea)
class AuthorityAreaAdmin(SourcedAdmin):
    list_display = ["topic", "holder_kind", "party", "legal_basis"]
    list_filter = ["holder_kind"]
    list_select_related = ["topic", "party"]
    search_fields = ["topic__name", "legal_basis", "description"]
    autocomplete_fields = ["topic", "party", "source"]
