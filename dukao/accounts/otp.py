"""The second factor, behind one small interface: TOTP (RFC 6238) through django-otp today.

Everything else in dukao asks only ``enrolled``, ``verify``, ``enrolment_begin``, ``enrolment_confirm`` and
``reset``; an SM3-based one-time password (GM/T 0021-2012) or a certified token server replaces this module
alone. GB/T 22239-2019 8.1.4.1 d (两种或两种以上组合的鉴别技术); ASVS 4.0 V2.8.1, V2.8.3 (each code usable
once: the device keeps the last time step used), V2.2.1 (throttling: each failure doubles the wait,
``OTP_TOTP_THROTTLE_FACTOR``).
"""

import base64
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from dukao.accounts.models import User


@dataclass(frozen=True)
class Enrolment:
    """What an authenticator app needs: the secret in base32 text and the ``otpauth://`` URI of the QR code."""

    secret: str
    uri: str

    def qr_svg(self) -> str:
        """The URI as an inline ``<svg>`` element (no script, no style attribute: allowed by the site's CSP)."""
        image = qrcode.make(self.uri, image_factory=qrcode.image.svg.SvgPathImage)
        return image.to_string(encoding="unicode")


def enrolled(user: User) -> bool:
    """Whether the user has a confirmed second factor."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def verify(user: User, code: str) -> bool:
    """Check a code against the user's confirmed device. False for a wrong, reused or throttled code (the caller
    cannot tell which: no oracle for an attacker) and for a user without a device."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device is not None and device.verify_token(code.strip())


@transaction.atomic
def enrolment_begin(user: User) -> Enrolment:
    """Start (or restart) enrolment: a new unconfirmed device with a fresh secret, replacing an earlier
    unconfirmed one. A confirmed device stays until ``enrolment_confirm`` succeeds or ``reset``."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    return _enrolment(device)


def enrolment_pending(user: User) -> Enrolment | None:
    """The enrolment begun and not yet confirmed, to show again (e.g. after a wrong code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return _enrolment(device) if device else None


@transaction.atomic
def enrolment_confirm(user: User, code: str) -> bool:
    """Confirm the pending device with a code from the app; it then replaces any earlier device."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(code.strip()):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def reset(user: User) -> int:
    """Remove every device (the user lost the phone); the user enrols again at the next sign-in. Returns how
    many were removed."""
    return TOTPDevice.objects.filter(user=user).delete()[0]


def _enrolment(device: TOTPDevice) -> Enrolment:
    return Enrolment(secret=base64.b32encode(device.bin_key).decode(), uri=device.config_url)
