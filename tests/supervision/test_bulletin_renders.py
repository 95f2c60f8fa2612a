"""A draft bulletin's Word and PDF files are rendered by the task worker, not in the request: the request queues
a render and a page that polls; the real worker (``dukao db_worker --batch``) renders; only the person who asked
fetches the file. An issued bulletin's kept files are served at once."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dukao.accounts.models import Role
from dukao.audit.models import Event
from dukao.supervision import services
from dukao.supervision.models import BulletinRender, RenderState
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker commits; registry restored


@pytest.fixture
def draft(seed, supervisor):
    return services.bulletin_draft(period=date(2019, 6, 1), user=supervisor, today=date(2019, 7, 5))


def ask(client, bulletin, fmt: str):
    return client.get(reverse("supervision:bulletin_file", args=[bulletin.pk, fmt]))


def run_worker() -> None:
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", stdout=StringIO())


def test_asking_for_a_drafts_pdf_queues_a_render_and_a_page_that_polls(client, supervisor, draft):
    client.force_login(supervisor)
    response = ask(client, draft, "pdf")
    render = BulletinRender.objects.get()
    assert response["Location"] == reverse("supervision:bulletin_render", args=[render.pk])
    assert render.state == RenderState.QUEUED and render.requested_by == supervisor
    task = DBTaskResult.objects.get()
    assert task.task_path == "dukao.supervision.tasks.bulletin_render_task" and task.args_kwargs["args"] == [render.pk]
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page and "正在后台生成文件" in page


def test_the_worker_renders_the_file_and_the_page_offers_it(client, supervisor, draft):
    client.force_login(supervisor)
    page_url = ask(client, draft, "pdf")["Location"]
    run_worker()
    render = BulletinRender.objects.get()
    assert render.state == RenderState.DONE and bytes(render.content).startswith(b"%PDF")
    state = client.get(page_url, headers={"HX-Request": "true"}).content.decode()
    file_url = reverse("supervision:bulletin_render_file", args=[render.pk])
    assert file_url in state and "hx-trigger" not in state  # no more polling
    download = client.get(file_url)
    assert download["Content-Type"] == "application/pdf" and download.content == bytes(render.content)
    assert download["Content-Disposition"] == 'attachment; filename="bulletin-2019-06.pdf"'


def test_another_user_cannot_fetch_it(client, supervisor, draft):
    client.force_login(supervisor)
    ask(client, draft, "docx")
    run_worker()
    render = BulletinRender.objects.get()
    client.force_login(make_user("supervisor2", Role.SUPERVISOR, "区政府办公室"))
    assert client.get(reverse("supervision:bulletin_render", args=[render.pk])).status_code == 404
    assert client.get(reverse("supervision:bulletin_render_file", args=[render.pk])).status_code == 404


def test_asking_again_while_waiting_queues_no_more_work_and_a_new_request_replaces_the_old_file(
    client, supervisor, draft
):
    client.force_login(supervisor)
    first = ask(client, draft, "docx")["Location"]
    assert ask(client, draft, "docx")["Location"] == first and DBTaskResult.objects.count() == 1
    run_worker()
    ask(client, draft, "docx")
    assert BulletinRender.objects.get().state == RenderState.QUEUED  # the finished one was replaced


def test_a_failed_render_says_why_instead_of_waiting_forever(client, supervisor, draft, monkeypatch):
    def broken(bulletin, fmt):
        raise RuntimeError("找不到宋体")

    monkeypatch.setattr(services, "bulletin_render", broken)
    client.force_login(supervisor)
    page_url = ask(client, draft, "pdf")["Location"]
    run_worker()
    assert BulletinRender.objects.get().state == RenderState.FAILED
    assert "文件生成失败：找不到宋体" in client.get(page_url).content.decode()


def test_an_issued_bulletins_kept_file_is_served_at_once(client, supervisor, draft):
    issued = services.bulletin_issue(bulletin=draft, user=supervisor, issued_on=date(2019, 7, 5))
    client.force_login(supervisor)
    response = ask(client, issued, "pdf")
    assert response.content == bytes(issued.pdf_file) and not BulletinRender.objects.exists()


def stale(render: BulletinRender) -> None:
    """Back-date ``render`` past ``DUKAO_RENDER_EXPIRY_MINUTES``: no worker took it in time."""
    late = timezone.now() - timedelta(minutes=settings.DUKAO_RENDER_EXPIRY_MINUTES + 1)
    BulletinRender.objects.filter(pk=render.pk).update(requested_at=late)


def test_a_render_no_worker_ran_in_time_says_timeout_and_is_queued_again_audited(client, supervisor, draft):
    client.force_login(supervisor)
    page_url = ask(client, draft, "pdf")["Location"]
    render = BulletinRender.objects.get()
    stale(render)
    page = client.get(page_url).content.decode()
    requeue = reverse("supervision:bulletin_render_requeue", args=[render.pk])
    assert "超时" in page and "重新生成" in page and requeue in page and "hx-trigger" not in page
    assert client.post(requeue)["Location"] == page_url
    assert DBTaskResult.objects.count() == 2 and not BulletinRender.objects.get().stale
    event = Event.objects.get(action="render.requeue")
    assert event.actor == supervisor and event.after == {"render": render.pk, "fmt": "pdf"}
    run_worker()
    assert BulletinRender.objects.get().state == RenderState.DONE


def test_a_render_within_its_time_is_not_queued_again(client, supervisor, draft):
    client.force_login(supervisor)
    page_url = ask(client, draft, "docx")["Location"]
    render = BulletinRender.objects.get()
    page = client.post(reverse("supervision:bulletin_render_requeue", args=[render.pk]), follow=True)
    assert "该文件未超时，无需重新生成。" in page.content.decode() and page.redirect_chain[-1][0] == page_url
    assert DBTaskResult.objects.count() == 1 and not Event.objects.filter(action="render.requeue").exists()


def test_only_the_person_who_asked_queues_it_again(client, supervisor, draft):
    client.force_login(supervisor)
    ask(client, draft, "pdf")
    render = BulletinRender.objects.get()
    stale(render)
    client.force_login(make_user("supervisor2", Role.SUPERVISOR, "区政府办公室"))
    assert client.post(reverse("supervision:bulletin_render_requeue", args=[render.pk])).status_code == 404
    assert DBTaskResult.objects.count() == 1


def test_the_command_queues_the_stale_renders_again_and_leaves_the_others(client, supervisor, draft):
    client.force_login(supervisor)
    ask(client, draft, "pdf")
    ask(client, draft, "docx")
    late, waiting = BulletinRender.objects.order_by("fmt")  # docx, pdf
    stale(late)
    out = StringIO()
    call_command("render_requeue", stdout=out)
    assert "共重新排队 1 个文件。" in out.getvalue() and f"（{late.fmt.upper()}）" in out.getvalue()
    assert Event.objects.get(action="render.requeue").actor is None
    assert DBTaskResult.objects.count() == 3
    run_worker()
    assert set(BulletinRender.objects.values_list("state", flat=True)) == {RenderState.DONE}
