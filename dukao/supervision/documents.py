"""The progress bulletin (督察通报) as a document: HTML, .docx and PDF from one frozen snapshot.

Pure functions of the snapshot: no database, no clock, no randomness, so an issued bulletin renders to the same
bytes every time (on the same library versions and fonts). The snapshot is the JSON-able dict that
``bulletin_issue`` freezes::

    {"document_number": "上政办督〔2019〕6号", "title": "关于……的通报", "issuer": "杭州市上城区人民政府办公室",
     "issued_on": "2019-07-05", "recipients": "区政府各部门、……", "period_label": "2019年6月",
     "elapsed_share": "50.0", "summary": "截至6月底，……",
     "statuses": ["已完成", "超进度", "达进度", "欠进度", "严重滞后", "需年终评定", "未报送", "未开始"],
     "totals": [{"status": "已完成", "count": 4, "share": "2.5"}, …],           # shares add to 100
     "by_type": [{"label": "A类（责任目标）", "counts": [2, 22, …]}, …],          # counts in ``statuses`` order
     "by_plan": [{"label": "政府工作报告", "counts": […]}, …],
     "behind": [{"plan": "政府工作报告", "seq": "4", "name": "固定资产投资", "lead_units": "区发改经信局",
                 "status": "欠进度", "reason": "计划至6月完成50%，……"}, …],
     "newly_behind": [same shape], "recovered": [same shape],
     "ranking_reporting": [{"rank": 1, "units": ["区教育局", "区民政局"], "value": "100%"}, …],  # ties share a rank
     "ranking_progress": [same shape],
     "ranking_reporting_zero": ["区商务局", …], "ranking_progress_zero": [same],  # at 0 %, named in one line
     "open_requests": [{"unit": "望江指挥部", "subject": "……", "age_days": 45}, …],
     "closing": "请各单位……"}

The snapshot is first laid out (``_layout``) into a neutral ``Bulletin`` — sections of paragraphs, second-level
headings and tables — which the HTML template and the .docx writer both walk, so the three formats carry the same
words. Layout follows GB/T 9704-2012 (党政机关公文格式); clauses are cited where a number comes from it.
"""

import hashlib
import io
import json
import os
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import ClassVar

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from dukao.supervision import fonts
from dukao.supervision.checks import NO_CJK_FONT, cjk_font_installed

# A frozen bulletin is an official Chinese document: a reader's UI language must not change its words.
LANGUAGE = "zh-hans"
TEMPLATE = "supervision/bulletin_document.html"
STYLESHEET = Path(__file__).resolve().parent / "static" / "supervision" / "bulletin_print.css"

# Status values the layout treats specially; the rest are taken in the snapshot's ``statuses`` order.
SERIOUSLY_BEHIND = "严重滞后"
BEHIND = "欠进度"

# Fonts the .docx asks for (GB/T 9704-2012 §5.2.2, §7): 3号仿宋 body, 2号小标宋 title, 黑体/楷体 headings,
# 4号宋体 folios.
FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
FOLIO_PT = 14  # 四号
TABLE_PT = 12  # 小四
# 22 lines in the 225 mm text block (§5.2.3): 637.8 pt / 22 ≈ 28.9 pt, the usual 固定值.
LINE_PT = 28.9
TITLE_LINE_PT = 35
# 28 characters in the 156 mm (442.2 pt) line (§5.2.3) need a pitch of at most 15.79 pt: 3号 condensed by
# 0.25 pt (w:spacing is in twentieths of a point), as the print stylesheet's letter-spacing does.
CONDENSE_TWIPS = -5
BLACK = RGBColor(0, 0, 0)
TEXT_WIDTH_MM = 156  # 版心 width (§5.2.1)
TEXT_WIDTH_PT = 442  # the same in points
MASTHEAD_MAX_PT = 42
RED = RGBColor(0xFF, 0, 0)
COLOPHON_PT = 14  # 4号, the 版记's size (§7.4.2, §7.4.3)


# --- the neutral layout ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: 3号仿宋, first line indented two characters."""

    text: str
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Subheading:
    """A second-level heading, "（一）……", in 楷体 (§7.3.3)."""

    text: str
    kind: ClassVar[str] = "subheading"


@dataclass(frozen=True)
class Cell:
    text: str
    centred: bool = False


