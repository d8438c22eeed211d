from django.contrib import admin

from klynge.notifications.models import AgendaPublication, SentNotification, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "scope", "immediate", "weekly", "confirmed_at"]
    list_filter = ["scope", "immediate", "weekly"]
    search_fields = ["email", "search_query"]
    readonly_fields = [f.name for f in Subscription._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(SentNotification)
class SentNotificationAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "kind", "email", "subject", "empty"]
    list_filter = ["kind", "empty"]
    search_fields = ["email", "key", "subject"]
    readonly_fields = [f.name for f in SentNotification._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(AgendaPublication)
class AgendaPublicationAdmin(admin.ModelAdmin):
    list_display = ["meeting", "published_at", "changed", "supplementary"]
    readonly_fields = [f.name for f in AgendaPublication._meta.fields]
