from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "dukao.supervision"
    verbose_name = _("督察督办")

    def ready(self) -> None:
        from dukao.supervision import checks, receivers  # noqa: F401  (the CJK font check; statuses follow every
        # change of a task's facts)
