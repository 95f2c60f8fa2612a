"""Notices delivered by the real worker (``dukao db_worker --batch``) on every channel a person chose, against
the fake providers: retries after a refusal, each try recorded, quiet hours, daily digests, what an SMS carries."""

import json
from datetime import datetime, time
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from dukao.accounts.models import Role, User
from dukao.notices.models import ChannelPreference, Delivery, DeliveryStatus, NoticeKind
from dukao.notices.services import notice_send

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker commits; registry restored
SHANGHAI = ZoneInfo("Asia/Shanghai")
BODY = "区发改经信局 张填报：1. 地区生产总值（2019年6月）退回，理由：请附统计快报。"


@pytest.fixture
def person(settings):
    settings.DUKAO_NOTICE_RETRY_SECONDS = [0, 0]  # two retries, at once (the worker's batch runs them)
    return User.objects.create_user(
        username="zhang", password="Test-pass-2019", role=Role.REPORTER, email="zhang@example.gov.cn"
    )


def _channels(user, *, digest=False, quiet=(None, None), **addresses):
    for channel in ("email", "dingtalk", "sms"):
        ChannelPreference.objects.update_or_create(
            user=user,
            channel=channel,
            defaults={
                "enabled": channel == "email" or channel in addresses,
                "digest": digest,
                "quiet_from": quiet[0],
                "quiet_to": quiet[1],
                "address": addresses.get(channel, ""),
            },
        )


def _tell(user, title="【报告退回】1. 地区生产总值（2019年6月）"):
    return notice_send(recipients=[user], kind=NoticeKind.RETURNED, title=title, body=BODY, url="/my/")[0]


def _work():
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", stdout=StringIO())


def test_each_chosen_channel_is_tried_again_after_a_refusal_and_every_try_is_recorded(client, provider, person):
    _channels(person, dingtalk="zhang01", sms="13800000000")
    provider.refuse.update(dingtalk=1, sms=1)
    notice = _tell(person)
    _work()
    assert provider.errors == []
    deliveries = {d.channel: d for d in Delivery.objects.all()}
    assert {c: (d.status, d.attempts) for c, d in deliveries.items()} == {
        "email": (DeliveryStatus.SENT, 1),
        "dingtalk": (DeliveryStatus.SENT, 2),
        "sms": (DeliveryStatus.SENT, 2),
    }
    assert deliveries["sms"].response == "短信已受理，回执 900619746936498440^0"
    client.force_login(person)
    centre = client.get(reverse("notices:centre")).content.decode()
    assert "电子邮件：已发送" in centre and "短信：已发送（第 2 次）" in centre
    link = f"https://dukao.example.gov.cn/notices/{notice.pk}/"
    assert mail.outbox[0].to == ["zhang@example.gov.cn"] and link in mail.outbox[0].body
    assert provider.of("dingtalk")[1].body["msg"]["action_card"]["single_url"] == link
    # The SMS carries the kind, the count and the link; not the title, the text, a name or a unit.
    for sms in provider.of("sms"):
        params = json.loads(sms.query["TemplateParam"])
        assert params == {"kind": "报告退回", "count": "1", "link": link}
        assert not any(word in sms.query["TemplateParam"] for word in ("张填报", "区发改经信局", "地区生产总值"))


def test_a_delivery_refused_every_time_fails_after_its_retries(provider, person):
    _channels(person, dingtalk="zhang01")
    provider.refuse["dingtalk"] = 5
    _tell(person)
    _work()
    failed = Delivery.objects.get(channel="dingtalk")
    assert (failed.status, failed.attempts) == (DeliveryStatus.FAILED, 3)
    assert failed.response.startswith("钉钉接口") and len(provider.of("dingtalk")) == 3


def test_the_office_decides_what_an_sms_may_carry(provider, person, settings):
    settings.DUKAO_SMS_PARAMS = ["kind"]
    _channels(person, sms="13800000000")
    _tell(person)
    _work()
    assert json.loads(provider.of("sms")[0].query["TemplateParam"]) == {"kind": "报告退回"}


def test_a_notice_in_quiet_hours_waits_for_their_end(provider, person):
    _channels(person, dingtalk="zhang01", quiet=(time(22), time(7)))
    with time_machine.travel(datetime(2019, 6, 23, 23, 30, tzinfo=SHANGHAI), tick=False):
        _tell(person)
        _work()
    morning = datetime(2019, 6, 24, 7, tzinfo=SHANGHAI)
    assert [(d.channel, d.status, d.due_at) for d in Delivery.objects.order_by("channel")] == [
        ("dingtalk", DeliveryStatus.PENDING, morning),
        ("email", DeliveryStatus.PENDING, morning),
    ]
    assert provider.of("dingtalk") == [] and mail.outbox == []
    assert set(DBTaskResult.objects.filter(status="READY").values_list("run_after", flat=True)) == {morning}
    with time_machine.travel(datetime(2019, 6, 24, 7, 1, tzinfo=SHANGHAI), tick=False):
        _work()
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert len(provider.of("dingtalk")) == 1 and len(mail.outbox) == 1


def test_a_daily_digest_gathers_the_days_notices_into_one_message_once(provider, person):
    _channels(person, digest=True, dingtalk="zhang01")
    for seq in ("1", "4", "8"):
        _tell(person, title=f"【报告退回】{seq}. 任务")
    _work()
    assert Delivery.objects.count() == 0 and mail.outbox == []  # nothing goes out one by one
    out = StringIO()
    call_command("notices_send_digest", stdout=out)
    assert "已排队 2 份每日汇总" in out.getvalue()
    _work()
    assert [(d.channel, d.notices.count(), d.status) for d in Delivery.objects.order_by("channel")] == [
        ("dingtalk", 3, DeliveryStatus.SENT),
        ("email", 3, DeliveryStatus.SENT),
    ]
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "督考每日汇总：3 条新消息"
    assert "【报告退回】8. 任务" in mail.outbox[0].body
    assert "https://dukao.example.gov.cn/notices/" in mail.outbox[0].body
    call_command("notices_send_digest", stdout=out)
    assert "已排队 0 份每日汇总" in out.getvalue()


def test_an_inactive_person_is_told_nothing(provider, person):
    person.is_active = False
    person.save()
    assert notice_send(recipients=[person], kind=NoticeKind.CASE, title="t", body="b", url="/") == []
