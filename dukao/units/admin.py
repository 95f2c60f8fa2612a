from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from dukao.audit.admin import AuditedAdmin
from dukao.units import services
from dukao.units.models import AliasState, Cadre, Unit, UnitAlias, UnitGroup


class AliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 0


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "kind", "active", "needs_review"]
    list_filter = ["kind", "active", "needs_review"]
    search_fields = ["name", "short_name", "aliases__name"]
    inlines = [AliasInline]


@admin.register(UnitAlias)
class UnitAliasAdmin(AuditedAdmin):
    list_display = ["name", "unit", "state", "note"]
    list_filter = ["state"]
    search_fields = ["name", "unit__name"]
    actions = ["confirm", "reject"]

    @admin.action(description=_("确认为别名（任务并入该单位）"))
    def confirm(self, request, queryset):
        self._decide(request, queryset, services.alias_confirm, _("已确认 %(n)d 个别名。"))

    @admin.action(description=_("否决（作为独立单位保留）"))
    def reject(self, request, queryset):
        self._decide(request, queryset, services.alias_reject, _("已否决 %(n)d 个别名。"))

    def _decide(self, request, queryset, service, message):
        suspected = list(queryset.filter(state=AliasState.SUSPECTED))
        for alias in suspected:
            service(alias=alias, actor=request.user)
        self.message_user(request, message % {"n": len(suspected)}, messages.SUCCESS)


@admin.register(UnitGroup)
class UnitGroupAdmin(AuditedAdmin):
    list_display = ["name", "note"]
    filter_horizontal = ["members"]
    search_fields = ["name"]


@admin.register(Cadre)
class CadreAdmin(AuditedAdmin):
    list_display = ["name", "post", "unit", "role", "term_start", "term_end"]
    list_filter = ["role", "unit"]
    search_fields = ["name", "post", "unit__name"]
    autocomplete_fields = ["unit"]
    filter_horizontal = ["units_in_charge"]
