from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "dukao.reviews"
    verbose_name = _("数据核定")
