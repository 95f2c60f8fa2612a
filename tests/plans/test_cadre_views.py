"""The cadre pages: who may read them, filters, a cadre's tasks, links from units and tasks, import, export."""

import pytest
from django.urls import reverse

from dukao.plans.cadres import cadres_import, task_cadres_assign
from dukao.units.models import Cadre, Unit
from tests.paths import FIXTURES

REGISTER = FIXTURES / "registers" / "cadres.csv"


@pytest.fixture
def cadres(seed):
    cadres_import(content=REGISTER.read_bytes(), file_name=REGISTER.name)
    return {c.name: c for c in Cadre.objects.all()}


def test_roles_that_read_every_task_read_the_cadres(client, cadres, supervisor, inspector, lead_reporter, auditor):
    url = reverse("plans:cadre_list")
    assert client.get(url).status_code == 302  # signed out: to the login page
    for user, status in ((supervisor, 200), (inspector, 200), (lead_reporter, 403), (auditor, 403)):
        client.force_login(user)
        assert client.get(url).status_code == status, user
        assert client.get(reverse("plans:cadre_detail", args=[cadres["张建国"].pk])).status_code == status
        assert ("领导干部</a>" in client.get(reverse("plans:plan_list")).content.decode()) == (status == 200)


def test_list_filters_by_unit_role_and_name(client, cadres, supervisor):
    client.force_login(supervisor)
    url = reverse("plans:cadre_list")
    fgj = Unit.objects.get(name="区发改经信局")
    assert [c.name for c in client.get(url, {"unit": fgj.pk}).context["cadres"]] == ["陈立新", "张建国"]
    assert {c.name for c in client.get(url, {"role": "in_charge"}).context["cadres"]} == {"陈立新", "赵志刚"}
    assert [c.name for c in client.get(url, {"text": "建国"}).context["cadres"]] == ["张建国"]


def test_cadre_page_lists_post_units_and_tasks(client, cadres, supervisor, work_report):
    client.force_login(supervisor)
    html = client.get(reverse("plans:cadre_detail", args=[cadres["陈立新"].pk])).content.decode()
    assert "常务副区长" in html and "区市场监管局" in html and "地区生产总值" in html


def test_unit_and_task_pages_link_the_cadres(client, cadres, supervisor, lead_reporter, work_report):
    task = work_report.tasks.get(seq="1")
    task_cadres_assign(task=task, cadres=[cadres["陈立新"]])
    link = reverse("plans:cadre_detail", args=[cadres["陈立新"].pk])
    unit = Unit.objects.get(name="区发改经信局")
    client.force_login(supervisor)
    for url in (reverse("plans:unit_detail", args=[unit.pk]), reverse("plans:task_detail", args=[task.pk])):
        assert link in client.get(url).content.decode()
    client.force_login(lead_reporter)  # sees the name, without the register's link
    html = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    assert "陈立新" in html and link not in html


def test_administrator_previews_then_confirms_a_register(client, administrator, seed):
    client.force_login(administrator)
    with open(REGISTER, "rb") as f:
        response = client.post(reverse("plans:cadre_import"), {"file": f})
    assert "预检报告" in response.content.decode() and "新增 4 人" in response.content.decode()
    assert not Cadre.objects.exists()
    response = client.post(reverse("plans:cadre_import_confirm"), {"token": response.context["token"]})
    assert "导入报告" in response.content.decode() and Cadre.objects.count() == 4


def test_web_import_of_a_bad_register_names_row_and_column(client, administrator, tmp_path, seed):
    client.force_login(administrator)
    path = tmp_path / "坏名册.csv"
    path.write_text("姓名,职务,单位,角色\n王强,局长,区财政局,负责人\n", encoding="utf-8")
    with open(path, "rb") as f:
        html = client.post(reverse("plans:cadre_import"), {"file": f}).content.decode()
    assert "文件“坏名册.csv”第2行“角色”列" in html and not Cadre.objects.exists()


def test_import_is_for_those_who_keep_the_register_and_export_for_readers(
    client, cadres, supervisor, inspector, security_admin
):
    """The web import follows the service's rule (区政府办公室 and the system administrator keep the register);
    the security administrator, whose work is roles, may not import."""
    client.force_login(supervisor)
    assert client.get(reverse("plans:cadre_import")).status_code == 200
    client.force_login(security_admin)
    assert client.get(reverse("plans:cadre_import")).status_code == 403
    client.force_login(inspector)
    assert client.get(reverse("plans:cadre_import")).status_code == 403
    response = client.get(reverse("plans:cadre_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
