from django.urls import path

from dukao.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.status_overview, name="status_overview"),
    path("recompute/", views.status_recompute, name="status_recompute"),
    path("urge/", views.urge_send, name="urge_send"),
    path("ledger/print/", views.ledger_print, name="ledger_print"),
    path("ledger.xlsx", views.ledger_export, name="ledger_export"),
    path("bulletins/", views.bulletin_list, name="bulletin_list"),
    path("bulletins/new/", views.bulletin_new, name="bulletin_new"),
    path("bulletins/<int:bulletin_id>/", views.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:bulletin_id>/issue/", views.bulletin_issue, name="bulletin_issue"),
    path("bulletins/<int:bulletin_id>/publish/", views.bulletin_publish, name="bulletin_publish"),
    path("bulletins/<int:bulletin_id>/text/", views.bulletin_text, name="bulletin_text"),
    path("bulletins/<int:bulletin_id>/file.<str:fmt>", views.bulletin_file, name="bulletin_file"),
    path("renders/<int:render_id>/", views.bulletin_render, name="bulletin_render"),
    path("renders/<int:render_id>/requeue/", views.bulletin_render_requeue, name="bulletin_render_requeue"),
    path("renders/<int:render_id>/file/", views.bulletin_render_file, name="bulletin_render_file"),
    path("cases/", views.case_list, name="case_list"),
    path("reminders/", views.my_reminders, name="my_reminders"),
    path("cases/open/", views.case_open, name="case_open"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("case-steps/<int:step_id>/file/", views.case_step_file, name="case_step_file"),
    path("cases/<int:case_id>/print/", views.case_print, name="case_print"),
    path("tasks/<int:task_id>/print/", views.task_print, name="task_print"),
    path("cases/<int:case_id>/documents/", views.case_document_issue, name="case_document_issue"),
    path("case-documents/<int:document_id>/file.<str:fmt>", views.case_document_file, name="case_document_file"),
]
