"""区政府办公室 publishes an issued bulletin on the public portal from the bulletin page, after a confirmation, and
can take it off again; others cannot."""

from datetime import date

from django.urls import reverse

from dukao.audit.models import Event
from dukao.supervision import services
from dukao.supervision.models import Bulletin


def issued(user) -> Bulletin:
    draft = services.bulletin_draft(period=date(2019, 6, 1), user=user, today=date(2019, 7, 5))
    return services.bulletin_issue(bulletin=draft, user=user, issued_on=date(2019, 7, 5))


def test_publishing_from_the_page_is_confirmed_first_and_audited(client, seed, supervisor):
    bulletin = issued(supervisor)
    client.force_login(supervisor)
    page = client.get(reverse("supervision:bulletin_detail", args=[bulletin.pk])).content.decode()
    assert "未在公开页面发布。" in page and "在公开页面发布</button>" in page
    url = reverse("supervision:bulletin_publish", args=[bulletin.pk])
    asked = client.post(url, {"action": "publish"}).content.decode()
    assert "确认公开发布？" in asked and Bulletin.objects.get(pk=bulletin.pk).published_at is None
    client.post(url, {"action": "publish", "confirmed": "yes"})
    page = client.get(reverse("supervision:bulletin_detail", args=[bulletin.pk])).content.decode()
    assert "在公开页面发布。" in page and "从公开页面撤回</button>" in page
    assert client.get(reverse("portal:bulletin", args=[bulletin.pk])).status_code == 200
    assert "确认撤回？" in client.post(url, {"action": "unpublish"}).content.decode()
    client.post(url, {"action": "unpublish", "confirmed": "yes"})
    assert client.get(reverse("portal:bulletin", args=[bulletin.pk])).status_code == 404
    events = Event.objects.filter(object_id=str(bulletin.pk), action__in=["bulletin.publish", "bulletin.unpublish"])
    assert list(events.order_by("pk").values_list("action", flat=True)) == ["bulletin.publish", "bulletin.unpublish"]


def test_a_unit_cannot_publish(client, seed, supervisor, lead_head):
    bulletin = issued(supervisor)
    client.force_login(lead_head)
    response = client.post(
        reverse("supervision:bulletin_publish", args=[bulletin.pk]), {"action": "publish", "confirmed": "yes"}
    )
    assert response.status_code == 403 and Bulletin.objects.get(pk=bulletin.pk).published_at is None
    page = client.get(reverse("supervision:bulletin_detail", args=[bulletin.pk])).content.decode()
    assert "在公开页面发布</button>" not in page