@dataclass(frozen=True)
class Table:
    """A ruled table; ``widths_mm`` add up to the 156 mm text width (§5.2.1)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths_mm: tuple[int, ...]
    kind: ClassVar[str] = "table"


@dataclass(frozen=True)
class Section:
    """A first-level part, "一、……" in 黑体 (§7.3.3), and its blocks."""

    heading: str
    blocks: tuple[Paragraph | Subheading | Table, ...]


@dataclass(frozen=True)
class Bulletin:
    """The whole document in GB/T 9704-2012's order: 版头 (``masthead`` in red, its 期号, 发文字号 and 签发人, the red
    separator), 主体 (title … 成文日期) and 版记 (抄送, 印发机关 and 印发日期 between rules). Snapshots from before
    the 版头 and 版记 were kept have no masthead and no 版记 lines; they print without them."""

    masthead: str
    masthead_pt: int
    issue_no: str
    number: str
    signer: str
    title: str
    recipients: str
    preface: str
    sections: tuple[Section, ...]
    closing: str
    attachments: tuple[str, ...]
    issuer: str
    issued_on: date
    date_label: str
    copy_to: str
    printer: str
    printed_label: str


#: A document's body: the parts (一、二、…) laid out from its snapshot. Call inside ``translation.override``.
Parts = Callable[[dict], tuple[Section, ...]]


def bulletin_parts(snapshot: dict) -> tuple[Section, ...]:
    """The bulletin's six parts, in reading order."""
    return tuple(part(snapshot) for part in (_overview, _categories, _behind, _changes, _rankings, _requests))


def _layout(snapshot: dict, parts: Parts) -> Bulletin:
    """Lay the snapshot out in the official frame — 版头, title, 主送, ``parts``, closing, 署名, 版记 — whatever the
    document (a bulletin, a 督办单, a year-end report). Call inside ``translation.override``."""
    issued_on = date.fromisoformat(snapshot["issued_on"])
    masthead = snapshot.get("masthead", "")
    copy_to = snapshot.get("copy_to", "")
    return Bulletin(
        masthead=masthead,
        masthead_pt=_masthead_pt(masthead),
        issue_no=snapshot.get("issue_no", ""),
        number=snapshot["document_number"],
        signer=snapshot.get("signer", ""),
        title=snapshot["title"],
        recipients=_recipients_line(snapshot["recipients"]),
        preface=snapshot.get("preface", ""),
        sections=parts(snapshot),
        closing=snapshot["closing"],
        attachments=_attachment_lines(snapshot.get("attachments", [])),
        issuer=snapshot["issuer"],
        issued_on=issued_on,
        date_label=date_label(issued_on),
        copy_to=_("抄送：%(units)s。") % {"units": copy_to.rstrip("。.")} if copy_to else "",
        printer=snapshot.get("printer", ""),
        printed_label=_("%(date)s印发") % {"date": date_label(issued_on)},
    )


def _masthead_pt(masthead: str) -> int:
    """The 发文机关标志's size (§7.2.4 leaves it to the issuer: "醒目、美观、庄重"): as large as fits the 156 mm line,
    at most 42 pt (about 15 mm a character)."""
    return min(MASTHEAD_MAX_PT, int(TEXT_WIDTH_PT / max(len(masthead), 1)))


def _attachment_lines(names: list[str]) -> tuple[str, ...]:
    """附件说明 (§7.3.4): "附件：" and the name; several attachments numbered "1." "2." under one another."""
    if len(names) == 1:
        return (_("附件：%(name)s") % {"name": names[0]},)
    return tuple(
        _("附件：%(n)s.%(name)s") % {"n": n, "name": name} if n == 1 else f"{n}.{name}"
        for n, name in enumerate(names, 1)
    )


def _recipients_line(recipients: str) -> str:
    """主送机关 ends with a full-width colon (§7.3.2)."""
    return recipients.rstrip("：:") + "："


def date_label(day: date) -> str:
    """成文日期 in Arabic numerals without leading zeros (§7.3.5.1): 2019-07-05 → 2019年7月5日."""
    return _("%(year)s年%(month)s月%(day)s日") % {"year": day.year, "month": day.month, "day": day.day}


def _none() -> tuple[Paragraph]:
    return (Paragraph(_("无")),)


def _overview(snapshot: dict) -> Section:
    """一、总体情况: the summary, the 序时进度 and the count and share of each status."""
    yardstick = _("%(period)s序时进度为%(share)s%%，各状态任务数及占比如下：") % {
        "period": snapshot["period_label"],
        "share": snapshot["elapsed_share"],
    }
    table = _totals_table(snapshot["totals"], snapshot["statuses"]) if snapshot["totals"] else None
    blocks = (Paragraph(snapshot["summary"]), Paragraph(yardstick), table) if table else _none()
    return Section(_("一、总体情况"), blocks)


def _totals_table(totals: list[dict], statuses: list[str]) -> Table:
    """Rows in ``statuses`` order, then 合计; the total share is summed, not assumed to be 100."""
    rows = sorted(totals, key=lambda row: _index(statuses, row["status"]))
    body = [(Cell(row["status"]), Cell(str(row["count"]), True), Cell(row["share"], True)) for row in rows]
    count = sum(int(row["count"]) for row in rows)
    share = sum((Decimal(row["share"]) for row in rows), Decimal(0))
    body.append((Cell(_("合计")), Cell(str(count), True), Cell(str(share), True)))
    return Table((_("状态"), _("任务数（项）"), _("占比（%）")), tuple(body), (52, 52, 52))


