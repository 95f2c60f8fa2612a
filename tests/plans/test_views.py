"""The web pages of plans, tasks and units, as a signed-in user sees them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dukao.plans.models import Plan, Task
from dukao.units.models import Unit
from tests.paths import SEED


@pytest.fixture
def browser(client, supervisor):
    client.force_login(supervisor)
    return client


def test_pages_require_login(client, work_report):
    response = client.get(reverse("plans:plan_detail", args=[work_report.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_login_page_is_chinese(client, db):
    response = client.get(reverse("login"))
    assert "登录" in response.content.decode()


def test_plan_list_shows_both_plans_with_task_counts(browser, work_report, livelihood):
    html = browser.get(reverse("plans:plan_list")).content.decode()
    assert work_report.title in html and livelihood.title in html
    assert ">148<" in html and ">15<" in html


def test_plan_page_shows_type_counts_and_every_task(browser, work_report):
    html = browser.get(reverse("plans:plan_detail", args=[work_report.pk])).content.decode()
    assert "<strong>131</strong> A类 责任目标" in html
    assert "<strong>2</strong> C类 争先创优目标" in html
    assert html.count('href="/tasks/') == 148


def rows(response) -> int:
    return response.content.decode().count('href="/tasks/')


def test_filter_by_lead_unit(browser, work_report):
    unit = Unit.objects.get(name="区教育局")
    response = browser.get(reverse("plans:plan_detail", args=[work_report.pk]), {"lead": unit.pk})
    expected = Task.objects.filter(plan=work_report, unit_links__role="lead", unit_links__unit=unit).count()
    assert rows(response) == expected == 10


def test_filter_by_cooperating_unit_includes_its_groups(browser, work_report):
    street = Unit.objects.get(name="湖滨街道办事处")
    response = browser.get(reverse("plans:plan_detail", args=[work_report.pk]), {"cooperating": street.pk})
    html = response.content.decode()
    assert "地区生产总值" in html  # row 1 names 各街道办事处
    assert "实施“俊鸟”工程" in html  # row 33 names 湖滨街道办事处 itself


def test_filter_by_type_and_text(browser, work_report):
    url = reverse("plans:plan_detail", args=[work_report.pk])
    assert rows(browser.get(url, {"target_type": "C"})) == 2
    assert rows(browser.get(url, {"text": "厕所"})) == 3  # rows 93, 101, 102
    assert rows(browser.get(url, {"target_type": "B", "text": "数字"})) == 1


def test_htmx_filter_returns_only_the_table(browser, work_report):
    url = reverse("plans:plan_detail", args=[work_report.pk])
    response = browser.get(url, {"target_type": "C"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and rows(response) == 2


def test_task_list_queries_do_not_grow_with_the_number_of_tasks(browser, work_report, livelihood):
    def count(plan: Plan) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 200
        return len(queries)

    assert count(work_report) == count(livelihood)


def test_task_page_shows_units_groups_and_siblings(browser, work_report):
    row = work_report.tasks.get(seq="80")
    html = browser.get(reverse("plans:task_detail", args=[row.pk])).content.decode()
    assert "完成施家山等2个项目清零" in html
    assert "南星街道办事处" in html and "玉皇山南基金小镇管委会" in html
    assert "同名任务" in html and "完成安置765套" in html and "完成莫南一期等9个项目清零" in html


def test_task_page_expands_a_group_and_shows_the_written_variant(browser, work_report):
    html = browser.get(reverse("plans:task_detail", args=[work_report.tasks.get(seq="103").pk])).content.decode()
    assert "原文作" in html and "区市场监督局" in html
    html = browser.get(reverse("plans:task_detail", args=[work_report.tasks.get(seq="1").pk])).content.decode()
    assert "<summary>各街道办事处</summary>" in html and "紫阳街道办事处" in html


def test_unit_page_lists_led_and_cooperated_tasks(browser, seed):
    unit = Unit.objects.get(name="紫阳街道办事处")
    html = browser.get(reverse("plans:unit_detail", args=[unit.pk])).content.decode()
    assert "牵头的任务（1）" in html  # annex 1 row 81
    assert "完成安置765套" in html
    assert "地区生产总值" in html  # cooperating through 各街道办事处


def test_export_downloads(browser, work_report):
    response = browser.get(reverse("plans:plan_export", args=[work_report.pk, "xlsx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    response = browser.get(reverse("plans:plan_export", args=[work_report.pk, "json"]))
    assert response.json()["plans"][0]["title"] == work_report.title
    assert browser.get(reverse("plans:plan_export", args=[work_report.pk, "pdf"])).status_code == 404


def test_administrator_previews_then_confirms_an_import(client, administrator):
    client.force_login(administrator)
    with open(SEED, "rb") as f:
        response = client.post(reverse("plans:plan_import"), {"file": f, "lead_rule": "first_listed"})
    html = response.content.decode()
    assert "预检报告" in html and "共 148 项任务" in html and "确认导入" in html
    assert "区市场监督局" in html  # the preview shows names as written
    assert Plan.objects.count() == 0
    token = response.context["token"]
    response = client.post(reverse("plans:plan_import_confirm"), {"token": token, "lead_rule": "first_listed"})
    assert "导入报告" in response.content.decode() and Plan.objects.count() == 2
    again = client.post(reverse("plans:plan_import_confirm"), {"token": token, "lead_rule": "first_listed"})
    assert again.status_code == 302  # a token is used once


def test_a_token_from_another_session_is_refused(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("plans:plan_import_confirm"), {"token": "forged-token", "lead_rule": "first_listed"})
    assert response.status_code == 302 and Plan.objects.count() == 0


def test_web_import_shows_file_row_and_column_of_an_error(client, administrator, tmp_path):
    client.force_login(administrator)
    path = tmp_path / "坏表.txt"
    path.write_text("序号 | 任务名称 | 指标要求 | 配合部门 |\n1 | 测试 | 完成 | 区财政局 |\n", encoding="utf-8")
    with open(path, "rb") as f:
        html = client.post(reverse("plans:plan_import"), {"file": f, "lead_rule": "first_listed"}).content.decode()
    assert "导入失败，数据库未作任何修改" in html and "文件“坏表.txt”第1行“牵头部门”列" in html
    assert Plan.objects.count() == 0


def test_every_asset_is_served_from_the_project(browser, work_report):
    html = browser.get(reverse("plans:plan_detail", args=[work_report.pk])).content.decode()
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    response = browser.get(reverse("plans:plan_list"))
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_task_page_links_the_same_work_in_the_other_plan(browser, work_report, livelihood):
    html = browser.get(reverse("plans:task_detail", args=[work_report.tasks.get(seq="97").pk])).content.decode()
    assert "同一工作" in html and f'href="/tasks/{livelihood.tasks.get(seq="1").pk}/"' in html


def test_an_invalid_filter_is_shown_and_the_valid_ones_still_apply(browser, work_report):
    url = reverse("plans:plan_detail", args=[work_report.pk])
    lead = Unit.objects.get(name="区教育局").pk
    response = browser.get(url, {"lead": lead, "target_type": "D"})
    assert rows(response) == 10
    assert "选择一个有效的选项" in response.content.decode()


def test_keyword_matches_unit_names(browser, work_report):
    url = reverse("plans:plan_detail", args=[work_report.pk])
    assert rows(browser.get(url, {"text": "退役军人"})) == 1  # row 130's lead unit


def test_a_plan_without_types_has_no_type_filter(browser, livelihood):
    html = browser.get(reverse("plans:plan_detail", args=[livelihood.pk])).content.decode()
    assert 'name="target_type"' not in html


def test_lead_filter_lists_only_units_that_lead_in_the_plan(browser, work_report):
    html = browser.get(reverse("plans:plan_detail", args=[work_report.pk])).content.decode()
    lead_select = html.split('name="lead"')[1].split("</select>")[0]
    assert "区教育局" in lead_select and "区统计局" not in lead_select


def test_signed_in_users_without_rights_get_a_chinese_403(browser, db):
    response = browser.get(reverse("plans:plan_import"))
    assert response.status_code == 403 and "无权访问" in response.content.decode()


def test_unknown_pages_get_a_chinese_404(browser, db):
    response = browser.get("/tasks/99999/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_the_projects_css_and_htmx_are_found_by_the_static_finders():
    from django.contrib.staticfiles import finders

    assert finders.find("dukao/dukao.css") and finders.find("vendor/htmx.min.js")
