"""The bulletin template in the admin site: the system administrator edits the office's 版头 and 版记 data."""

from django.contrib import admin

from dukao.audit.admin import AuditedAdmin
from dukao.supervision.models import BulletinTemplate


@admin.register(BulletinTemplate)
class BulletinTemplateAdmin(AuditedAdmin):
    list_display = ["name", "purpose", "masthead", "code", "issuer", "in_use"]
    list_filter = ["purpose", "in_use"]
