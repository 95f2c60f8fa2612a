from django.urls import path

from dukao.progress import views

app_name = "progress"
urlpatterns = [
    path("tasks/<int:task_id>/reports/<str:period>/", views.report_page, name="report_page"),
    path("tasks/<int:task_id>/progress/", views.task_progress, name="task_progress"),
    path("tasks/<int:task_id>/schedule/", views.schedule_page, name="schedule_page"),
    path("tasks/<int:task_id>/contributions/", views.contribution_add, name="contribution_add"),
    path("tasks/<int:task_id>/requests/new/", views.request_new, name="request_new"),
    path("reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("reports/<int:report_id>/correct/", views.report_correct, name="report_correct"),
    path("reports/<int:report_id>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:evidence_id>/withdraw/", views.evidence_withdraw, name="evidence_withdraw"),
    path("schedules/<int:revision_id>/decide/", views.schedule_decide, name="schedule_decide"),
    path("requests/", views.request_list, name="request_list"),
    path("units/<int:unit_id>/requests/", views.unit_requests, name="unit_requests"),
    path("requests/<int:request_id>/", views.request_detail, name="request_detail"),
]
