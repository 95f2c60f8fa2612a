"""The bulletin as a reader sees it: the PDF's pages rendered to PNG (poppler's pdftoppm, from ``make install``)
and measured — the red 版头 at the top of page 1, the 版记's rules at the foot of the last page, every mark inside
the GB/T 9704-2012 type area — and the same 版头 and 版记 in the .docx's text and structure."""

import copy
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from dukao.supervision import fonts
from dukao.supervision.documents import bulletin_docx, bulletin_html, bulletin_pdf
from tests.supervision.sample_snapshot import SNAPSHOT

DPI = 50
MM = DPI / 25.4  # pixels a millimetre
# The type area (版心, §5.2.1): 37 mm from the top, 28 mm from the left, 156 mm × 225 mm.
TOP, LEFT, WIDTH, HEIGHT = 37, 28, 156, 225
BOTTOM, RIGHT = TOP + HEIGHT, LEFT + WIDTH
SIGNED = dict(
    copy.deepcopy(SNAPSHOT),
    signer="张三",
    attachments=["重点项目清单", "滞后任务整改表"],
    preface="现将有关情况通报如下。",
)


def pages_png(pdf: bytes, tmp_path: Path) -> list[Image.Image]:
    assert shutil.which("pdftoppm"), "pdftoppm is missing: `make install` installs Debian's poppler-utils"
    (tmp_path / "bulletin.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "bulletin.pdf", "page"], cwd=tmp_path, check=True)
    return [Image.open(path).convert("RGB") for path in sorted(tmp_path.glob("page-*.png"))]


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return bulletin_pdf(SIGNED)


@pytest.fixture(scope="module")
def pages(pdf_bytes, tmp_path_factory) -> list[Image.Image]:
    return pages_png(pdf_bytes, tmp_path_factory.mktemp("png"))


@pytest.fixture(scope="module")
def document() -> Document:
    return Document(io.BytesIO(bulletin_docx(SIGNED)))


def is_red(pixel) -> bool:
    r, g, b = pixel
    return r > 180 and g < 110 and b < 110


def is_ink(pixel) -> bool:
    return sum(pixel) < 600


def marks(page: Image.Image, test) -> list[tuple[float, float]]:
    """(x, y) in millimetres of every pixel passing ``test``."""
    width, height = page.size
    data = page.load()
    return [(x / MM, y / MM) for y in range(height) for x in range(width) if test(data[x, y])]


def rules(page: Image.Image, test, min_mm: float) -> list[float]:
    """The rows (y in mm) where pixels passing ``test`` run at least ``min_mm`` long: horizontal rules."""
    width, height = page.size
    data = page.load()
    found = []
    for y in range(height):
        run = longest = 0
        for x in range(width):
            run = run + 1 if test(data[x, y]) else 0
            longest = max(longest, run)
        if longest >= min_mm * MM:
            found.append(y / MM)
    return found


# --- what a reader sees ------------------------------------------------------------------------------------------


def test_page_one_has_a_red_header_band_and_a_red_rule_across_the_type_area(pages):
    red = marks(pages[0], is_red)
    assert len(red) > 500  # the 发文机关标志 in red
    ys = [y for _x, y in red]
    assert TOP + 30 <= min(ys) and max(ys) <= 130  # 35 mm into the type area, in the top half of the page
    assert min(x for x, _y in red) >= LEFT - 1 and max(x for x, _y in red) <= RIGHT + 1
    red_rules = rules(pages[0], is_red, 0.95 * WIDTH)  # the separator, as wide as the type area
    assert red_rules and all(y > min(ys) + 15 for y in red_rules)
    for page in pages[1:]:
        assert not marks(page, is_red)


def test_the_last_page_ends_with_the_colophon_rules_on_the_type_areas_lower_edge(pages):
    lines = [y for y in rules(pages[-1], is_ink, 0.95 * WIDTH) if y > BOTTOM - 40]  # the foot of the page
    groups = [y for n, y in enumerate(lines) if n == 0 or y - lines[n - 1] > 1]  # one entry per rule
    assert len(groups) == 3  # thick, thin (between 抄送 and 印发), thick
    assert BOTTOM - 2 <= lines[-1] <= BOTTOM + 1  # the last rule on the lower edge of the type area (§7.4.1)
    thickness = [sum(1 for y in lines if start <= y < start + 1) for start in groups]
    assert thickness[0] >= thickness[1] and thickness[2] >= thickness[1]
    for page in pages[:-1]:  # no 版记 before the last page
        assert not [y for y in rules(page, is_ink, 0.95 * WIDTH) if y > BOTTOM - 2]


def test_every_mark_is_inside_the_type_area_but_the_folios(pages):
    for number, page in enumerate(pages, 1):
        for x, y in marks(page, is_ink):
            inside = LEFT - 1 <= x <= RIGHT + 1 and TOP - 1 <= y <= BOTTOM + 1
            folio = BOTTOM + 1 < y <= BOTTOM + 14 and LEFT <= x <= RIGHT  # "— n —", 7 mm under the type area
            assert inside or folio, (number, round(x), round(y))


def test_pdf_text_has_the_header_and_the_colophon_where_they_belong(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    first, last = (reader.pages[n].extract_text().replace("\n", "") for n in (0, -1))
    assert first.index("杭州市上城区人民政府办公室文件") < first.index("上政办督〔2019〕6号") < first.index("签发人")
    assert "张三" in first and "现将有关情况通报如下。" in first
    assert "附件：1.重点项目清单" in last and "2.滞后任务整改表" in last
    assert "抄送：区委办公室，区人大常委会办公室，区政协办公室，区纪委(区监委)。" in last
    assert last.index("抄送") < last.index("2019年7月5日印发")


def test_pdf_is_set_in_the_faces_found(pdf_bytes):
    embedded = set()
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for font in page["/Resources"]["/Font"].values():
            embedded.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    faces = fonts.resolve()
    for role in ("xiaobiaosong", "fangsong", "heiti", "kaiti", "songti"):
        assert faces[role].family.replace(" ", "") in {name.replace(" ", "") for name in embedded}, role


# --- the .docx ---------------------------------------------------------------------------------------------------


def test_docx_front_is_masthead_number_rule_then_title(document):
    texts = [p.text for p in document.paragraphs]
    assert texts[:7] == [SIGNED["masthead"], "", "", "上政办督〔2019〕6号\t签发人：张三", "", "", SIGNED["title"]]
    number = document.paragraphs[3]
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert (rule.get(qn("w:color")), rule.get(qn("w:val"))) == ("FF0000", "single")
    assert round(document.paragraphs[0].paragraph_format.space_before.mm) == 35
    assert texts[texts.index("区政府各部门、各直属单位，各街道办事处：") + 1] == "现将有关情况通报如下。"


def test_docx_colophon_floats_at_the_foot_between_thick_and_thin_rules(document):
    colophon = document.tables[-1]
    assert [cell.text for cell in colophon._cells] == [
        "抄送：区委办公室，区人大常委会办公室，区政协办公室，区纪委(区监委)。",
        "杭州市上城区人民政府办公室\t2019年7月5日印发",
    ]
    floating = colophon._tbl.tblPr.find(qn("w:tblpPr"))
    assert (floating.get(qn("w:vertAnchor")), floating.get(qn("w:tblpYSpec"))) == ("margin", "bottom")
    borders = colophon._tbl.tblPr.find(qn("w:tblBorders"))
    sizes = {side: int(borders.find(qn(f"w:{side}")).get(qn("w:sz"))) for side in ("top", "insideH", "bottom")}
    assert sizes["top"] == sizes["bottom"] > sizes["insideH"]


def test_docx_attachments_follow_the_closing_paragraph(document):
    texts = [p.text for p in document.paragraphs]
    closing = texts.index(SIGNED["closing"])
    assert texts[closing + 1 : closing + 4] == ["", "附件：1.重点项目清单", "2.滞后任务整改表"]


def test_a_snapshot_from_before_the_template_prints_without_header_or_colophon():
    old = {k: v for k, v in SNAPSHOT.items() if k not in ("masthead", "copy_to", "printer", "signer", "preface")}
    html = bulletin_html(old)
    assert "masthead" not in html.split("<body>")[1] and "colophon" not in html.split("<body>")[1]
    document = Document(io.BytesIO(bulletin_docx(old)))
    assert (
        document.paragraphs[0].text == "上政办督〔2019〕6号"
        and len(document.tables) == len(Document(io.BytesIO(bulletin_docx(SNAPSHOT))).tables) - 1
    )


# --- fonts -------------------------------------------------------------------------------------------------------


def office_font(folder: Path, family: str) -> Path:
    """A font file named ``family`` (FandolFang renamed), as an office's 仿宋_GB2312 would be in its font folder."""
    font = TTFont(fonts.FANDOL_DIR / "FandolFang-Regular.otf")
    names = font["name"]
    for name_id in (1, 4, 6, 16):
        names.removeNames(nameID=name_id)
    for name_id in (1, 4, 16):
        names.setName(family, name_id, 3, 1, 0x804)  # Windows, Unicode, zh-CN
    names.setName("FangSong_GB2312", 6, 3, 1, 0x409)  # the PostScript name
    path = folder / "FS_GB2312.otf"
    font.save(path)
    return path


def test_the_office_font_folder_comes_first_then_debian_then_noto(tmp_path, settings):
    path = office_font(tmp_path, "仿宋_GB2312")
    faces = fonts.resolve(str(tmp_path))
    assert (faces["fangsong"].family, faces["fangsong"].path, faces["fangsong"].source) == (
        "仿宋_GB2312",
        path,
        "office",
    )
    assert faces["kaiti"].source == "debian" and faces["kaiti"].family == "FandolKai-Regular"
    settings.DUKAO_FONT_DIR = str(tmp_path)
    assert fonts.resolve()["fangsong"].source == "office"
    missing = fonts._face("kaiti", fonts.Role("x", ("no such face",), "NoSuchFile.otf", "Noto Serif CJK SC"), {}, set())
    assert (missing.family, missing.path, missing.source) == ("Noto Serif CJK SC", None, "noto")


def test_the_pdf_embeds_the_office_font_from_the_folder(tmp_path, settings):
    office_font(tmp_path, "仿宋_GB2312")
    settings.DUKAO_FONT_DIR = str(tmp_path)
    html_rules = bulletin_html(SNAPSHOT)
    assert "url(" not in html_rules  # the browser's copy names fonts; only the PDF reads files
    reader = PdfReader(io.BytesIO(bulletin_pdf(SNAPSHOT)))
    names = {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert not any("FandolFang" in name for name in names)  # body text no longer in the Debian face
    assert any("Fandol" in name for name in names)  # headings still are


def test_debian_fandol_covers_every_gb2312_hanzi():
    """Why Fandol: all 6,763 hanzi of GB 2312 (cwTeX 仿宋 lacks 2,379 of them)."""
    hanzi = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                hanzi.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    assert len(hanzi) == 6763
    for role in fonts.ROLES.values():
        cmap = TTFont(fonts.FANDOL_DIR / role.fandol).getBestCmap()
        assert all(ord(c) in cmap for c in hanzi), role.fandol
