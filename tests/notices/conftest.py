import pytest

from tests.notices import fake_providers as fake


@pytest.fixture
def provider(settings):
    """The fake providers on loopback, with the settings pointing at them (stopped after the test)."""
    provider, server = fake.serve()
    settings.DUKAO_DINGTALK_BASE_URL = provider.url
    settings.DUKAO_DINGTALK_APP_KEY, settings.DUKAO_DINGTALK_APP_SECRET = fake.APP_KEY, fake.APP_SECRET
    settings.DUKAO_DINGTALK_AGENT_ID = fake.AGENT_ID
    settings.DUKAO_SMS_ENDPOINT, settings.DUKAO_SMS_PROTOCOL = f"127.0.0.1:{provider.port}", "http"
    settings.DUKAO_SMS_ACCESS_KEY_ID, settings.DUKAO_SMS_ACCESS_KEY_SECRET = fake.ACCESS_KEY_ID, fake.ACCESS_KEY_SECRET
    settings.DUKAO_SMS_SIGN_NAME, settings.DUKAO_SMS_TEMPLATE_CODE = "上城督考", "SMS_190000001"
    settings.DUKAO_SITE_URL = "https://dukao.example.gov.cn"
    yield provider
    server.shutdown()
    server.server_close()
