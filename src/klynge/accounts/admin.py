from django.contrib import admin

from klynge.accounts.models import Account


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    """Kept here and by `klynge user add` (the service): no page or API writes an account, so no command."""

    list_display = ["user", "role", "party", "person"]
    list_filter = ["role", "party"]
    search_fields = ["user__email", "person__name"]
    autocomplete_fields = ["party", "person"]
