"""The notice centre, the link every notice carries, and the channel settings, as a person uses them."""

import pytest
from django.urls import reverse

from dukao.accounts.models import Role
from dukao.notices.models import ChannelPreference, NoticeKind
from dukao.notices.services import notice_send
from tests.conftest import make_user


@pytest.fixture
def people(db):
    return make_user("zhang", Role.REPORTER, "区发改经信局"), make_user("li", Role.REPORTER, "区教育局")


def _tell(user, url="/my/#due"):
    return notice_send(recipients=[user], kind=NoticeKind.REMINDER, title="【督考提醒】请报送", body="正文", url=url)[0]


def test_the_navigation_counts_unread_notices_and_the_centre_lists_them(client, people):
    zhang, _li = people
    _tell(zhang)
    _tell(zhang)
    client.force_login(zhang)
    page = client.get(reverse("desk:home")).content.decode()
    assert 'href="/notices/" class="notices">消息 <span class="badge" data-unread>2</span>' in page
    centre = client.get(reverse("notices:centre")).content.decode()
    assert centre.count("【督考提醒】请报送") == 2 and "2 条未读" in centre


def test_the_link_in_a_notice_opens_its_page_after_sign_in_and_marks_it_read(client, people, settings):
    settings.DUKAO_REQUIRE_OTP = False  # the one-time code step keeps ``next`` too (accounts.middleware)
    zhang, _li = people
    notice = _tell(zhang)
    link = reverse("notices:open", args=[notice.pk])
    answer = client.get(link)
    assert answer.status_code == 302 and answer.url == f"{reverse('login')}?next={link}"
    signed_in = client.post(answer.url, {"username": "zhang", "password": "Test-pass-2019", "next": link})
    assert signed_in.url == link
    assert client.get(link).url == "/my/#due"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_a_notice_pointing_off_site_opens_the_centre(client, people):
    zhang, _li = people
    notice = _tell(zhang, url="https://elsewhere.example.com/")
    client.force_login(zhang)
    assert client.get(reverse("notices:open", args=[notice.pk])).url == reverse("notices:centre")


def test_nobody_opens_or_marks_another_persons_notice(client, people):
    zhang, li = people
    notice = _tell(zhang)
    client.force_login(li)
    assert client.get(reverse("notices:open", args=[notice.pk])).status_code == 404
    assert client.post(reverse("notices:read", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_marking_one_and_all_read(client, people):
    zhang, _li = people
    first, _second, _third = _tell(zhang), _tell(zhang), _tell(zhang)
    client.force_login(zhang)
    client.post(reverse("notices:read", args=[first.pk]))
    assert zhang.notices.filter(read_at__isnull=True).count() == 2
    answer = client.post(reverse("notices:read_all"), follow=True)
    assert "已将 2 条消息标为已读。" in answer.content.decode()
    assert not zhang.notices.filter(read_at__isnull=True).exists()


def _form(**changes):
    form = {"email-enabled": "on", "dingtalk-address": "", "sms-address": ""}
    form.update(changes)
    return form


def test_a_person_sets_channels_digest_and_quiet_hours(client, people):
    zhang, _li = people
    client.force_login(zhang)
    url = reverse("notices:preferences")
    form = _form(**{"email-enabled": "", "sms-enabled": "on", "sms-address": "13800000000", "sms-digest": "on"})
    form.update({"sms-quiet_from": "22:00", "sms-quiet_to": "07:00"})
    assert client.post(url, form).status_code == 302
    sms = ChannelPreference.objects.get(user=zhang, channel="sms")
    assert (sms.enabled, sms.digest, str(sms.quiet_from), sms.address) == (True, True, "22:00:00", "13800000000")
    assert not ChannelPreference.objects.get(user=zhang, channel="email").enabled
    page = client.get(url).content.decode()
    assert 'value="13800000000"' in page and 'value="22:00"' in page


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"sms-enabled": "on"}, "短信：启用该渠道须填写接收地址。"),
        ({"dingtalk-quiet_from": "22:00"}, "免打扰时段须同时填写开始和结束时间。"),
    ],
)
def test_a_setting_that_cannot_work_is_refused_with_its_reason(client, people, changes, error):
    zhang, _li = people
    client.force_login(zhang)
    answer = client.post(reverse("notices:preferences"), _form(**{"email-enabled": "", **changes}))
    assert answer.status_code == 200 and error in answer.content.decode()
    assert not ChannelPreference.objects.filter(user=zhang).exists()  # all or nothing


def test_email_needs_an_address_on_the_account(client, people):
    zhang, _li = people
    client.force_login(zhang)
    answer = client.post(reverse("notices:preferences"), _form())
    assert "电子邮件：账号未登记电子邮箱，不能启用邮件通知。" in answer.content.decode()


def test_the_pages_in_english(client, people):
    zhang, _li = people
    _tell(zhang)
    client.force_login(zhang)
    centre = client.get(reverse("notices:centre"), headers={"accept-language": "en"}).content.decode()
    settings_page = client.get(reverse("notices:preferences"), headers={"accept-language": "en"}).content.decode()
    assert "Notice centre" in centre and "Mark all as read" in centre and "1 unread" in centre
    assert "Daily digest" in settings_page and "Quiet hours" in settings_page and "SMS" in settings_page