def _index(values: list[str], value: str) -> int:
    return values.index(value) if value in values else len(values)


def _categories(snapshot: dict) -> Section:
    """二、分类情况: counts by target type and by plan, one column per status."""
    blocks: list[Paragraph | Subheading | Table] = []
    for heading, rows in ((_("（一）按目标类型"), snapshot["by_type"]), (_("（二）按计划"), snapshot["by_plan"])):
        blocks.append(Subheading(heading))
        blocks.extend([_count_table(rows, snapshot["statuses"])] if rows else _none())
    return Section(_("二、分类情况"), tuple(blocks))


def _count_table(rows: list[dict], statuses: list[str]) -> Table:
    """类别 | one column per status | 合计; with eight statuses 24 + 8 × 15 + 12 = 156 mm, so that a three-character
    status fits on one line at 小四."""
    body = tuple(
        (Cell(row["label"]), *(Cell(str(n), True) for n in row["counts"]), Cell(str(sum(row["counts"])), True))
        for row in rows
    )
    headers = (_("类别"), *statuses, _("合计"))
    status_mm = (TEXT_WIDTH_MM - 36) // len(statuses)
    return Table(headers, body, (TEXT_WIDTH_MM - 12 - status_mm * len(statuses), *(status_mm,) * len(statuses), 12))


def _behind(snapshot: dict) -> Section:
    """三、进度滞后的任务: a count by status and a table, 严重滞后 first, then 欠进度, then the rest."""
    tasks = sorted(snapshot["behind"], key=_lag_order(snapshot["statuses"]))
    if not tasks:
        return Section(_("三、进度滞后的任务"), _none())
    return Section(_("三、进度滞后的任务"), (Paragraph(_lag_count(tasks)), _behind_table(tasks)))


def _lag_order(statuses: list[str]):
    """Sort key: 严重滞后, 欠进度, then the snapshot's status order; ``sorted`` keeps plan order within a group."""
    order = [SERIOUSLY_BEHIND, BEHIND, *(s for s in statuses if s not in (SERIOUSLY_BEHIND, BEHIND))]
    return lambda task: _index(order, task["status"])


def _lag_count(tasks: list[dict]) -> str:
    """The count line, "进度滞后的任务共12项，其中严重滞后3项、欠进度9项。" (tasks already grouped by status)."""
    groups: dict[str, int] = {}
    for task in tasks:
        groups[task["status"]] = groups.get(task["status"], 0) + 1
    parts = "、".join(_("%(status)s%(count)s项") % {"status": s, "count": n} for s, n in groups.items())
    return _("进度滞后的任务共%(count)s项，其中%(parts)s。") % {"count": len(tasks), "parts": parts}


def _behind_table(tasks: list[dict]) -> Table:
    """序号 (running) | 任务名称 (with its plan and seq) | 牵头部门 | 状态 | 原因."""
    body = tuple(
        (Cell(str(n), True), Cell(_task_label(t)), Cell(t["lead_units"]), Cell(t["status"], True), Cell(t["reason"]))
        for n, t in enumerate(tasks, 1)
    )
    headers = (_("序号"), _("任务名称"), _("牵头部门"), _("状态"), _("原因"))
    return Table(headers, body, (11, 43, 28, 20, 54))


def _task_label(task: dict) -> str:
    return _("%(name)s（%(source)s）") % {"name": task["name"], "source": _task_source(task)}


def _changes(snapshot: dict) -> Section:
    """四、新增滞后与已追赶: two numbered lists ("1.", the third level of §7.3.3)."""
    blocks: list[Paragraph | Subheading | Table] = []
    for heading, tasks in ((_("（一）新增滞后"), snapshot["newly_behind"]), (_("（二）已追赶"), snapshot["recovered"])):
        blocks.append(Subheading(heading))
        blocks.extend(Paragraph(_task_line(n, task)) for n, task in enumerate(tasks, 1))
        blocks.extend(() if tasks else _none())
    return Section(_("四、新增滞后与已追赶"), tuple(blocks))


def _task_line(number: int, task: dict) -> str:
    """One numbered line, "1.固定资产投资（政府工作报告第4项，区发改经信局）：欠进度，计划至6月……。"; a missing
    lead unit or reason leaves out its part rather than a dangling comma."""
    where = "，".join(filter(None, (_task_source(task), task["lead_units"])))
    verdict = "，".join(filter(None, (task["status"], task["reason"].rstrip("。；;"))))
    line = _("%(number)s.%(name)s（%(where)s）：%(verdict)s。")
    return line % {"number": number, "name": task["name"], "where": where, "verdict": verdict}


