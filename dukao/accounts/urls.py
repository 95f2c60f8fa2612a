from django.urls import path

from dukao.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dingtalk/", views.dingtalk_start, name="dingtalk_start"),
    path("dingtalk/callback/", views.dingtalk_callback, name="dingtalk_callback"),
    path("otp/", views.otp_verify, name="otp_verify"),
    path("otp/setup/", views.otp_setup, name="otp_setup"),
    path("password/", views.password_change, name="password_change"),
    path("approvals/", views.approval_list, name="approval_list"),
    path("approvals/<int:pk>/decide/", views.approval_decide, name="approval_decide"),
]
