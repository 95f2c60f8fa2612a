from django.urls import path

from dukao.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="home"),
    path("plans/<int:plan_id>/", views.portal_plan, name="plan"),
    path("bulletins/<int:bulletin_id>/", views.portal_bulletin, name="bulletin"),
]