def _task_source(task: dict) -> str:
    return _("%(plan)s第%(seq)s项") % {"plan": task["plan"], "seq": task["seq"]}


def _rankings(snapshot: dict) -> Section:
    """五、各单位排名: one line per rank; tied units share the line ("第一名 区教育局、区民政局（100%）"); the units at
    0 % in one line after them (snapshots from before they were kept apart have no such line)."""
    blocks: list[Paragraph | Subheading | Table] = []
    pairs = (
        (_("（一）报送及时率"), snapshot["ranking_reporting"], snapshot.get("ranking_reporting_zero", [])),
        (_("（二）推进情况"), snapshot["ranking_progress"], snapshot.get("ranking_progress_zero", [])),
    )
    for heading, ranks, zero in pairs:
        blocks.append(Subheading(heading))
        blocks.extend(Paragraph(_rank_line(entry)) for entry in ranks)
        if zero:
            line = _("另有%(count)s个单位为0%%：%(units)s。") % {"count": len(zero), "units": "、".join(zero)}
            blocks.append(Paragraph(line))
        blocks.extend(() if ranks or zero else _none())
    return Section(_("五、各单位排名"), tuple(blocks))


def _rank_line(entry: dict) -> str:
    return _("第%(rank)s名 %(units)s（%(value)s）") % {
        "rank": _chinese_numeral(int(entry["rank"])),
        "units": "、".join(entry["units"]),
        "value": entry["value"],
    }


def _chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; outside 1–99 the Arabic numeral."""
    digits = "零一二三四五六七八九"
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else "十" if tens == 1 else digits[tens] + "十"
    return head + (digits[ones] if ones else "")


def _requests(snapshot: dict) -> Section:
    """六、未办结的协调事项: unit, subject and age in days."""
    requests = snapshot["open_requests"]
    if not requests:
        return Section(_("六、未办结的协调事项"), _none())
    intro = _("尚未办结的协调事项共%(count)s项：") % {"count": len(requests)}
    body = tuple(
        (Cell(str(n), True), Cell(r["unit"]), Cell(r["subject"]), Cell(str(r["age_days"]), True))
        for n, r in enumerate(requests, 1)
    )
    table = Table((_("序号"), _("提出单位"), _("事项"), _("已历时（天）")), body, (12, 34, 86, 24))
    return Section(_("六、未办结的协调事项"), (Paragraph(intro), table))


# --- HTML and PDF ------------------------------------------------------------------------------------------------


def bulletin_html(snapshot: dict, parts: Parts = bulletin_parts) -> str:
    """The bulletin (or another document in its frame, laid out by ``parts``) as one self-contained HTML document
    (the stylesheet inlined, no external resources), its
    typefaces named as the office's fonts for a browser to find (``fonts.families``).

    Text from the snapshot is escaped by the template engine. ``bulletin_pdf`` prints the same document with the
    faces it found; served as a web page it needs a CSP that allows its inline ``<style>`` (or a download).
    """
    return _html(snapshot, parts, fonts.families())


def _html(snapshot: dict, parts: Parts, families: dict[str, str], font_faces: str = "") -> str:
    with translation.override(LANGUAGE):
        document = _layout(snapshot, parts)
        context = {"bulletin": document, "stylesheet": _stylesheet(), "fonts": _font_css(families, font_faces)}
        return render_to_string(TEMPLATE, context)


@cache
def _stylesheet() -> SafeString:
    """Our own print stylesheet, trusted, inlined so that HTML and PDF need nothing from outside."""
    return mark_safe(STYLESHEET.read_text(encoding="utf-8"))


#: Which elements each typeface role sets (GB/T 9704-2012 §7): 小标宋 the 标志 and title, 仿宋 the body and 版记,
#: 黑体 first-level headings and table headers, 楷体 second-level headings and the 签发人's name, 宋体 the folios.
FONT_SELECTORS = {
    "fangsong": "html",
    "xiaobiaosong": "h1, p.masthead",
    "heiti": "h2, th",
    "kaiti": "h3, span.signer-name",
}


def _font_css(families: dict[str, str], font_faces: str) -> SafeString:
    """``@font-face`` rules for face files, then one font-family rule per role; the folios' in the page's margin
    boxes. Family names are ours or read from font files (quotes cannot occur in them)."""
    rules = [font_faces]
    rules += [f"{selector} {{ font-family: {families[role]}; }}\n" for role, selector in FONT_SELECTORS.items()]
    folio = f"font-family: {families['songti']};"
    rules.append(f"@page :right {{ @bottom-right {{ {folio} }} }}\n@page :left {{ @bottom-left {{ {folio} }} }}\n")
    return mark_safe("".join(rules))


class _OfflineFetcher(URLFetcher):
    """Refuses every URL but the font files found for the PDF: a bulletin must not depend on the network or on
    files that may change."""

    def __init__(self, allowed: set[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.allowed = allowed

    def fetch(self, url, headers=None):
        if url in self.allowed:
            return super().fetch(url, headers)
        raise ValueError(_("督察通报不引用外部资源：%(url)s") % {"url": url})


class MissingFont(RuntimeError):
    """No CJK font to print a Chinese PDF with (the system check ``dukao.E020`` says so at start-up)."""


def bulletin_pdf(snapshot: dict, parts: Parts = bulletin_parts) -> bytes:
    """The bulletin (or another document in its frame, laid out by ``parts``) printed by WeasyPrint: A4 with the
    GB/T 9704-2012 margins, in the faces ``fonts.resolve``
    finds (the office's, else Debian's Fandol, else Noto), embedded as subsets. Dates in the PDF come from the
    issue date (``dcterms.created``), the file identifier from the snapshot, so the bytes are a function of the
    snapshot (and of WeasyPrint, its libraries and the fonts found). Raises ``MissingFont`` when no CJK font is
    installed: never a PDF of boxes."""
    if not cjk_font_installed():
        raise MissingFont(NO_CJK_FONT)
    faces = fonts.resolve()
    html = _html(snapshot, parts, fonts.families(faces), fonts.font_face_rules(faces))
    fetcher = _OfflineFetcher(fonts.font_files(faces), fail_on_errors=True)
    document = HTML(string=html, base_url=None, url_fetcher=fetcher)
    with _source_date_epoch(date.fromisoformat(snapshot["issued_on"])):
        return document.write_pdf(pdf_identifier=_fingerprint(snapshot))


_SOURCE_DATE_LOCK = threading.Lock()


@contextmanager
def _source_date_epoch(day: date) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH (reproducible-builds.org) to ``day`` while WeasyPrint writes the PDF.

    Without HarfBuzz-subset WeasyPrint subsets fonts with fontTools, which stamps each subset's ``head.modified``
    with the current time unless this variable is set. The environment is process-wide: renders take a lock, and
    the previous value is put back.
    """
    epoch = str(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()))
    with _SOURCE_DATE_LOCK:
        previous = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = epoch
        try:
            yield
        finally:
            if previous is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = previous


