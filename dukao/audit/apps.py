from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "dukao.audit"
    verbose_name = _("审计日志")

    def ready(self):
        from dukao.audit import checks, signals  # noqa: F401  (registers the checks and signal receivers)
