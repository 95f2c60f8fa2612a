"""Evidence files: checked by content, stored under random names, served only to those who may read."""

import io
import zipfile

import docx
import pytest
from django.urls import reverse

from dukao.progress.evidence import EvidenceRejected, check_evidence
from dukao.progress.models import Evidence
from dukao.progress.services import evidence_add
from tests.progress.evidence_samples import EXE, PDF, PNG
from tests.progress.factories import draft


def test_a_renamed_executable_is_refused():
    with pytest.raises(EvidenceRejected, match="“会议纪要.pdf”的类型不允许上传（识别为 application/x-msdownload）"):
        check_evidence(EXE, "会议纪要.pdf", 1024 * 1024, 1024 * 1024)


def test_oversized_and_empty_files_are_refused():
    with pytest.raises(EvidenceRejected, match="超过 1 MB"):
        check_evidence(PDF + b"0" * 1024 * 1024, "大文件.pdf", 1024 * 1024, 1024 * 1024)
    with pytest.raises(EvidenceRejected, match="为空"):
        check_evidence(b"", "空.pdf", 1024, 1024)


def _docx(padding: int = 0) -> bytes:
    """A Word document, with ``padding`` zero bytes in an extra member (they compress to almost nothing)."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    if padding:
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package:
            package.writestr("word/media/padding.bin", b"\0" * padding)
    return buffer.getvalue()


def test_a_word_document_that_unpacks_beyond_the_archive_limit_is_refused(work_report, lead_reporter, settings):
    settings.DUKAO_ARCHIVE_MAX_BYTES = 1024 * 1024
    bomb = _docx(padding=2 * 1024 * 1024)
    assert len(bomb) < 100 * 1024
    report = draft(work_report.tasks.get(seq="1"), lead_reporter)
    with pytest.raises(EvidenceRejected, match="“炸弹.docx”解压后超过 1 MB"):
        evidence_add(report=report, user=lead_reporter, content=bomb, file_name="炸弹.docx")
    evidence = evidence_add(report=report, user=lead_reporter, content=_docx(), file_name="纪要.docx")
    assert evidence.content_type.endswith("wordprocessingml.document")


def test_a_corrupt_office_package_is_refused():
    broken = _docx()[:-200]
    with pytest.raises(EvidenceRejected, match="已损坏"):
        check_evidence(broken, "纪要.docx", 1024 * 1024, 1024 * 1024)


def test_a_pdf_is_kept_with_its_digest_under_a_random_name(work_report, lead_reporter):
    report = draft(work_report.tasks.get(seq="1"), lead_reporter)
    evidence = evidence_add(report=report, user=lead_reporter, content=PDF, file_name="统计快报.pdf")
    assert evidence.content_type == "application/pdf" and evidence.size == len(PDF)
    assert evidence.sha256 == __import__("hashlib").sha256(PDF).hexdigest()
    assert "统计快报" not in evidence.file.name and evidence.file.name.endswith(".pdf")


@pytest.fixture
def evidence(work_report, lead_reporter):
    report = draft(work_report.tasks.get(seq="1"), lead_reporter)
    return evidence_add(report=report, user=lead_reporter, content=PNG, file_name="现场照片.png")


def test_the_unit_and_the_verifier_download_it_and_another_unit_gets_404(
    client, evidence, lead_reporter, stats_reviewer, unrelated_head, cooperating_reporter
):
    url = reverse("progress:evidence_download", args=[evidence.pk])
    for user, status in (
        (lead_reporter, 200),
        (stats_reviewer, 200),
        (unrelated_head, 404),
        (cooperating_reporter, 404),
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert b"".join(response.streaming_content) == PNG
            assert response["X-Content-Type-Options"] == "nosniff"


def test_upload_through_the_page_refuses_an_executable(client, work_report, lead_reporter):
    report = draft(work_report.tasks.get(seq="1"), lead_reporter)
    client.force_login(lead_reporter)
    upload = io.BytesIO(EXE)
    upload.name = "照片.jpg"
    response = client.post(reverse("progress:evidence_upload", args=[report.pk]), {"file": upload}, follow=True)
    assert "类型不允许上传" in response.content.decode()
    assert report.evidence.count() == 0


def test_a_pdf_or_image_is_previewed_inline_sandboxed_with_the_type_its_content_shows(client, evidence, lead_reporter):
    client.force_login(lead_reporter)
    url = reverse("progress:evidence_download", args=[evidence.pk])
    Evidence.objects.filter(pk=evidence.pk).update(content_type="text/html")  # a stored type is not trusted
    inline = client.get(url)
    assert inline["Content-Type"] == "image/png" and inline["Content-Disposition"].startswith("inline")
    assert inline["Content-Security-Policy"].split(";")[0] == "sandbox"
    download = client.get(url, {"download": "1"})
    assert download["Content-Disposition"].startswith("attachment")


def test_the_sha256_is_shown_only_in_the_details(client, evidence, lead_reporter):
    client.force_login(lead_reporter)
    html = client.get(reverse("progress:report_page", args=[evidence.report.task_id, "2019-06"])).content.decode()
    details = html.split('<details class="file-details">', 1)
    assert evidence.sha256 in details[1] and evidence.sha256 not in details[0]
    assert f'<img class="thumb" src="{reverse("progress:evidence_download", args=[evidence.pk])}"' in html