def _fingerprint(snapshot: dict) -> bytes:
    """32 hex digits of the SHA-256 of the canonical JSON of the snapshot."""
    canonical = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32].encode("ascii")


# --- .docx -------------------------------------------------------------------------------------------------------


def bulletin_docx(snapshot: dict, parts: Parts = bulletin_parts) -> bytes:
    """The bulletin (or another document in its frame, laid out by ``parts``) as a Word document laid out per
    GB/T 9704-2012: A4 (§5.1), margins 37/28/26/35 mm (§5.2.1),
    3号仿宋 in black (§5.2.2, §5.2.4), 22 lines of 28 characters (§5.2.3), 2号小标宋 title (§7.3.1), folios
    "— 1 —" in 4号宋体, odd pages right and even pages left (§7.5). Zip entries and core properties carry the issue
    date, never the time of rendering."""
    with translation.override(LANGUAGE):
        bulletin = _layout(snapshot, parts)
    document = Document()
    _set_up_page(document)
    _set_up_defaults(document)
    _write_front(document, bulletin)
    for section in bulletin.sections:
        _write_section(document, section)
    _write_end(document, bulletin)
    _write_folios(document)
    _set_properties(document, bulletin)
    buffer = io.BytesIO()
    document.save(buffer)
    return _pinned_zip(buffer.getvalue(), bulletin.issued_on)


def _set_up_page(document) -> None:
    """A4 and the margins of §5.2.1; a line grid of 22 lines a page (§5.2.3): 225 mm / 22 = 579 twips.

    A character grid (linesAndChars) would also give 28 characters a line in Word, but LibreOffice spreads the text
    of such a grid over twice the width; body runs are condensed instead (``CONDENSE_TWIPS``).
    """
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # §7.5: the folio's dash sits 7 mm below the text block, i.e. its baseline about 25 mm above the paper edge.
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")


def _set_up_defaults(document) -> None:
    """Document defaults: 仿宋 16 pt black, Chinese, exact 28.9 pt lines, no paragraph spacing.

    The template's defaults name theme fonts (which Word prefers over named ones) and an English East Asian
    language; both are replaced so that Word picks 仿宋_GB2312 for Chinese text.
    """
    r_pr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = r_pr.find(qn("w:rFonts"))
    for attribute in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    _name_fonts(fonts, FANGSONG)
    r_pr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = BLACK
    _name_fonts(normal.element.get_or_add_rPr().get_or_add_rFonts(), FANGSONG)
    spacing = normal.paragraph_format
    spacing.space_before, spacing.space_after, spacing.line_spacing = Pt(0), Pt(0), Pt(LINE_PT)


