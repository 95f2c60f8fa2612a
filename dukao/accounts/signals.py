"""Receivers: the session clocks start at sign-in; django-axes' lock is audited."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from dukao.accounts import services, sessions


@receiver(user_logged_in, dispatch_uid="dukao_session_start")
def start_session(sender, request, user, **kwargs):
    sessions.session_start(request.session, timezone.now())


@receiver(user_locked_out, dispatch_uid="dukao_login_lock")
def record_lock(sender, request, username, **kwargs):
    # axes also signals each refused attempt while the lock lasts; only the failure that reached the limit
    # was counted (``axes_failures_since_start`` is set), and only that one is the lock.
    if getattr(request, "axes_failures_since_start", None) is not None:
        services.login_lock_record(username=username)
