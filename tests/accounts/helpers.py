"""Signing in the way a person does: POST to the login view (and the second factor's page)."""

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Test-pass-2019"  # make_user's


def login(client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def current_code(device: TOTPDevice) -> str:
    """What the user's authenticator app shows now."""
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def enrol(user) -> TOTPDevice:
    """A confirmed TOTP device, as if the user had enrolled earlier."""
    return TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)
