"""Bad input: every file the importer refuses gets a Chinese message naming the file (and the row and
column where there is one). Fixtures are in ``tests/fixtures/documents`` (see ``make_fixtures.py``)."""

import io
import zipfile

import pytest

from dukao.plans.parsing import reader
from dukao.plans.parsing.document import parse_document
from dukao.plans.parsing.errors import DocumentError
from dukao.plans.parsing.reader import read_lines
from tests.paths import FIXTURES

DOCUMENTS = FIXTURES / "documents"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def problems(content: bytes, name: str) -> list[str]:
    """The messages importing ``content`` as ``name`` fails with."""
    with pytest.raises(DocumentError) as failure:
        parse_document(read_lines(content, name), name)
    return [str(problem) for problem in failure.value.problems]


def fixture_problems(name: str, as_name: str = "") -> list[str]:
    return problems((DOCUMENTS / name).read_bytes(), as_name or name)


def test_a_password_protected_workbook_is_named_as_such():
    assert fixture_problems("encrypted.xlsx") == [
        "文件“encrypted.xlsx”：文件已设置打开密码（已加密），无法读取。请在 Office 中取消密码并保存后再导入。"
    ]


def test_a_password_protected_document_is_recognised_by_content_not_name():
    assert fixture_problems("encrypted.xlsx", "分解表.docx") == [
        "文件“分解表.docx”：文件已设置打开密码（已加密），无法读取。请在 Office 中取消密码并保存后再导入。"
    ]


def test_a_legacy_xls_workbook():
    assert fixture_problems("legacy.xls") == [
        "文件“legacy.xls”：这是旧版 Excel 97-2003 工作簿（.xls），无法读取。请在 Excel 中另存为 .xlsx 后再导入。"
    ]


def test_a_legacy_doc_and_another_compound_file():
    word = OLE2 + bytes(504) + "WordDocument".encode("utf-16-le") + b"\x00\x00"
    assert problems(word, "通知.doc") == [
        "文件“通知.doc”：这是旧版 Word 97-2003 文档（.doc），无法读取。请在 Word 中另存为 .docx 后再导入。"
    ]
    assert problems(OLE2 + bytes(504), "任务.et") == [
        "文件“任务.et”：这是 Office 97-2003 二进制格式的文件，无法读取。请另存为 .xlsx、.docx 或 .csv 后再导入。"
    ]


def test_a_truncated_workbook():
    assert fixture_problems("corrupt.xlsx") == [
        "文件“corrupt.xlsx”：无法打开 Excel 文件：文件已损坏（不是完整的 .xlsx 文件）。"
    ]


def test_a_truncated_word_document():
    assert fixture_problems("corrupt.xlsx", "通知.docx") == [
        "文件“通知.docx”：无法打开 Word 文件：文件已损坏（不是完整的 .docx 文件）。"
    ]


def test_a_zip_that_is_neither_workbook_nor_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "hello")
    assert problems(buffer.getvalue(), "附件.xlsx") == [
        "文件“附件.xlsx”：无法打开：这是一个压缩包，但其中既没有 Excel 工作簿也没有 Word 文档。"
    ]


def test_a_zip_member_that_does_not_decompress():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    content = buffer.getvalue().replace(b"<workbook/>", b"<workbook!>")  # the CRC no longer matches
    assert problems(content, "附件.xlsx") == [
        "文件“附件.xlsx”：无法打开 Excel 文件：文件已损坏（其中的“xl/workbook.xml”无法解压）。"
    ]


def test_a_package_that_would_unpack_beyond_the_limit_is_refused_unread(monkeypatch):
    from dukao.plans.parsing import reader

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", b"\0" * (3 * 1024 * 1024))  # 3 MB of zeros: a 3 KB part
    assert len(buffer.getvalue()) < 10_000
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(zipfile.ZipFile, "testzip", lambda self: pytest.fail("unpacked a bomb"))
    assert problems(buffer.getvalue(), "目标任务.xlsx") == [
        "文件“目标任务.xlsx”：无法打开 Excel 文件：解压后超过 2 MB 的上限（疑似压缩炸弹），未读取其内容。"
    ]


def test_undecodable_text_names_the_line():
    assert fixture_problems("undecodable.csv") == [
        "文件“undecodable.csv”第3行：无法识别文件的文字编码（支持 UTF-8 与 GB18030），该行含有无法识别的字节。"
    ]


@pytest.mark.parametrize("content", [b"", b" \r\n\t", b"\xef\xbb\xbf\r\n"])
def test_an_empty_file(content):
    assert problems(content, "empty.csv") == ["文件“empty.csv”：文件为空，没有可导入的内容。"]


def test_the_empty_fixture_holds_only_a_bom():
    assert fixture_problems("empty.csv") == ["文件“empty.csv”：文件为空，没有可导入的内容。"]


def test_an_oversized_file_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(reader, "MAX_BYTES", 1024 * 1024)
    assert problems(b"\xff" * (1024 * 1024 + 1), "big.xlsx") == ["文件“big.xlsx”：文件超过 1 MB 的大小上限。"]


def test_a_file_of_exactly_the_limit_is_read(monkeypatch):
    content = "2022年任务分解表\n序号 | 任务名称 | 牵头单位 |\n1 | 任务 | 区财政局 |\n".encode()
    monkeypatch.setattr(reader, "MAX_BYTES", len(content))
    assert [line.cells for line in read_lines(content, "a.txt")][2] == ("1", "任务", "区财政局")


def test_a_formula_without_a_saved_result_and_an_error_value():
    assert fixture_problems("formula_uncached.xlsx") == [
        "文件“formula_uncached.xlsx”工作表“任务”第4行“A”列：单元格A4是公式“=A3+1”，文件中没有保存它的计算结果"
        "（本系统不计算公式）。请在 Excel 中打开并保存后再导入。",
        "文件“formula_uncached.xlsx”工作表“任务”第4行“C”列：单元格C4的值是错误值“#REF!”，请更正后再导入。",
    ]


def test_a_document_without_a_table_or_task_paragraphs():
    assert fixture_problems("prose_only.docx") == [
        "文件“prose_only.docx”正文第1行“表头”列：没有找到目标任务分解表：缺少含“序号”“任务名称”“牵头部门”等列名的表头行，"
        "也没有标明“牵头单位：”的任务段落。"
    ]


def test_a_table_without_a_lead_or_responsible_column():
    assert fixture_problems("no_lead_column.csv") == [
        "文件“no_lead_column.csv”第2行“牵头部门”列：表头缺少“牵头部门”（或“责任单位”）列。"
    ]


def test_a_duplicate_seq():
    assert fixture_problems("duplicate_seq.csv") == ["文件“duplicate_seq.csv”第5行“序号”列：序号“2”与第4行重复。"]


def test_an_unknown_target_type():
    assert fixture_problems("unknown_type.txt") == [
        "文件“unknown_type.txt”第5行“目标类型”列：目标类型“D类”无法识别（应为A类、B类）。"
    ]


@pytest.mark.parametrize("name", ["报告.pdf", "导出.json", "分解表.doc"])
def test_an_unsupported_format_is_refused_by_its_extension(name):
    with pytest.raises(DocumentError) as failure:
        read_lines("序号 | 任务名称 | 牵头部门 |\n".encode(), name)
    assert str(failure.value).startswith(f"文件“{name}”：不支持“")
