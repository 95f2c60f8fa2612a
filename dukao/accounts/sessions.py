"""Session rules: idle and absolute time limits, and whether the second factor was given in this session.

GB/T 22239-2019 8.1.4.1 b (登录连接超时自动退出); ASVS 4.0 V3.3.2 (idle and absolute timeouts; level 2 asks
for 12 hours absolute), V3.2.1 (a new session id at sign-in, done by ``django.contrib.auth.login``). The times
live in the session itself (seconds since the epoch), so they hold whatever the session backend; the middleware
(``accounts.middleware``) ends a session that is past either limit.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

from dukao.accounts.models import Role, User

SIGNED_IN = "dukao_signed_in"
LAST_SEEN = "dukao_last_seen"
OTP_VERIFIED = "dukao_otp_verified"
#: A request refreshes the idle clock at most this often, so a busy page does not write its session each time.
TOUCH_EVERY = timedelta(minutes=1)


def is_administrator(user: User) -> bool:
    """Administrators (role, staff or superuser) get the shorter idle limit."""
    return user.role == Role.ADMIN or user.is_staff or user.is_superuser


def idle_limit(user: User) -> timedelta:
    """``DUKAO_SESSION_IDLE_MINUTES``, or ``DUKAO_SESSION_IDLE_MINUTES_ADMIN`` for administrators."""
    if is_administrator(user):
        return timedelta(minutes=settings.DUKAO_SESSION_IDLE_MINUTES_ADMIN)
    return timedelta(minutes=settings.DUKAO_SESSION_IDLE_MINUTES)


def session_start(session: SessionBase, now: datetime) -> None:
    """At sign-in (password): start both clocks; the second factor is still to come."""
    session[SIGNED_IN] = session[LAST_SEEN] = now.timestamp()
    session.pop(OTP_VERIFIED, None)


def session_expired(session: SessionBase, user: User, now: datetime) -> bool:
    """True when the session was idle longer than the user's limit or began more than
    ``DUKAO_SESSION_MAX_HOURS`` ago."""
    signed_in, last_seen = session.get(SIGNED_IN), session.get(LAST_SEEN)
    if signed_in is None or last_seen is None:
        return True  # a session from before these rules, or one not opened by a sign-in
    now_ts = now.timestamp()
    return (
        now_ts - last_seen > idle_limit(user).total_seconds()
        or now_ts - signed_in > settings.DUKAO_SESSION_MAX_HOURS * 3600
    )


def session_touch(session: SessionBase, now: datetime) -> None:
    """A request came: the idle clock starts again (saved at most every ``TOUCH_EVERY``). The session row
    itself lasts ``SESSION_COOKIE_AGE`` (the absolute limit) after its last save, so that the idle limit is
    judged here and the user is told why the session ended; ``clearsessions`` removes the rows left behind."""
    if now.timestamp() - session[LAST_SEEN] >= TOUCH_EVERY.total_seconds():
        session[LAST_SEEN] = now.timestamp()


def otp_verified(session: SessionBase) -> bool:
    return bool(session.get(OTP_VERIFIED))


def otp_mark_verified(session: SessionBase) -> None:
    """The second factor was given in this session. The id changes again, as at any change of privilege."""
    session.cycle_key()
    session[OTP_VERIFIED] = True
