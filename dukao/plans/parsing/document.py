"""Parse a decomposition notice (lines of cells, see ``reader.py``) into plans and tasks. Pure Python.

The seed (``data/seeds/000_26a01e5d1773f912.txt``) is the model: a notice (recipients, body, 附件 list,
issuing office, date, publication note) followed by annexes, each an optional label ``附件1``, an optional
title, an optional target-type legend ``(注:A类指责任目标;…)`` and a table whose header names its columns.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from dukao.plans.parsing.blocks import blocks_plan, numbered_item, split_blocks
from dukao.plans.parsing.cleaning import clean
from dukao.plans.parsing.errors import DocumentError, Location, Problem
from dukao.plans.parsing.reader import Line
from dukao.plans.parsing.regrid import regrid
from dukao.plans.parsing.shapes import (
    COLUMN_LABELS,
    ParsedDocument,
    ParsedNotice,
    ParsedPlan,
    ParsedTask,
    Sections,
    add_task,
    assign_units,
    header_key,
    heading_leaders,
    person_names,
    plan_kind,
    qualify_seqs,
    shorten_names,
    split_names,
    too_long,
)

_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")  # 2019年2月15日
_DISCLOSURE = re.compile(r"^[(（](此件.+)[)）]$")  # (此件可公开发布)
# 附件1; a lone "附件" labels the only annex (GB/T 9704-2012: a single attachment carries no number)
_ANNEX_LABEL = re.compile(r"^附件\s*(\d*)$")
_ATTACHMENTS = re.compile(r"^附件[:：]\s*(.*)$")  # 附件:1. 2019年…分解表
_ATTACHMENT_ITEM = re.compile(r"^(\d+)[.．、]\s*(.+)$")  # 2. 2019年民生实事项目目标任务分解表
_LEGEND_ITEM = re.compile(r"([A-Z])类指([^;；,，。)）]+)")  # A类指责任目标
_TITLE = re.compile(
    r"(分解表|任务表|项目表|清单|计划表|责任分解|分工方案|任务分工|分解方案|任务分解|工作方案|实施方案)(?:[(（]\d{4}年[)）])?$"
)
# 关于印发2021年重点工作任务分解方案的通知 / 现将《2021年重点工作任务分解方案》印发给你们
# 《2023年…实施方案》已经市政府同意
_CIRCULATE = re.compile(
    r"[关關]于\s*(?:印发|印發)?《?(.+?)》?的通知|现将《(.+?)》印发|《([^《》]+)》(?:和《[^《》]+》)?已经"
)
# A document that is itself the plan: "国务院关于落实《政府工作报告》重点工作部门分工的意见", without its number
_OWN_TITLE = re.compile(r"^(\S*关于\S+的(?:实施)?(?:意见|方案|工作要点))(?:[(（]\S*〔\d{4}〕\d+号[)）])?$")
_HEADING_LINE_MAX = 40
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_MARK = re.compile(r"[，,。：:；;！？!?>|]")  # and a page's navigation path (首页>政务)
_NUMERAL = r"[\d〇○零一二三四五六七八九十]"
_ANY_DATE = re.compile(rf"^{_NUMERAL}{{2,4}}年{_NUMERAL}{{1,3}}月{_NUMERAL}{{1,3}}日$")  # 二○○六年三月三十日
_CONJUNCTIONS = ("和", "及", "与", "暨")
_DOCUMENT_NUMBER_YEAR = re.compile(r"[〔\[［]((?:19|20)\d{2})[〕\]］]\s*\d+\s*号")  # 长府办发〔2012〕19号
# How a whole last line ends (a sentence, a bracket, a unit name); anything else, or a cut mark, is a cut-off copy.
_WHOLE_ENDINGS = tuple("。；;.．)）」”局委办会府室处部厅院所心队团站司行")
# A spreadsheet date kept as its serial number (days since 1899-12-30, as Excel counts): 1954 to 2064.
_SERIAL_DATE = re.compile(r"^\d{5}$")
_SERIAL_RANGE = (20000, 60000)
_SERIAL_EPOCH = date(1899, 12, 30)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TYPE_CODE = re.compile(r"^([A-Z])类?$")  # A类 / A
_LINE_BREAK = re.compile(r"\s*\n\s*")  # a line break inside a cell ("打造“15分钟\n便民生活圈”")
_SEQ_TRIM = re.compile(r"\s+|[.．、]$")  # "      1        " / "1、" → "1"


@dataclass
class _Section:
    preamble: list[Line]
    header: Line
    rows: list[Line]


def parse_document(
    lines: list[Line], file_name: str, lead_rule: str = "first_listed", title: str = "", year: int = 0
) -> ParsedDocument:
    """Parse the lines of ``file_name`` into a ``ParsedDocument``.

    Tables whose cells arrive one per line or flattened are rebuilt first (``regrid.py``); tables (a header
    row naming a task column and a 序号 or unit column) are read next; a document with no table is read as
    label blocks (``blocks.py``). ``lead_rule`` applies only where there is a 责任单位 column or label
    and no 牵头部门: ``first_listed`` (the first unit leads, the others cooperate) or ``all_jointly`` (all
    lead). ``title`` and ``year`` (``--title``/``--year``, the web import's fields) stand in where the document
    gives none; the file name is never a title. A last row cut off without its lead is left out with a
    warning. Raises ``DocumentError`` listing every problem (no tasks at all, a missing lead column, an empty
    or duplicate 序号, an unknown type code, no title or year…).
    """
    lines, cleaned = clean(lines)
    lines, regridded = regrid(lines)
    notice_lines, sections = _split(lines)
    problems: list[Problem] = []
    if sections:
        document = ParsedDocument(file_name, _parse_notice(notice_lines), [])
        for section in sections:
            plan = _parse_section(section, document, lead_rule, (title, year), problems)
            if plan is not None:
                document.plans.append(plan)
    else:
        document = _parse_blocks(lines, file_name, lead_rule, (title, year), problems)
    _drop_cut_row(document, lines, problems)
    if problems:
        raise DocumentError(problems)
    document.repairs[:0] = cleaned + regridded
    for plan in document.plans:
        qualify_seqs(plan, document.repairs)
        shorten_names(plan, document.repairs)
    if problems := [problem for plan in document.plans for problem in too_long(plan)]:
        raise DocumentError(problems)
    return document


def _parse_blocks(
    lines: list[Line], file_name: str, lead_rule: str, given: tuple[str, int], problems: list[Problem]
) -> ParsedDocument:
    other, blocks = split_blocks([line for line in lines if line.filled])
    if not blocks:
        raise DocumentError([_no_tasks(lines, file_name)])
    notice = _parse_notice(other)
    title = _blocks_title([line.text for line in other]) or given[0]
    year = plan_year(title, notice) or plan_year(notice.body, notice) or given[1]
    plan = ParsedPlan(title, year, plan_kind(title), None, {}, lead_rule, blocks[0].location)
    _require_title_and_year(plan, problems)
    blocks_plan(blocks, plan, lead_rule, problems)
    return ParsedDocument(file_name, notice, [plan])


def _no_tasks(lines: list[Line], file_name: str) -> Problem:
    """Why a document without tables or task blocks is refused, at the first numbered paragraph (which names no
    lead unit) or else at the first line, where a header row was looked for."""
    filled = [line for line in lines if line.filled]
    numbered = next((line for line in filled if numbered_item(line.text)), None)
    message = "没有找到目标任务分解表：缺少含“序号”“任务名称”“牵头部门”等列名的表头行，也没有标明“牵头单位：”的任务段落"
    if numbered is not None:
        where = numbered.location.at(COLUMN_LABELS["lead"])
        return Problem(where, f"{message}（此行起的编号段落都没有标明牵头单位或责任单位）。")
    where = filled[0].location if filled else Location(file_name, 1)
    return Problem(where.at("表头"), f"{message}。")


def _drop_cut_row(document: ParsedDocument, lines: list[Line], problems: list[Problem]) -> None:
    """A document cut off inside its last row (it ends mid-sentence, or with a copy's cut mark): that row, when
    it lacks its lead units, is left out with a warning instead of refusing the document."""
    last = next((line for line in reversed(lines) if line.filled), None)
    if last is None or not last.is_text or last.text.endswith(_WHOLE_ENDINGS) or not document.plans:
        return
    plan = document.plans[-1]
    task = plan.tasks[-1] if plan.tasks else None
    if task is None:
        return
    lacking = [p for p in problems if p.location.row == task.location.row and "没有牵头部门" in p.message]
    if task.lead_units or not lacking:
        return
    plan.tasks.pop()
    problems[:] = [p for p in problems if p not in lacking]
    where = task.location.describe()
    document.warnings.append(f"“{plan.title}”序号{task.seq}（{where}）：文件在此行截断，没有牵头部门，未导入。")


def _require_title_and_year(plan: ParsedPlan, problems: list[Problem]) -> None:
    """A plan needs a title and a year; where the document gives none, the import asks for them."""
    if not plan.title:
        message = "文件中没有找到分解表的标题：请在导入时填写标题（命令行 --title，网页导入的“标题”栏）。"
        problems.append(Problem(plan.location.at("标题"), message))
    if not plan.year:
        message = (
            "无法确定任务所属年度（文件中没有“××年”字样或成文日期）：请在导入时填写年度（--year，网页导入的“年度”栏）。"
        )
        problems.append(Problem(plan.location.at("年度"), message))


def _blocks_title(texts: list[str]) -> str:
    """The plan title of a label-block document: its own heading (the last one above the tasks, its wrapped lines
    joined), or the subject of "关于印发…的通知"."""
    headings = [run for run in title_runs(texts) if _starts_table(run) and not _ANNEX_LABEL.match(run)]
    if headings:
        return headings[-1]
    for text in texts:
        if match := _CIRCULATE.search(text):
            return match.group(1) or match.group(2) or match.group(3)
    return next((match.group(1) for text in texts if (match := _OWN_TITLE.match(text.strip()))), "")


def title_runs(texts: list[str]) -> list[str]:
    """Heading lines joined where a heading wraps over several lines: a run of short lines without sentence
    punctuation. A date, a document number, an annex label, a numbered item, a bracketed remark or a line without
    a Chinese character ends a run; a run closes after a line ending in 通知 (the notice's own title, 特此通知) and
    where it ends in a title word (…分解方案) unless the next line goes on with 和/及/与/暨."""
    texts = [text.strip() for text in texts]
    runs: list[str] = []
    current = ""
    for index, text in enumerate(texts):
        if _is_heading_piece(text):
            current += text
            following = texts[index + 1] if index + 1 < len(texts) else ""
            closes = text.endswith("通知") or (_TITLE.search(current) and not following.startswith(_CONJUNCTIONS))
            if not closes:
                continue
        if current:
            runs.append(current)
        current = ""
    return runs + [current] if current else runs


def _is_heading_piece(text: str) -> bool:
    return (
        len(text) <= _HEADING_LINE_MAX
        and _CHINESE.search(text) is not None
        and not _SENTENCE_MARK.search(text)
        and not _ANY_DATE.match(re.sub(r"\s", "", text))
        and not _ANNEX_LABEL.match(text)
        and not _DOCUMENT_NUMBER_YEAR.search(text)
        and not text.startswith(("(", "（"))
        and not numbered_item(text)
    )


def _header_columns(line: Line) -> dict[str, int] | None:
    """Map column keys to cell indexes when ``line`` is a table header: it names a task column and a 序号
    or a unit column (a table may have no 序号). Header cells are named by role (``shapes.header_key``)."""
    if line.is_text:
        return None
    columns: dict[str, int] = {}
    for index, cell in enumerate(line.cells):
        key = header_key(cell)
        if key is not None and key not in columns:
            columns[key] = index
    if "name" not in columns or not columns.keys() & {"seq", "lead", "responsible", "assessing"}:
        return None
    return columns


def _split(lines: list[Line]) -> tuple[list[Line], list[_Section]]:
    notice: list[Line] = []
    sections: list[_Section] = []
    pending: list[Line] = []
    current: _Section | None = None
    for line in lines:
        if not line.filled:
            continue
        if (columns := _header_columns(line)) is not None:
            if current is not None and columns == _header_columns(current.header):
                continue  # the header repeated after a page break (or atop the next sheet): the table goes on
            current = _Section(pending, line, [])
            sections.append(current)
            pending = []
        elif not line.is_text or (current is not None and not _starts_table(line.text)):
            if current is not None:
                current.rows.append(line)  # a row, or a heading inside the table
        elif sections or pending or _starts_table(line.text):
            pending.append(line)  # the preamble of the next table: label, title, legend
            current = None
        else:
            notice.append(line)
    return notice, sections


def _starts_table(text: str) -> bool:
    """An annex label (附件2) or a table title (…分解表), but not an item of the notice's 附件 list."""
    if _ANNEX_LABEL.match(text):
        return True
    return bool(_TITLE.search(text)) and not _ATTACHMENT_ITEM.match(text) and not _ATTACHMENTS.match(text)


def _parse_notice(lines: list[Line]) -> ParsedNotice:
    """The notice's parts. The recipients are the first line ending with a colon that no sentence precedes
    (only the notice's title and document number may stand above them, GB/T 9704-2012)."""
    notice = ParsedNotice()
    texts = [line.text for line in lines]
    body: list[str] = []
    in_attachments = False
    for index, text in enumerate(texts):
        date_match = _DATE.match(text)
        if date_match:
            notice.issued_on = date(*(int(g) for g in date_match.groups()))
            notice.issuer = texts[index - 1] if index else ""
            if body and body[-1] == notice.issuer:
                body.pop()
            in_attachments = False
        elif (match := _DISCLOSURE.match(text)) is not None:
            notice.disclosure = match.group(1)
        elif _is_recipients(texts, index):
            notice.recipients = text.rstrip(":：")
        elif (match := _ATTACHMENTS.match(text)) is not None:
            in_attachments = True
            _add_attachment(notice, match.group(1), unnumbered=True)
        elif in_attachments and _ATTACHMENT_ITEM.match(text):
            _add_attachment(notice, text)
        else:
            in_attachments = False
            body.append(text)
    notice.body = "\n".join(body)
    return notice


def _is_recipients(texts: list[str], index: int) -> bool:
    text = texts[index]
    if not text.endswith((":", "：")) or _ATTACHMENTS.match(text):
        return False
    return not any(earlier.endswith((":", "：", "。")) for earlier in texts[:index])


def _add_attachment(notice: ParsedNotice, text: str, unnumbered: bool = False) -> None:
    """Record one item of the 附件 list: "2. 2019年…分解表"; with ``unnumbered`` (the text after "附件："),
    an item without a number is the only attachment, number 1 (GB/T 9704-2012)."""
    match = _ATTACHMENT_ITEM.match(text)
    if match:
        notice.attachments[int(match.group(1))] = match.group(2).strip()
    elif unnumbered and text.strip():
        notice.attachments[1] = text.strip()


def _read_preamble(lines: list[Line]) -> tuple[int | None, str, dict[str, str]]:
    annex_no, title, legend = None, "", {}
    for line in lines:
        text = line.text
        if (match := _ANNEX_LABEL.match(text)) is not None:
            annex_no = int(match.group(1) or 1)
        elif items := _LEGEND_ITEM.findall(text):
            legend = {code: label.strip() for code, label in items}
        elif _TITLE.search(text):
            title = text
    return annex_no, title, legend


def _cell(row: Line, columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return row.cells[index] if index is not None and index < len(row.cells) else ""


def _parse_section(
    section: _Section, document: ParsedDocument, lead_rule: str, given: tuple[str, int], problems: list[Problem]
) -> ParsedPlan | None:
    notice = document.notice
    header = section.header
    columns = _header_columns(header) or {}
    if not columns.keys() & {"lead", "responsible", "assessing"}:
        problems.append(Problem(header.location.at(COLUMN_LABELS["lead"]), "表头缺少“牵头部门”（或“责任单位”）列。"))
        return None
    annex_no, title, legend = _read_preamble(section.preamble)
    title = title or notice.attachments.get(annex_no or 0, "") or (f"附件{annex_no}" if annex_no else "")
    title = title or _blocks_title([line.text for line in section.preamble]) or given[0]
    year = plan_year(title, notice) or plan_year(notice.body, notice) or given[1]
    plan = ParsedPlan(
        title=title,
        year=year,
        kind=plan_kind(title),
        annex_no=annex_no,
        target_types=legend,
        lead_rule="explicit" if "lead" in columns else lead_rule,
        location=header.location,
    )
    if not title or not year:
        _require_title_and_year(plan, problems)
        return None
    _Rows(plan, columns, document, problems).read(section.rows)
    if not plan.tasks and not problems:
        problems.append(Problem(header.location.at(COLUMN_LABELS["name"]), "表头下没有任务行，没有可导入的目标任务。"))
        return None
    return plan


def plan_year(title: str, notice: ParsedNotice) -> int:
    """The plan's year: the first "20xx年" of its title, else the notice's year, else the year of a document
    number in ``title`` ("长府办发〔2012〕19号"), else 0 (unknown)."""
    match = _YEAR.search(title)
    if match is None and notice.issued_on is not None:
        return notice.issued_on.year
    match = match or _DOCUMENT_NUMBER_YEAR.search(title)
    return int(match.group(1)) if match else 0


# Columns kept in a task's remarks, each with its label: a task's source document, an assessed target's points
# and the units that assess it (not doers: "区发改局区统计局" run together is split into 区发改局、区统计局).
_REMARK_COLUMNS = (("remarks", ""), ("source", "任务来源："), ("score", "分值："), ("assessing", "考核单位："))
_RUN_TOGETHER = re.compile(r"(?<=[局委办])(?=[区市县省])")


def _remarks(cell: Callable[[str], str]) -> str:
    texts = {key: cell(key) for key, _ in _REMARK_COLUMNS}
    texts["assessing"] = "、".join(split_names(_RUN_TOGETHER.sub("、", texts["assessing"])))
    return "；".join(label + texts[key] for key, label in _REMARK_COLUMNS if texts[key])


@dataclass
class _Rows:
    """Reads a grid table's rows into tasks: section headings naming a leader apply to the rows beneath,
    a row without its own 序号 (empty, or merged down from the row above) continues the task above."""

    plan: ParsedPlan
    columns: dict[str, int]
    document: ParsedDocument
    problems: list[Problem]
    leaders: list[str] = field(default_factory=list)
    sections: Sections = field(default_factory=Sections)
    seen: dict[str, ParsedTask] = field(default_factory=dict)
    parent: ParsedTask | None = None
    continuations: int = 0
    numbered: int = 0  # rows numbered in order, for a table without a 序号 column

    def read(self, rows: list[Line]) -> None:
        lead_key = next((key for key in ("lead", "responsible") if key in self.columns), "")
        lead_column = COLUMN_LABELS[lead_key] if lead_key else ""
        if not lead_key:
            self.document.warnings.append(
                f"“{self.plan.title}”只列出考核（监考）单位，没有牵头部门或责任单位：考核单位记入备注，"
                "导入后请为各项任务指定牵头部门。"
            )
        for row in rows:
            if row.is_text:
                self._heading(row.text)
                continue
            task = self._task(row)
            if task is not None:
                task.section = self.sections.path
                add_task(self.plan, task, lead_column, self.seen, self.problems)
        if "seq" not in self.columns and self.numbered:
            self.document.repairs.append(
                f"“{self.plan.title}”的表格没有“序号”列：{self.numbered}行按顺序编为序号1至{self.numbered}。"
            )

    def _heading(self, text: str) -> None:
        """A group row: it names the leaders of the rows beneath, or starts a section, or both."""
        leaders = heading_leaders(text)
        if leaders:
            self.leaders = leaders
        self.sections.heading(text)

    def _task(self, row: Line) -> ParsedTask | None:
        if "seq" not in self.columns:
            self.numbered += 1
            return self._row_task(row, str(self.numbered), continues=False)
        seq = _SEQ_TRIM.sub("", _cell(row, self.columns, "seq"))
        continues = self.parent is not None and (not seq or self.columns["seq"] in row.merged_from_above)
        if not seq and not continues:
            self.problems.append(Problem(row.location.at(COLUMN_LABELS["seq"]), "序号为空。"))
            return None
        task = self._row_task(row, seq, continues)
        if continues and self.parent is not None:
            self._continue(task, self.parent)
        else:
            self.parent, self.continuations = task, 1
        if not task.name:
            self.problems.append(Problem(row.location.at(COLUMN_LABELS["name"]), f"序号{task.seq}的任务名称为空。"))
        return task

    def _row_task(self, row: Line, seq: str, continues: bool) -> ParsedTask:
        cell = lambda key: _cell(row, self.columns, key)  # noqa: E731
        task = ParsedTask(
            seq=seq,
            name=_LINE_BREAK.sub("", cell("name")),
            requirement=cell("requirement"),
            location=row.location,
            leaders=person_names(cell("leaders")) or list(self.leaders),
            deadline_text=self._deadline(cell("deadline"), row),
            remarks=_remarks(cell),
            category=cell("category"),
            target_value=cell("target_value"),
        )
        if task.target_value and task.target_value not in task.requirement:
            task.requirement = "；".join(part for part in (task.requirement, f"目标值{task.target_value}") if part)
            self.document.repairs.append(
                f"“{self.plan.title}”序号{seq}（{row.location.describe()}）：“目标值”列的“{task.target_value}”"
                "并入指标要求，作为指标的目标值。"
            )
        cooperating, type_text = cell("cooperating"), cell("target_type")
        if "target_type" in self.columns and not type_text and _TYPE_CODE.match(cooperating):
            self.document.repairs.append(
                f"“{self.plan.title}”序号{seq}（{row.location.describe()}）：目标类型“{cooperating}”误填在“配合部门”列，"
                "已移至“目标类型”列，配合部门为空。"
            )
            type_text, cooperating = cooperating, ""
        if "target_type" in self.columns and (type_text or not continues):  # a sub-row may inherit it
            task.target_type = self._target_type(type_text, row)
        assign_units(task, cell("lead"), cell("responsible"), cooperating, self.plan.lead_rule)
        return task

    def _deadline(self, text: str, row: Line) -> str:
        """A 完成时限 cell; a spreadsheet date stored as a serial number in a General cell (43646) is read as
        the date it stands for (2019年6月30日), and the repair is listed."""
        if not _SERIAL_DATE.match(text) or not _SERIAL_RANGE[0] <= int(text) <= _SERIAL_RANGE[1]:
            return text
        day = _SERIAL_EPOCH + timedelta(days=int(text))
        written = f"{day.year}年{day.month}月{day.day}日"
        self.document.repairs.append(
            f"“{self.plan.title}”{row.location.describe()}：完成时限“{text}”是以数字保存的日期，读作{written}。"
        )
        return written

    def _continue(self, task: ParsedTask, parent: ParsedTask) -> None:
        """A sub-row: numbered after its parent (5-2, 5-3 …), inheriting what it leaves empty."""
        self.continuations += 1
        task.seq = f"{parent.seq}-{self.continuations}"
        task.name = task.name or parent.name
        task.requirement = task.requirement or parent.requirement
        task.target_type = task.target_type or parent.target_type
        task.leaders = task.leaders or parent.leaders
        task.deadline_text = task.deadline_text or parent.deadline_text
        self.document.repairs.append(
            f"“{self.plan.title}”{task.location.describe()}：没有单独的序号，视为序号{parent.seq}的续行"
            f"（牵头部门{'、'.join(task.lead_units) or '未填'}），编为序号{task.seq}。"
        )

    def _target_type(self, text: str, row: Line) -> str:
        code = re.sub(r"\s+", "", text)
        match = _TYPE_CODE.match(code)
        if match and (not self.plan.target_types or match.group(1) in self.plan.target_types):
            return match.group(1)
        known = "、".join(f"{c}类" for c in self.plan.target_types) or "A类、B类……"
        where = row.location.at(COLUMN_LABELS["target_type"])
        self.problems.append(Problem(where, f"目标类型“{text}”无法识别（应为{known}）。"))
        return ""
