from django.contrib import admin

from klynge.kernel.admin import EditedInAppAdmin
from klynge.notifications.models import AgendaPublication, SentNotification, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(EditedInAppAdmin, admin.ModelAdmin):
    """Read-only: only its owner makes, changes or ends a subscription (pages, API, link), by the commands."""

    list_display = ["email", "scope", "immediate", "weekly", "confirmed_at"]
    list_filter = ["scope", "immediate", "weekly"]
    search_fields = ["email", "search_query"]


@admin.register(SentNotification)
class SentNotificationAdmin(EditedInAppAdmin, admin.ModelAdmin):
    """Read-only: the sent-log is written by the sending only; a removed row would send again."""

    list_display = ["sent_at", "kind", "email", "subject", "empty"]
    list_filter = ["kind", "empty"]
    search_fields = ["email", "key", "subject"]


@admin.register(AgendaPublication)
class AgendaPublicationAdmin(EditedInAppAdmin, admin.ModelAdmin):
    """Read-only: an agenda is published on the meeting page and in the API, by the agendas commands."""

    list_display = ["meeting", "published_at", "changed", "supplementary"]
