from django.urls import path

from dukao.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("versions/<int:version_id>/", views.review_version, name="review_version"),
]
