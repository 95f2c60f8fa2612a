"""Sessions: idle and absolute limits, a new id at sign-in, logout deletes the session, drafts survive a
timeout (GB/T 22239-2019 8.1.4.1 b; ASVS V3.2.1, V3.3.1, V3.3.2)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.accounts.helpers import login
from tests.progress.factories import draft

pytestmark = pytest.mark.django_db
PLANS = reverse("plans:plan_list")
AT = "2026-03-02 09:00 +0800"


def signed_out(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_thirty_idle_minutes_end_a_session(client, supervisor):
    with time_machine.travel(AT, tick=False) as clock:
        login(client, "supervisor")
        clock.shift(timedelta(minutes=29))
        assert client.get(PLANS).status_code == 200  # a request starts the idle clock again
        clock.shift(timedelta(minutes=29))
        assert client.get(PLANS).status_code == 200
        clock.shift(timedelta(minutes=31))
        assert signed_out(client.get(PLANS))


def test_administrators_are_signed_out_after_fifteen_idle_minutes(client, administrator, supervisor):
    with time_machine.travel(AT, tick=False) as clock:
        login(client, "admin")
        clock.shift(timedelta(minutes=16))
        assert signed_out(client.get(PLANS))
        login(client, "supervisor")
        clock.shift(timedelta(minutes=16))
        assert client.get(PLANS).status_code == 200


def test_twelve_hours_end_a_session_however_busy(client, supervisor):
    with time_machine.travel(AT, tick=False) as clock:
        login(client, "supervisor")
        for _ in range(12 * 3):
            clock.shift(timedelta(minutes=20))
            assert client.get(PLANS).status_code == 200
        clock.shift(timedelta(minutes=1))
        response = client.get(PLANS)
        assert signed_out(response)
        assert "已自动退出" in client.get(response["Location"]).content.decode()


def test_an_htmx_request_after_the_timeout_sends_the_whole_page_to_sign_in(client, supervisor):
    with time_machine.travel(AT, tick=False) as clock:
        login(client, "supervisor")
        clock.shift(timedelta(hours=1))
        response = client.get(PLANS, headers={"HX-Request": "true"})  # e.g. a draft's autosave
        assert response["HX-Redirect"].startswith(reverse("login"))


def test_signing_in_gives_a_new_session_id(client, supervisor):
    client.get(PLANS)
    session = client.session
    session["before"] = "anonymous"
    session.save()
    before = session.session_key
    login(client, "supervisor")
    after = client.cookies["sessionid"].value
    assert after != before and not Session.objects.filter(session_key=before).exists()


def test_logout_deletes_the_session(client, supervisor):
    login(client, "supervisor")
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert signed_out(client.get(PLANS))


def test_a_draft_saved_before_the_timeout_is_there_after_signing_in_again(client, work_report, lead_reporter):
    task = work_report.tasks.get(seq="1")
    url = reverse("progress:report_page", args=[task.pk, "2019-06"])
    with time_machine.travel(AT, tick=False) as clock:
        login(client, "fgj")
        assert client.get(url).status_code == 200
        draft(task, lead_reporter, narrative="六月进展：超时前已自动保存。")
        clock.shift(timedelta(minutes=45))
        assert signed_out(client.get(url))
        assert login(client, "fgj").status_code == 302
        assert "六月进展：超时前已自动保存。" in client.get(url).content.decode()


def test_a_session_ended_by_its_time_limit_is_audited_as_such(client, supervisor):
    from dukao.audit.models import Event

    with time_machine.travel(AT, tick=False) as clock:
        login(client, "supervisor")
        clock.shift(timedelta(minutes=31))
        assert signed_out(client.get(PLANS))
    actions = list(Event.objects.filter(actor=supervisor).order_by("chain_seq").values_list("action", "summary"))
    assert actions[-1] == ("auth.session_expired", "会话超时，自动退出")
    assert ("auth.logout", "退出登录") not in actions
    login(client, "supervisor")
    client.post(reverse("logout"))
    assert Event.objects.filter(actor=supervisor).order_by("chain_seq").last().action == "auth.logout"
