"""System checks: production settings may not switch off the second factor."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def second_factor_required(app_configs, **kwargs):
    """GB/T 22239-2019 8.1.4.1 d: DUKAO_REQUIRE_OTP may be off only in demo mode (``make demo``) or with DEBUG."""
    if settings.DUKAO_REQUIRE_OTP or settings.DUKAO_DEMO or settings.DEBUG:
        return []
    return [
        Error(
            "DUKAO_REQUIRE_OTP is off outside demo mode.",
            hint="Unset DUKAO_REQUIRE_OTP (every account then signs in with a one-time code), or set DUKAO_DEMO=1.",
            id="dukao.E010",
        )
    ]
