from io import StringIO

import pytest
from django.core.management import call_command

from dukao.accounts.models import User
from dukao.assessment import services


@pytest.fixture
def demo(seed):
    """The seed with the demo accounts and half-year (rows 1, 4, 8, 9 reported Jan–May, verified)."""
    call_command("demo_accounts", stdout=StringIO())
    call_command("demo_data", stdout=StringIO())
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def draft(demo):
    """A draft assessment of 2019 run by 区政府办公室 on the demo data."""
    return services.assessment_run(year=2019, user=demo["supervisor"])
