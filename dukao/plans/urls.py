from django.urls import path

from dukao.plans import views

app_name = "plans"
urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/import/", views.plan_import_view, name="plan_import"),
    path("plans/import/confirm/", views.plan_import_confirm, name="plan_import_confirm"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/export.<str:fmt>", views.plan_export, name="plan_export"),
    path("tasks/<int:task_id>/", views.task_detail, name="task_detail"),
    path("tasks/<int:task_id>/indicators/", views.task_indicators, name="task_indicators"),
    path("cadres/", views.cadre_list, name="cadre_list"),
    path("cadres/import/", views.cadre_import_view, name="cadre_import"),
    path("cadres/import/confirm/", views.cadre_import_confirm, name="cadre_import_confirm"),
    path("cadres/export.xlsx", views.cadre_export, name="cadre_export"),
    path("cadres/<int:cadre_id>/", views.cadre_detail, name="cadre_detail"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit_detail"),
]
