from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from dukao.accounts.views import LoginView
from dukao.lib.ratelimits import limited, posted

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="desk:home", permanent=False), name="root"),
    path("login/", limited("sign_in", when=posted)(LoginView.as_view()), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("dukao.accounts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("my/", include("dukao.desk.urls")),
    path("notices/", include("dukao.notices.urls")),
    path("", include("dukao.plans.urls")),
    path("", include("dukao.progress.urls")),
    path("reviews/", include("dukao.reviews.urls")),
    path("audit/", include("dukao.audit.urls")),
    path("supervision/", include("dukao.supervision.urls")),
    path("assessment/", include("dukao.assessment.urls")),
    path("dashboard/", include("dukao.dashboard.urls")),
    path("public/", include("dukao.portal.urls")),
]
