"""Importing documents shaped like real notices of other districts (docs/import.md): the title and year asked for where
the document gives none, the co-responsible role kept and shown, the web preview and the command giving the same
plan, and a refused import writing nothing."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from dukao.plans.models import Plan, Task, TaskUnit, UnitRole
from dukao.plans.services import plan_import_file

# No title line and no year anywhere: the import must ask for them (label blocks, 牵头 + 责任单位 + 配合单位).
UNTITLED = """\
一、甲某市长牵头重点工作
1. 推进数字经济发展。数字经济核心产业增加值增长15%。
牵头单位：区发改局
责任单位：区科技局、区统计局
配合单位：各街道办事处等
"""


@pytest.fixture
def untitled(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text(UNTITLED, encoding="utf-8")
    return path


def test_a_document_without_title_or_year_is_refused_naming_both_and_writes_nothing(db, untitled):
    with pytest.raises(CommandError) as failure:
        call_command("import_plan", str(untitled))
    message = str(failure.value)
    assert "文件“通知.txt”第2行“标题”列" in message and "文件“通知.txt”第2行“年度”列" in message
    assert (Plan.objects.count(), Task.objects.count()) == (0, 0)


def test_title_and_year_given_on_the_command_line_are_used_never_the_file_name(db, untitled):
    call_command("import_plan", str(untitled), "--title", "2024年重点工作责任分解", "--year", "2024")
    plan = Plan.objects.get()
    assert (plan.title, plan.year) == ("2024年重点工作责任分解", 2024)
    task = Task.objects.get(plan=plan)
    roles = [(link.role, link.name) for link in TaskUnit.objects.filter(task=task).order_by("role", "position")]
    assert (UnitRole.LEAD, "区发改局") in roles
    assert [name for role, name in roles if role == UnitRole.RESPONSIBLE] == ["区科技局", "区统计局"]
    assert task.leaders == ["甲某"]


def test_task_page_shows_the_co_responsible_units(client, supervisor, untitled):
    plan_import_file(path=untitled, title="2024年重点工作责任分解", year=2024)
    client.force_login(supervisor)
    html = client.get(reverse("plans:task_detail", args=[Task.objects.get().pk])).content.decode()
    assert "责任单位" in html and "区科技局" in html and "区统计局" in html


def test_web_preview_and_the_command_give_the_same_plan(client, administrator, untitled):
    client.force_login(administrator)
    fields = {"lead_rule": "first_listed", "title": "2024年重点工作责任分解", "year": "2024"}
    with open(untitled, "rb") as f:
        response = client.post(reverse("plans:plan_import"), {"file": f, **fields})
    web = response.context["report"].previews
    command = plan_import_file(path=untitled, dry_run=True, title=fields["title"], year=2024).previews
    assert web == command and list(web) == ["2024年重点工作责任分解"]
    assert Plan.objects.count() == 0
    client.post(reverse("plans:plan_import_confirm"), {"token": response.context["token"], **fields})
    assert Plan.objects.get().title == "2024年重点工作责任分解"
