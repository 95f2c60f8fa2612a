from django.urls import path

from dukao.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.assessment_list, name="assessment_list"),
    path("records/", views.record_list, name="record_list"),
    path("records/<int:cadre_id>/", views.record_detail, name="record_detail"),
    path("<int:assessment_id>/", views.assessment_detail, name="assessment_detail"),
    path("<int:assessment_id>/year-report/", views.year_report_issue, name="year_report_issue"),
    path("<int:assessment_id>/year-report.<str:fmt>", views.year_report_file, name="year_report_file"),
    path("<int:assessment_id>/<str:action>/", views.assessment_action, name="assessment_action"),
    path("<int:assessment_id>/units/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("<int:assessment_id>/appeals/<int:appeal_id>/", views.appeal_detail, name="appeal_detail"),
    path("<int:assessment_id>/appeals/<int:appeal_id>/file/", views.appeal_file, name="appeal_file"),
    path("<int:assessment_id>/export.xlsx", views.assessment_export, name="assessment_export"),
]
