"""Every URL pattern of the site refuses a state-changing request without a CSRF token (ASVS V4.2.2,
GB/T 22239-2019 8.1.4.x 访问控制): the walk covers each route, the admin's included, so a new view cannot be
added exempt by accident."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from dukao.accounts.models import Role
from tests.conftest import make_user

SAMPLE = {"int": "1", "str": "x", "path": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def _routes(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _url(route: str) -> str:
    """A concrete path for a route, converters filled with sample values; regex routes stripped to a literal."""
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    return "/" + re.sub(r"[\^$?]|\\Z", "", path).replace("\\", "")


ROUTES = sorted(set(_routes(get_resolver())), key=lambda r: r[0])


def test_the_walk_covers_every_app():
    routes = {route for route, _view in ROUTES}
    for prefix in ("admin/", "assessment/", "supervision/", "reviews/", "audit/", "dashboard/", "public/", "plans/"):
        assert any(r.startswith(prefix) for r in routes), prefix
    assert len(ROUTES) > 60


def test_no_view_is_exempt_from_csrf():
    exempt = [route for route, view in ROUTES if getattr(view, "csrf_exempt", False)]
    assert exempt == []


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_route_refuses_a_state_change_without_a_token(db, method):
    admin = make_user("walker", Role.ADMIN, "区政府办公室", is_staff=True, is_superuser=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    refused = {route: getattr(client, method)(_url(route)).status_code for route, _view in ROUTES}
    assert {route: code for route, code in refused.items() if code != 403} == {}
