"""The progress bulletin as HTML, .docx and PDF: what it says, its GB/T 9704-2012 layout, and that an issued
bulletin renders to the same bytes whenever it is rendered again."""

import copy
import io
import json
import zipfile
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
import time_machine
from django.utils import translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfReader

from dukao.supervision.documents import bulletin_docx, bulletin_html, bulletin_pdf
from tests.supervision.sample_snapshot import SNAPSHOT

# The PDF takes seconds (CJK font subsetting): rendered once per module, and once more under another clock.
LATER = datetime(2031, 3, 9, 14, 27, 5, tzinfo=UTC)


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return bulletin_pdf(SNAPSHOT)


@pytest.fixture(scope="module")
def pdf_text(pdf_bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return bulletin_docx(SNAPSHOT)


@pytest.fixture
def document(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


def empty_snapshot() -> dict:
    snapshot = copy.deepcopy(SNAPSHOT)
    for key in ("by_type", "behind", "newly_behind", "recovered", "ranking_reporting", "open_requests"):
        snapshot[key] = []
    return snapshot


class _Blocks(HTMLParser):
    """The text of each paragraph, heading and table cell of an HTML document, in order."""

    TAGS = {"p", "h1", "h2", "h3", "th", "td"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.TAGS:
            self.blocks.append("")
            self._inside = True

    def handle_endtag(self, tag) -> None:
        self._inside = self._inside and tag not in self.TAGS

    def handle_data(self, data) -> None:
        if self._inside:
            self.blocks[-1] += data


def html_blocks(snapshot: dict) -> list[str]:
    parser = _Blocks()
    parser.feed(bulletin_html(snapshot))
    return parser.blocks


def docx_paragraphs(snapshot: dict) -> list[str]:
    return [p.text for p in Document(io.BytesIO(bulletin_docx(snapshot))).paragraphs]


def paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text == text)


def east_asian_font(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


# --- PDF -----------------------------------------------------------------------------------------------------------


def test_pdf_text_has_the_title_number_and_a_lead_unit_in_chinese(pdf_text):
    assert "关于2019年6月政府工作报告目标任务和民生" in pdf_text  # the title breaks over two lines
    assert "实事项目进展情况的通报" in pdf_text
    assert "上政办督〔2019〕6号" in pdf_text
    assert "望江指挥部" in pdf_text and "区发改经信局" in pdf_text


def test_pdf_pages_are_a4_numbered_with_dashes(pdf_bytes, pdf_text):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert "— 1 —" in pdf_text and f"— {len(reader.pages)} —" in pdf_text


def test_pdf_is_dated_by_the_issue_date_and_identified_by_the_snapshot(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20190705"
    assert reader.metadata["/Title"] == SNAPSHOT["title"]
    assert len(reader.trailer["/ID"][0]) == 32  # from the snapshot's SHA-256, not from the time of rendering


# --- .docx layout ----------------------------------------------------------------------------------------------------


def test_docx_page_is_a4_with_the_official_margins(document):
    section = document.sections[0]
    measured = [section.page_width, section.page_height]
    measured += [section.top_margin, section.left_margin, section.right_margin, section.bottom_margin]
    assert [round(length.mm, 1) for length in measured] == [210, 297, 37, 28, 26, 35]


def test_docx_grid_gives_22_lines_of_28_characters(document):
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert 22 * int(grid.get(qn("w:linePitch"))) <= round(225 / 25.4 * 1440) < 23 * int(grid.get(qn("w:linePitch")))
    condensed = paragraph(document, SNAPSHOT["summary"]).runs[0]._r.rPr.find(qn("w:spacing"))
    pitch = 16 + int(condensed.get(qn("w:val"))) / 20
    assert 28 * pitch <= 156 / 25.4 * 72 < 29 * pitch


def test_docx_title_is_22pt_xiaobiaosong_centred(document):
    title = paragraph(document, SNAPSHOT["title"])
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    (run,) = title.runs
    assert run.font.size == Pt(22)
    assert east_asian_font(run) == "方正小标宋简体"


def test_docx_body_runs_are_16pt_fangsong_indented_two_characters(document):
    for text in (SNAPSHOT["summary"], SNAPSHOT["closing"], "第一名 区教育局、区民政局（100%）"):
        body = paragraph(document, text)
        assert body.paragraph_format.first_line_indent == Pt(32)
        assert [(run.font.size, east_asian_font(run)) for run in body.runs] == [(Pt(16), "仿宋_GB2312")]


def test_docx_headings_are_heiti_then_kaiti(document):
    assert east_asian_font(paragraph(document, "一、总体情况").runs[0]) == "黑体"
    assert east_asian_font(paragraph(document, "（一）按目标类型").runs[0]) == "楷体_GB2312"


def test_docx_recipients_are_flush_left_and_end_with_a_full_width_colon(document):
    recipients = paragraph(document, "区政府各部门、各直属单位，各街道办事处：")
    assert recipients.alignment is None and recipients.paragraph_format.first_line_indent is None


def test_docx_issuer_and_date_are_right_aligned_four_characters_in(document):
    for text in ("杭州市上城区人民政府办公室", "2019年7月5日"):
        signature = [p for p in document.paragraphs if p.text == text][-1]
        assert signature.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert signature.paragraph_format.right_indent == Pt(64)
    assert document.paragraphs[-1].text == "2019年7月5日"


def test_docx_signature_stays_with_the_end_of_the_closing_paragraph(document):
    paragraphs = document.paragraphs
    closing = next(i for i, p in enumerate(paragraphs) if p.text == SNAPSHOT["closing"])
    kept = [p.paragraph_format.keep_with_next for p in paragraphs[closing:]]
    assert [p.text for p in paragraphs[closing + 1 :]] == ["", "杭州市上城区人民政府办公室", "2019年7月5日"]
    assert kept == [True, True, True, None]


def test_docx_page_numbers_are_a_page_field_odd_right_even_left(document):
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)
    for folio in (odd, even):
        assert folio.text == "— 1 —"  # the PAGE field's cached result between the dashes
        assert "PAGE" in folio._p.xml
        assert {(run.font.size, east_asian_font(run)) for run in folio.runs} == {(Pt(14), "宋体")}


def test_docx_text_is_black_but_the_masthead_is_red(document):
    runs = [run for p in document.paragraphs for run in p.runs]
    masthead = paragraph(document, SNAPSHOT["masthead"])
    assert [str(run.font.color.rgb) for run in masthead.runs] == ["FF0000"]
    assert all(str(run.font.color.rgb) == "000000" for run in runs if run._r.getparent() is not masthead._p)


# --- content, shared by the formats ----------------------------------------------------------------------------------


def test_ties_are_printed_as_ties():
    for blocks in (html_blocks(SNAPSHOT), docx_paragraphs(SNAPSHOT)):
        assert "第一名 区教育局、区民政局（100%）" in blocks
        assert "第四名 区发改经信局、区商务局、区财政局（97.2%）" in blocks
        assert not any(block.startswith("第二名") for block in blocks)


def test_ranks_past_ten_are_written_in_chinese_numerals():
    snapshot = copy.deepcopy(SNAPSHOT)
    snapshot["ranking_progress"] = [{"rank": 12, "units": ["区审计局"], "value": "40.0%"}]
    assert "第十二名 区审计局（40.0%）" in html_blocks(snapshot)


def test_empty_lists_print_wu():
    for blocks in (html_blocks(empty_snapshot()), docx_paragraphs(empty_snapshot())):
        for heading in ("（一）按目标类型", "三、进度滞后的任务", "（一）新增滞后", "（二）已追赶", "（一）报送及时率"):
            assert blocks[blocks.index(heading) + 1] == "无", heading
        assert blocks[blocks.index("六、未办结的协调事项") + 1] == "无"


def test_a_task_without_reason_or_lead_unit_reads_without_dangling_commas():
    snapshot = copy.deepcopy(SNAPSHOT)
    snapshot["recovered"] = [dict(snapshot["recovered"][0], lead_units="", reason="")]
    assert "1.新增城镇就业人数（政府工作报告第6项）：超进度。" in html_blocks(snapshot)


def test_seriously_behind_tasks_come_first_in_the_table():
    blocks = html_blocks(SNAPSHOT)
    header = blocks.index("原因")  # 序号 | 任务名称 | 牵头部门 | 状态 | 原因
    statuses = [blocks[header + 4 + 5 * row] for row in range(12)]
    assert statuses == ["严重滞后"] * 3 + ["欠进度"] * 9
    assert "进度滞后的任务共12项，其中严重滞后3项、欠进度9项。" in blocks


def test_overview_gives_the_yardstick_and_a_total_row():
    blocks = html_blocks(SNAPSHOT)
    assert "2019年6月序时进度为50.0%，各状态任务数及占比如下：" in blocks
    total = blocks.index("合计")
    assert blocks[total : total + 3] == ["合计", "163", "100.0"]


def test_all_three_formats_carry_the_same_words(pdf_text, document):
    words = ["一、总体情况", "二、分类情况", "三、进度滞后的任务", "四、新增滞后与已追赶", "五、各单位排名"]
    words += ["六、未办结的协调事项", "摩云金融科技总部项目落地", "2019年7月5日"]
    html = bulletin_html(SNAPSHOT)
    docx_text = "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for c in t._cells])
    for word in words:
        assert word in html and word in docx_text and word in pdf_text, word


def test_html_escapes_text_from_the_snapshot():
    snapshot = copy.deepcopy(SNAPSHOT)
    snapshot["behind"][0]["name"] = "<script>alert(1)</script>"
    html = bulletin_html(snapshot)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_html_is_whole_and_needs_nothing_from_outside():
    html = bulletin_html(SNAPSHOT)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert "<link" not in html and "src=" not in html and "url(" not in html and "@import" not in html
    assert (
        'html { font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC", serif; }'
        in html
    )


# --- the same bytes, whenever ----------------------------------------------------------------------------------------


def test_rerendering_later_gives_identical_bytes(pdf_bytes, docx_bytes):
    html = bulletin_html(SNAPSHOT)
    stored = json.loads(json.dumps(SNAPSHOT, sort_keys=True))  # as a JSON column gives it back: keys reordered
    with time_machine.travel(LATER, tick=False):
        assert bulletin_html(stored) == html
        assert bulletin_docx(stored) == docx_bytes
        assert bulletin_pdf(stored) == pdf_bytes


def test_docx_zip_entries_and_properties_carry_the_issue_date(docx_bytes, document):
    entries = zipfile.ZipFile(io.BytesIO(docx_bytes)).infolist()
    assert {entry.date_time for entry in entries} == {(2019, 7, 5, 0, 0, 0)}
    properties = document.core_properties
    issued = datetime(2019, 7, 5, tzinfo=UTC)
    assert (properties.created, properties.modified, properties.last_printed) == (issued, issued, issued)
    assert (properties.title, properties.author) == (SNAPSHOT["title"], "杭州市上城区人民政府办公室")


def test_a_frozen_bulletin_ignores_the_readers_language():
    html = bulletin_html(SNAPSHOT)
    with translation.override("en"):
        assert bulletin_html(SNAPSHOT) == html