def _name_fonts(fonts, name: str) -> None:
    """Name one font for every script slot; w:eastAsia is the one Word uses for Chinese characters."""
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _write_front(document, bulletin: Bulletin) -> None:
    """版头 (``_write_masthead``, or for an old snapshot the 发文字号 alone, centred), a blank line, the title centred
    (§7.3.1), a blank line, 主送机关 flush left (§7.3.2), then the 按语/导语 as the first body paragraph."""
    if bulletin.masthead:
        _write_masthead(document, bulletin)
    else:
        _text(document.add_paragraph(), bulletin.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph()
    title = document.add_paragraph()
    title.paragraph_format.line_spacing = Pt(TITLE_LINE_PT)
    _off_grid(title)  # its 35 pt lines keep their pitch instead of snapping to two 28.9 pt grid lines
    _text(title, bulletin.title, font=XIAOBIAOSONG, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph()
    _text(document.add_paragraph(), bulletin.recipients)
    if bulletin.preface:
        _text(document.add_paragraph(), bulletin.preface, indent=True)


def _write_masthead(document, bulletin: Bulletin) -> None:
    """版头 (§7.2): the 发文机关标志 in red 小标宋, centred, its top 35 mm below the text block's top; the 期号 if
    any; two blank lines; the 发文字号 — centred, or with a 签发人 one character in from the left, with "签发人：" and
    the name (楷体) one character in from the right — and 4 mm under it a red rule as wide as the text block (a
    bottom border of the number's paragraph); the title follows two lines under the rule."""
    masthead = document.add_paragraph()
    masthead.paragraph_format.space_before = Mm(35)
    masthead.paragraph_format.line_spacing = 1.0
    _off_grid(masthead)
    run = _text(masthead, bulletin.masthead, font=XIAOBIAOSONG, size=bulletin.masthead_pt)
    run.font.color.rgb = RED
    masthead.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if bulletin.issue_no:
        _text(document.add_paragraph(), bulletin.issue_no, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph()
    document.add_paragraph()
    number = document.add_paragraph()
    if bulletin.signer:
        _two_ends(number, bulletin.number, BODY_PT)
        _text(number, _("签发人："))
        _text(number, bulletin.signer, font=KAITI)
    else:
        _text(number, bulletin.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    _rule(number, "bottom", RULE_RED, space_pt=11, colour="FF0000")  # 11 pt ≈ 4 mm
    document.add_paragraph()


def _two_ends(paragraph: DocxParagraph, left: str, size: float, font: str = FANGSONG) -> None:
    """``left`` one character in from the left, and a right-aligned tab stop one character in from the right for
    what the caller adds after it (签发人, 印发日期)."""
    paragraph.paragraph_format.left_indent = Pt(size)
    paragraph.paragraph_format.right_indent = Pt(size)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(size), WD_TAB_ALIGNMENT.RIGHT)
    _text(paragraph, left + "\t", font=font, size=size)


# Rule weights in eighths of a point (w:sz): red separator 1 pt; 版记's thick 0.35 mm and thin 0.25 mm (§7.4.1).
RULE_RED, RULE_THICK, RULE_THIN = 8, 8, 6


def _rule(paragraph: DocxParagraph, side: str, size: int, *, space_pt: int = 1, colour: str = "000000") -> None:
    """A rule as wide as the paragraph on its ``side`` (top/bottom): a paragraph border (w:pBdr)."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        p_pr.insert_element_before(borders, *_AFTER_BORDERS)
    border = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space_pt)), ("color", colour)):
        border.set(qn(f"w:{key}"), value)
    borders.append(border)


def _write_section(document, section: Section) -> None:
    heading = document.add_paragraph()
    heading.paragraph_format.keep_with_next = True
    _text(heading, section.heading, font=HEITI, indent=True)
    for block in section.blocks:
        if isinstance(block, Table):
            _write_table(document, block)
        elif isinstance(block, Subheading):
            subheading = document.add_paragraph()
            subheading.paragraph_format.keep_with_next = True
            _text(subheading, block.text, font=KAITI, indent=True)
        else:
            _text(document.add_paragraph(), block.text, indent=True)


def _write_end(document, bulletin: Bulletin) -> None:
    """The closing paragraph; 附件说明 a blank line under it, two characters in (§7.3.4); a blank line, then
    发文机关署名 and 成文日期 right-aligned, four characters from the right edge (the brief's reading of §7.3.5.1,
    which for a sealed document centres the 署名 over the date). Kept with the end of the closing paragraph: the
    signature never stands alone on a page. Then the 版记 (``_write_colophon``)."""
    closing = document.add_paragraph()
    _text(closing, bulletin.closing, indent=True)
    kept = [closing]
    if bulletin.attachments:
        kept.append(document.add_paragraph())
        for n, line in enumerate(bulletin.attachments):
            attachment = document.add_paragraph()
            _text(attachment, line, indent=True)
            if n:  # under the first one's number: "附件：" is three characters
                _indent(attachment, "firstLine", 5, BODY_PT)
            kept.append(attachment)
    kept.append(document.add_paragraph())
    issuer, day = document.add_paragraph(), document.add_paragraph()
    for paragraph, line in ((issuer, bulletin.issuer), (day, bulletin.date_label)):
        _text(paragraph, line, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _indent(paragraph, "right", 4, BODY_PT)
    for paragraph in (*kept, issuer):
        paragraph.paragraph_format.keep_with_next = True
    if bulletin.printer:
        _write_colophon(document, bulletin)


def _write_colophon(document, bulletin: Bulletin) -> None:
    """版记 (§7.4) in 4号仿宋: "抄送：…。" one character in on both sides, then 印发机关 one character in from the
    left and "2019年7月5日印发" one character in from the right; a thick rule above the first and under the last,
    a thin one between. A table of one column floated to the bottom of the text block (w:tblpPr), so that on the
    last page its last rule lies on the text block's lower edge."""
    rows = 1 + bool(bulletin.copy_to)
    grid = document.add_table(rows=rows, cols=1)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    grid.columns[0].width = grid.rows[0].cells[0].width = Mm(TEXT_WIDTH_MM)
    _narrow_cell_margins(grid, 0)
    if bulletin.copy_to:
        copy_to = grid.rows[0].cells[0].paragraphs[0]
        _text(copy_to, bulletin.copy_to, size=COLOPHON_PT)
        copy_to.paragraph_format.left_indent = copy_to.paragraph_format.right_indent = Pt(COLOPHON_PT)
    printed = grid.rows[-1].cells[0].paragraphs[0]
    grid.rows[-1].cells[0].width = Mm(TEXT_WIDTH_MM)
    _two_ends(printed, bulletin.printer, COLOPHON_PT)
    _text(printed, bulletin.printed_label, size=COLOPHON_PT)
    for row in grid.rows:
        paragraph = row.cells[0].paragraphs[0]
        paragraph.paragraph_format.line_spacing = 1.0
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(4)
        _off_grid(paragraph)
    properties = grid._tbl.tblPr
    floating = OxmlElement("w:tblpPr")
    for key, value in (
        ("vertAnchor", "margin"),
        ("tblpYSpec", "bottom"),
        ("horzAnchor", "margin"),
        ("tblpXSpec", "center"),
    ):
        floating.set(qn(f"w:{key}"), value)
    properties.insert_element_before(floating, *_AFTER_FLOATING)
    borders = OxmlElement("w:tblBorders")
    for side, size in (("top", RULE_THICK), ("bottom", RULE_THICK), ("insideH", RULE_THIN)):
        border = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", str(size)), ("space", "0"), ("color", "000000")):
            border.set(qn(f"w:{key}"), value)
        borders.append(border)
    properties.insert_element_before(borders, *_AFTER_FLOATING[_AFTER_FLOATING.index("w:shd") :])


def _text(
    paragraph: DocxParagraph,
    text: str,
    *,
    font: str = FANGSONG,
    size: float = BODY_PT,
    align=None,
    indent: bool = False,
) -> Run:
    """One run of ``text`` in ``font``; ``indent`` sets the two-character first-line indent of body text."""
    if align is not None:
        paragraph.alignment = align
    if indent:
        _indent(paragraph, "firstLine", 2, size)
    run = paragraph.add_run(text)
    _format_run(run, font, size)
    return run


def _format_run(run: Run, font: str, size: float) -> None:
    run.font.name = font
    run.font.size = Pt(size)
    run.font.color.rgb = BLACK
    r_pr = run._r.get_or_add_rPr()
    _name_fonts(r_pr.get_or_add_rFonts(), font)
    if size == BODY_PT:
        condense = OxmlElement("w:spacing")
        condense.set(qn("w:val"), str(CONDENSE_TWIPS))
        r_pr.insert_element_before(condense, *_AFTER_RUN_SPACING)


def _indent(paragraph: DocxParagraph, side: str, characters: int, size: float) -> None:
    """Indent in characters (w:firstLineChars / w:rightChars, hundredths of a character, which Word measures on
    the grid) with the equivalent in twips for readers that ignore the character units."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn(f"w:{side}"), str(round(characters * size * 20)))
    ind.set(qn(f"w:{side}Chars"), str(characters * 100))


# The elements that follow w:spacing in CT_RPr's sequence (ECMA-376 Part 1, CT_RPr).
_AFTER_RUN_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip

# The elements that follow w:snapToGrid in CT_PPr's sequence (ECMA-376 Part 1, CT_PPr).
_AFTER_SNAP_TO_GRID = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip

# The elements that follow w:pBdr in CT_PPr's sequence.
_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", *_AFTER_SNAP_TO_GRID,
)  # fmt: skip

# The elements that follow w:tblpPr in CT_TblPr's sequence (w:tblBorders comes before w:shd).
_AFTER_FLOATING = (
    "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc",
    "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
    "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip


def _off_grid(paragraph: DocxParagraph) -> None:
    """Let a paragraph keep its own pitch: not snapped to the document grid."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().insert_element_before(snap, *_AFTER_SNAP_TO_GRID)


def _write_table(document, table: Table) -> None:
    """A ruled ("Table Grid") table, 小四仿宋, header row in 黑体 repeated on each page, rows not split."""
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _narrow_cell_margins(grid)
    for column, width in zip(grid.columns, table.widths_mm, strict=True):
        column.width = Mm(width)
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        _fill_cell(cell, Cell(header, True), HEITI)
    for row, cells in zip(grid.rows[1:], table.rows, strict=True):
        for cell, content in zip(row.cells, cells, strict=True):
            _fill_cell(cell, content, FANGSONG)
    for row in grid.rows:
        _keep_row(row, table.widths_mm)
    _repeat_header(grid.rows[0])


def _narrow_cell_margins(grid, twips: int = 57) -> None:
    """1 mm left and right instead of Table Grid's 1.9 mm, so that "需年终评定" breaks after three characters
    in a 15 mm column, as in the PDF (the 版记 takes none: its text is indented from the rules' ends)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    grid._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _fill_cell(cell: _Cell, content: Cell, font: str) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing = 1.0
    _off_grid(paragraph)
    align = WD_ALIGN_PARAGRAPH.CENTER if content.centred else WD_ALIGN_PARAGRAPH.LEFT
    _text(paragraph, content.text, font=font, size=TABLE_PT, align=align)


def _repeat_header(row) -> None:
    """Mark the header row to repeat on each page (after w:cantSplit: CT_TrPr is an ordered sequence)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _keep_row(row, widths_mm: tuple[int, ...]) -> None:
    """Word reads each cell's own width, not only the grid's; a row breaking across pages is hard to read."""
    for cell, width in zip(row.cells, widths_mm, strict=True):
        cell.width = Mm(width)
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _write_folios(document) -> None:
    """Page numbers "— 1 —", 4号宋体: odd pages at the right, even pages at the left, one character in (§7.5)."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    _folio(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT, "right")
    _folio(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT, "left")


def _folio(paragraph: DocxParagraph, align, side: str) -> None:
    paragraph.alignment = align
    paragraph.paragraph_format.line_spacing = 1.0
    _off_grid(paragraph)
    _indent(paragraph, side, 1, FOLIO_PT)
    _format_run(paragraph.add_run("— "), SONGTI, FOLIO_PT)
    for tag, value in _PAGE_FIELD:
        run = paragraph.add_run()
        _format_run(run, SONGTI, FOLIO_PT)
        run._r.append(_field_part(tag, value))
    _format_run(paragraph.add_run(" —"), SONGTI, FOLIO_PT)


# A complex PAGE field; "1" is the cached result a reader shows until it updates fields.
_PAGE_FIELD = (("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"), ("t", "1"), ("fldChar", "end"))


def _field_part(tag: str, value: str):
    element = OxmlElement(f"w:{tag}")
    if tag == "fldChar":
        element.set(qn("w:fldCharType"), value)
    else:
        element.set(qn("xml:space"), "preserve")
        element.text = value
    return element


def _set_properties(document, bulletin: Bulletin) -> None:
    """Core properties from the bulletin; every date is the issue date (python-docx would write "now")."""
    properties = document.core_properties
    properties.title = bulletin.title
    properties.subject = bulletin.number
    properties.author = properties.last_modified_by = bulletin.issuer
    properties.language = "zh-CN"
    properties.revision = 1
    issued = datetime(bulletin.issued_on.year, bulletin.issued_on.month, bulletin.issued_on.day, tzinfo=UTC)
    properties.created = properties.modified = properties.last_printed = issued
    # The template's thumbnail shows an empty page; better none than a wrong one.
    thumbnails = [rid for rid, rel in document.part.package.rels.items() if rel.reltype.endswith("/thumbnail")]
    for rid in thumbnails:
        document.part.package.rels.pop(rid)


def _pinned_zip(data: bytes, day: date) -> bytes:
    """Rewrite the package with every entry dated ``day`` 00:00 and fixed attributes (zipfile would stamp the
    current local time and the host's system), entries in the order python-docx wrote them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as package:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            package.writestr(entry, source.read(item.filename))
    return target.getvalue()
