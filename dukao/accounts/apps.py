from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dukao.accounts"
    verbose_name = _("账号与角色")

    def ready(self):
        from dukao.accounts import checks, signals  # noqa: F401  (registers the system check and receivers)
