"""Sign-in with DingTalk / 浙政钉 against the fake DingTalk on loopback: the request shapes DingTalk documents,
the account bound in advance, the one-time state, and the same second factor as after a password."""

from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.urls import reverse

from dukao.accounts.models import User
from dukao.audit.models import Event, Outcome
from tests.accounts.helpers import current_code, enrol
from tests.notices import fake_providers as fake

pytestmark = pytest.mark.django_db
PLANS = reverse("plans:plan_list")
START, CALLBACK = reverse("accounts:dingtalk_start"), reverse("accounts:dingtalk_callback")


@pytest.fixture
def provider(settings):
    """The fake DingTalk on loopback serving the authorize page's host, the new API and the old one."""
    provider, server = fake.serve()
    settings.DUKAO_DINGTALK_SIGNIN = True
    settings.DUKAO_DINGTALK_LOGIN_URL = settings.DUKAO_DINGTALK_API_URL = provider.url
    settings.DUKAO_DINGTALK_BASE_URL = provider.url
    settings.DUKAO_DINGTALK_APP_KEY, settings.DUKAO_DINGTALK_APP_SECRET = fake.APP_KEY, fake.APP_SECRET
    settings.DUKAO_SITE_URL = "https://dukao.example.gov.cn"
    settings.DUKAO_REQUIRE_OTP = True
    yield provider
    server.shutdown()
    server.server_close()


@pytest.fixture
def bound(supervisor):
    supervisor.dingtalk_userid = "manager4310"
    supervisor.save()
    return supervisor


def authorize(client, next_url: str = PLANS) -> dict[str, str]:
    """Press “钉钉登录”: the query of DingTalk's authorize page the browser is sent to."""
    response = client.get(START, {"next": next_url})
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/oauth2/auth"
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def come_back(client, state: str, code: str = fake.AUTH_CODE):
    return client.get(CALLBACK, {"authCode": code, "state": state})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_button_shows_only_when_sign_in_with_dingtalk_is_configured(client, settings, provider):
    assert "钉钉登录" in client.get(reverse("login")).content.decode()
    settings.DUKAO_DINGTALK_SIGNIN = False
    assert "钉钉登录" not in client.get(reverse("login")).content.decode()
    response = client.get(START)
    assert response["Location"] == reverse("login") and not signed_in(client)


def test_the_authorize_page_gets_the_app_the_callback_and_a_fresh_state(client, provider):
    query = authorize(client)
    assert query["client_id"] == fake.APP_KEY and query["response_type"] == "code" and query["scope"] == "openid"
    assert query["redirect_uri"] == f"https://dukao.example.gov.cn{CALLBACK}"
    assert len(query["state"]) >= 40 and authorize(client)["state"] != query["state"]


def test_a_bound_account_signs_in_and_still_gives_its_second_factor(client, provider, bound):
    device = enrol(bound)
    response = come_back(client, authorize(client)["state"])
    assert response["Location"] == PLANS and signed_in(client)
    assert client.get(PLANS)["Location"].startswith(reverse("accounts:otp_verify"))
    client.post(reverse("accounts:otp_verify"), {"code": current_code(device), "next": PLANS})
    assert client.get(PLANS).status_code == 200
    actions = list(Event.objects.filter(actor=bound).values_list("action", flat=True))
    assert "auth.dingtalk" in actions and "auth.login" in actions


def test_the_requests_have_the_shapes_dingtalk_documents(client, provider, bound):
    come_back(client, authorize(client)["state"])
    assert provider.errors == []
    assert [r.kind for r in provider.received] == ["user_token", "users_me", "gettoken", "getbyunionid"]
    token, me, _gettoken, lookup = provider.received
    assert token.body == {
        "clientId": fake.APP_KEY,
        "clientSecret": fake.APP_SECRET,
        "code": fake.AUTH_CODE,
        "grantType": "authorization_code",
    }
    assert {k.lower(): v for k, v in me.headers.items()}["x-acs-dingtalk-access-token"] == fake.USER_TOKEN
    assert lookup.query == {"access_token": fake.TOKEN} and lookup.body == {"unionid": fake.UNION_ID}


def test_an_account_not_bound_is_told_in_chinese_and_audited(client, provider, bound):
    provider.people[fake.UNION_ID] = "stranger01"
    response = come_back(client, authorize(client)["state"])
    assert response["Location"] == reverse("login") and not signed_in(client)
    page = client.get(reverse("login")).content.decode()
    assert "您的钉钉账号（stranger01）尚未绑定本系统账号" in page
    event = Event.objects.get(action="auth.dingtalk_failed")
    assert event.outcome == Outcome.FAILURE and event.actor_name == "stranger01"


def test_a_state_not_this_sessions_is_refused_before_asking_dingtalk(client, provider, bound):
    authorize(client)
    response = come_back(client, "forged-state")
    assert response["Location"] == reverse("login") and not signed_in(client)
    assert provider.received == []
    assert "登录请求已失效或来源不明" in client.get(reverse("login")).content.decode()
    assert Event.objects.filter(action="auth.dingtalk_failed", outcome=Outcome.FAILURE).count() == 1


def test_a_state_serves_once(client, provider, bound):
    state = authorize(client)["state"]
    come_back(client, state)
    client.logout()
    assert come_back(client, state)["Location"] == reverse("login") and not signed_in(client)


def test_a_code_dingtalk_does_not_know_is_refused(client, provider, bound):
    response = come_back(client, authorize(client)["state"], code="made-up")
    assert response["Location"] == reverse("login") and not signed_in(client)
    assert "钉钉未能确认您的身份" in client.get(reverse("login")).content.decode()
    assert "invalidAuthCode" in Event.objects.get(action="auth.dingtalk_failed").summary


def test_a_locked_account_stays_locked(client, provider, bound, settings):
    AccessAttempt.objects.create(
        username=bound.username, ip_address="127.0.0.1", user_agent="", failures_since_start=settings.AXES_FAILURE_LIMIT
    )
    response = come_back(client, authorize(client)["state"])
    assert response.status_code == 429 and not signed_in(client)


def test_a_disabled_account_does_not_sign_in(client, provider, bound):
    bound.is_active = False
    bound.save()
    come_back(client, authorize(client)["state"])
    assert not signed_in(client)


def test_the_command_binds_unbinds_and_refuses_a_userid_bound_elsewhere(supervisor, lead_reporter):
    call_command("dingtalk_bind", "supervisor", "manager4310")
    assert User.objects.get(username="supervisor").dingtalk_userid == "manager4310"
    with pytest.raises(CommandError, match="已绑定其他账号"):
        call_command("dingtalk_bind", "fgj", "manager4310")
    call_command("dingtalk_bind", "supervisor", "--unbind")
    assert User.objects.get(username="supervisor").dingtalk_userid is None
    binds = Event.objects.filter(action="account.dingtalk_bind", object_id=str(supervisor.pk))
    assert binds.count() == 2
