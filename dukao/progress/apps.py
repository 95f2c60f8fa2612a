from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "dukao.progress"
    verbose_name = _("进度填报")
