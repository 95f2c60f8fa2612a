"""A draft bulletin's Word and PDF files are rendered by the task worker, not in the request: the request queues
a render and a page that polls; the real worker (``dukao db_worker --batch``) renders; only the person who asked
fetches the file. An issued bulletin's kept files are served at once."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from dukao.accounts.models import Role
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
