from django.contrib import admin

from dukao.audit.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: events are browsed, never edited or deleted."""

    list_display = ["created_at", "actor_name", "unit_name", "action", "object_type", "object_id", "summary", "ip"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "unit_name", "summary", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
