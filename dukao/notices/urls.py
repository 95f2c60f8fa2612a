from django.urls import path

from dukao.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.centre, name="centre"),
    path("<int:pk>/", views.open_notice, name="open"),
    path("<int:pk>/read/", views.read, name="read"),
    path("read-all/", views.read_all, name="read_all"),
    path("preferences/", views.preferences, name="preferences"),
]
