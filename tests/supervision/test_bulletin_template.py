"""The issuer's template is data (admin), copied into a draft and again on issue, frozen after; the office's own
按语, closing paragraph and 附件说明 survive a redraft and are issued with the rest."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.urls import reverse

from dukao.audit.models import Event
from dukao.supervision import services
from dukao.supervision.models import Bulletin, BulletinTemplate, TemplatePurpose

JUNE, ISSUED = date(2019, 6, 1), date(2019, 7, 5)


@pytest.fixture
def draft(seed, supervisor) -> Bulletin:
    return services.bulletin_draft(period=JUNE, user=supervisor, today=ISSUED)


def test_each_purpose_has_a_template_in_use_from_the_data_migrations(db):
    template = BulletinTemplate.objects.get(in_use=True, purpose=TemplatePurpose.BULLETIN)
    assert (template.masthead, template.code, template.issuer) == (
        "杭州市上城区人民政府办公室文件",
        "上政办督",
        "杭州市上城区人民政府办公室",
    )
    assert template.copy_to and template.printer and template.recipients
    in_use = BulletinTemplate.objects.filter(in_use=True)
    assert {t.purpose: t.code for t in in_use} == {"bulletin": "上政办督", "case": "上纪督", "report": "上政办报"}


def test_the_database_keeps_one_template_in_use_per_purpose(db):
    case = BulletinTemplate.objects.get(in_use=True, purpose=TemplatePurpose.CASE)
    with pytest.raises(IntegrityError), transaction.atomic():
        BulletinTemplate.objects.create(**{**model_to_dict(case, exclude=["id"]), "name": "另一个督办文书模板"})


def test_a_draft_carries_the_templates_words(draft):
    snapshot = draft.snapshot
    assert snapshot["masthead"] == "杭州市上城区人民政府办公室文件"
    assert snapshot["recipients"] == "区政府各部门、各直属单位，各街道办事处"
    assert snapshot["copy_to"].startswith("区委办公室") and snapshot["printer"] == "杭州市上城区人民政府办公室"
    assert snapshot["preface"] == "现将2019年6月政府工作报告目标任务和民生实事项目进展情况通报如下。"


def test_issuing_takes_the_template_as_edited_then_and_freezes_it(draft, supervisor):
    BulletinTemplate.objects.filter(in_use=True, purpose=TemplatePurpose.BULLETIN).update(
        masthead="督查通报", masthead_issue=True, code="上政督", signer="李四", copy_to="区委办公室"
    )
    issued = services.bulletin_issue(bulletin=draft, user=supervisor, issued_on=ISSUED)
    assert issued.document_number == "上政督〔2019〕1号"
    snapshot = issued.snapshot
    assert (snapshot["masthead"], snapshot["issue_no"], snapshot["signer"]) == ("督查通报", "第1期", "李四")
    assert {role for role, _family, _source in snapshot["faces"]} == {
        "xiaobiaosong",
        "fangsong",
        "heiti",
        "kaiti",
        "songti",
    }
    BulletinTemplate.objects.filter(in_use=True, purpose=TemplatePurpose.BULLETIN).update(
        masthead="另一个标志", copy_to="别的单位"
    )
    issued.refresh_from_db()
    assert issued.snapshot["masthead"] == "督查通报" and issued.snapshot["copy_to"] == "区委办公室"
    assert services.bulletin_render(issued, "docx", fresh=True) == bytes(issued.docx_file)


def test_without_a_template_in_use_a_draft_is_refused_in_chinese(seed, supervisor):
    BulletinTemplate.objects.update(in_use=False)
    with pytest.raises(ValueError, match="没有正在使用的通报版式模板"):
        services.bulletin_draft(period=JUNE, user=supervisor, today=ISSUED)


def test_the_offices_words_survive_a_redraft_and_are_issued(draft, supervisor):
    services.bulletin_text_edit(
        bulletin=draft, user=supervisor, preface="按语：", closing="请认真落实。", attachments=["清单", " ", "整改表"]
    )
    redrafted = services.bulletin_draft(period=JUNE, user=supervisor, today=ISSUED)
    assert redrafted.pk == draft.pk
    assert (redrafted.snapshot["preface"], redrafted.snapshot["closing"]) == ("按语：", "请认真落实。")
    assert redrafted.snapshot["attachments"] == ["清单", "整改表"]
    event = Event.objects.filter(action="bulletin.edit_text").get()
    assert event.after["closing"] == "请认真落实。"
    issued = services.bulletin_issue(bulletin=redrafted, user=supervisor, issued_on=ISSUED)
    assert issued.snapshot["closing"] == "请认真落实。"
    with pytest.raises(ValueError, match="已经印发"):
        services.bulletin_text_edit(bulletin=issued, user=supervisor, preface="", closing="改", attachments=[])


def test_the_draft_page_edits_the_words_and_names_the_faces(draft, supervisor, lead_reporter, client):
    client.force_login(supervisor)
    page = client.get(reverse("supervision:bulletin_detail", args=[draft.pk])).content.decode()
    assert "按语/导语" in page and "结束语" in page
    assert "PDF 字体：标题 " in page, page[page.find("PDF") - 200 : page.find("PDF") + 300]
    assert "正文 FandolFang-Regular（Debian 自由字体）" in page
    url = reverse("supervision:bulletin_text", args=[draft.pk])
    response = client.post(url, {"preface": "导语", "closing": "结束", "attachments": "附件甲\n附件乙"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.snapshot["attachments"] == ["附件甲", "附件乙"] and draft.snapshot["preface"] == "导语"
    assert (
        "附件：1.附件甲" in client.get(reverse("supervision:bulletin_file", args=[draft.pk, "html"])).content.decode()
    )
    client.post(url, {"preface": "", "closing": "", "attachments": ""})  # an empty closing is refused
    draft.refresh_from_db()
    assert draft.snapshot["closing"] == "结束"
    client.force_login(lead_reporter)
    assert client.post(url, {"preface": "x", "closing": "y", "attachments": ""}).status_code == 403
