from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dukao.audit.models import Event
from dukao.audit.services import event_record


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: events are browsed, never edited or deleted."""

    list_display = ["created_at", "actor_name", "unit_name", "action_name", "object_type", "object_id", "summary", "ip"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "unit_name", "summary", "object_id"]

    @admin.display(description=_("动作"), ordering="action")
    def action_name(self, event: Event) -> str:
        return event.action_label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every add, change and delete (inlines included, as Django's change message lists
    them) is also an audit event, so edits made in the admin are as visible to auditors as any other."""

    def log_addition(self, request, obj, message):
        event_record(actor=request.user, action="admin.add", obj=obj, summary=f"新增：{obj}"[:300])
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        event_record(
            actor=request.user, action="admin.change", obj=obj, summary=f"修改：{obj}"[:300], after={"change": message}
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            event_record(actor=request.user, action="admin.delete", obj=obj, summary=f"删除：{obj}"[:300])
        return super().log_deletions(request, queryset)
