"""Audit events for what Django itself does rather than a dukao service: sign-in, sign-out, failed sign-in, and
changes to an account's privileges (role, unit, staff or superuser status, active) by whatever path — the admin,
the demo accounts command, a shell (GB/T 22239-2019 8.1.4.3 a: 重要的用户行为和重要安全事件)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from dukao.audit.context import current
from dukao.audit.models import Outcome
from dukao.audit.services import event_record

#: The fields of an account that decide what it may do.
PRIVILEGE_FIELDS = ("role", "unit_id", "is_staff", "is_superuser", "is_active")
_WATCHED = {*PRIVILEGE_FIELDS, "unit"}  # ``save(update_fields=…)`` may name the unit either way


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    event_record(actor=user, action="auth.login", obj=user, summary="登录成功")


#: ``request.logout_reason`` of a session ended by its time limit (set by the accounts middleware).
SESSION_EXPIRED = "session_expired"


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    """A sign-out, or a session ended by the idle or absolute time limit (``request.logout_reason``)."""
    if user is None:
        return
    if getattr(request, "logout_reason", "") == SESSION_EXPIRED:
        event_record(actor=user, action="auth.session_expired", obj=user, summary="会话超时，自动退出")
    else:
        event_record(actor=user, action="auth.logout", obj=user, summary="退出登录")


@receiver(user_login_failed)
def record_login_failure(sender, credentials, request=None, **kwargs):
    """The account tried is recorded, never the password (Django passes it masked anyway)."""
    username = str(credentials.get(get_user_model().USERNAME_FIELD, ""))
    event_record(
        actor=None,
        actor_name=username,
        action="auth.login_failed",
        obj=None,
        outcome=Outcome.FAILURE,
        summary=f"登录失败：账号“{username}”"[:300],
    )


def _privileges(user) -> dict:
    return {name: getattr(user, name) for name in PRIVILEGE_FIELDS}


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def remember_privileges(sender, instance, update_fields=None, raw=False, **kwargs):
    """Keep the stored privileges of an account about to be saved, unless the save cannot change them or loads a
    fixture or backup (``raw``: the rows come back as they were, their events with them)."""
    if raw or (update_fields is not None and not _WATCHED & set(update_fields)):
        return
    stored = sender.objects.filter(pk=instance.pk).values(*PRIVILEGE_FIELDS).first() if instance.pk else None
    instance._audit_privileges_before = stored


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def record_privilege_change(sender, instance, created, **kwargs):
    """One ``user.privileges`` event per saved change of role, unit, staff, superuser or active status (and the
    privileges an account is created with), by the user of the current request (the system outside one)."""
    if not hasattr(instance, "_audit_privileges_before"):
        return
    before, after = instance.__dict__.pop("_audit_privileges_before"), _privileges(instance)
    changed = {name for name in PRIVILEGE_FIELDS if before is None or before[name] != after[name]}
    if changed:
        event_record(
            actor=current().user,
            action="user.privileges",
            obj=instance,
            summary=f"账号 {instance.get_username()} 的权限变更：{'、'.join(sorted(changed))}",
            before={name: before[name] for name in changed} if before else None,
            after={name: after[name] for name in changed},
        )
