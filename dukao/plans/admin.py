from django.contrib import admin

from dukao.audit.admin import AuditedAdmin
from dukao.plans.models import Indicator, Plan, Task, TaskUnit, VerifierRule


class TaskUnitInline(admin.TabularInline):
    model = TaskUnit
    extra = 0
    autocomplete_fields = ["unit"]


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0
    fields = ["kind", "comparator", "target", "stretch", "unit", "verb", "verifier", "text", "needs_confirmation"]


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ["title", "year", "kind", "issuer", "issued_on"]
    list_filter = ["year", "kind"]
    search_fields = ["title", "issuer"]


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    list_display = ["plan", "seq", "name", "target_type"]
    list_filter = ["plan", "target_type"]
    search_fields = ["name", "requirement", "seq"]
    inlines = [TaskUnitInline, IndicatorInline]


@admin.register(VerifierRule)
class VerifierRuleAdmin(AuditedAdmin):
    list_display = ["priority", "verifier", "keywords", "match_name", "active", "note"]
    list_editable = ["active"]
