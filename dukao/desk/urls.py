from django.urls import path

from dukao.desk import views

app_name = "desk"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-off/", views.sign_off, name="sign_off"),
]
