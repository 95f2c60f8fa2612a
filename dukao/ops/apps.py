from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "dukao.ops"
    verbose_name = _("运维")

    def ready(self):
        from dukao.ops import checks  # noqa: F401  (registers the durability checks)
