"""Each channel against the fake providers on loopback: the request shapes the providers document."""

import json

import pytest

from dukao.notices.channels import SENDERS, DeliveryError, Message

MESSAGE = Message(
    subject="【报告退回】1. 地区生产总值（2019年6月）",
    text="区统计局退回理由：请附统计快报。",
    link="https://dukao.example.gov.cn/notices/7/",
    sms_params={"kind": "报告退回", "count": "1", "link": "https://dukao.example.gov.cn/notices/7/"},
)


def test_a_dingtalk_work_notification_takes_a_token_then_sends_an_action_card(provider):
    assert SENDERS["dingtalk"]("manager4310", MESSAGE) == "钉钉已受理，任务 256271667526"
    SENDERS["dingtalk"]("manager4310", MESSAGE)
    assert provider.errors == []
    assert len(provider.of("gettoken")) == 1  # the token is kept until shortly before it expires
    sent = provider.of("dingtalk")[0].body
    assert sent["userid_list"] == "manager4310" and sent["agent_id"] == 2019
    assert sent["msg"]["action_card"]["single_url"] == MESSAGE.link
    assert sent["msg"]["action_card"]["markdown"] == MESSAGE.text


def test_a_dingtalk_error_is_a_delivery_error(provider):
    provider.refuse["dingtalk"] = 1
    with pytest.raises(DeliveryError, match="钉钉接口"):
        SENDERS["dingtalk"]("manager4310", MESSAGE)


def test_an_sms_is_a_signed_sendsms_with_the_template_parameters_only(provider):
    assert SENDERS["sms"]("13800000000", MESSAGE) == "短信已受理，回执 900619746936498440^0"
    assert provider.errors == []  # shape and ACS3-HMAC-SHA256 signature verified by the fake
    query = provider.of("sms")[0].query
    assert query["PhoneNumbers"] == "13800000000" and query["SignName"] == "上城督考"
    assert query["TemplateCode"] == "SMS_190000001"
    assert json.loads(query["TemplateParam"]) == MESSAGE.sms_params


def test_an_sms_refused_by_the_provider_is_a_delivery_error(provider):
    provider.refuse["sms"] = 1
    with pytest.raises(DeliveryError, match="isv.BUSINESS_LIMIT_CONTROL"):
        SENDERS["sms"]("13800000000", MESSAGE)


def test_an_unreachable_provider_is_a_delivery_error(provider, settings):
    settings.DUKAO_DINGTALK_BASE_URL = "http://127.0.0.1:9"
    settings.DUKAO_SMS_ENDPOINT = "127.0.0.1:9"
    for channel, address in (("dingtalk", "manager4310"), ("sms", "13800000000")):
        with pytest.raises(DeliveryError):
            SENDERS[channel](address, MESSAGE)


def test_the_fake_refuses_a_request_signed_with_another_secret(provider, settings):
    settings.DUKAO_SMS_ACCESS_KEY_SECRET = "not-the-secret"
    SENDERS["sms"]("13800000000", MESSAGE)
    assert provider.errors == ["ACS3 signature does not verify"]
