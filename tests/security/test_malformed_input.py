"""Input no form expects: malformed XML inside an .xlsx or .docx package gets a clear Chinese message naming the
file, and a NUL byte anywhere in a request gets HTTP 400 with a message, never a 500 (the database refuses NULs)."""

import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from dukao.plans.parsing.errors import DocumentError
from dukao.plans.parsing.reader import read_lines


def _with_part_replaced(package: bytes, part: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, data if item.filename == part else src.read(item.filename))
    return out.getvalue()


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["序号", "任务名称", "牵头部门"])
    book.active.append([1, "任务", "区教育局"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _document() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("1. 任务（牵头单位：区教育局）")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "package", "part"),
    [
        ("计划.xlsx", _workbook, "xl/worksheets/sheet1.xml"),
        ("计划.xlsx", _workbook, "xl/workbook.xml"),
        ("计划.docx", _document, "word/document.xml"),
    ],
)
@pytest.mark.parametrize("xml", [b"<worksheet><sheetData><row>", b"\x00\x01 not xml", b"<a><b></a>"])
def test_malformed_xml_in_a_package_is_a_located_message(name, package, part, xml):
    with pytest.raises(DocumentError) as refused:
        read_lines(_with_part_replaced(package(), part, xml), name)
    message = str(refused.value)
    assert name in message and "损坏" in message


def test_a_nul_byte_in_a_query_is_refused_with_a_message(client, auditor):
    client.force_login(auditor)
    answer = client.get(reverse("audit:event_list"), {"q": "a\x00b"})
    assert answer.status_code == 400 and "空字符" in answer.content.decode()


def test_a_nul_byte_in_a_form_is_refused_with_a_message(client, lead_reporter):
    client.force_login(lead_reporter)
    answer = client.post(reverse("progress:request_list"), {"text": "x\x00"})
    assert answer.status_code == 400 and "空字符" in answer.content.decode()
