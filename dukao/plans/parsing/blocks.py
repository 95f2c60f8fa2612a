"""Label-block layouts: tasks written as numbered paragraphs instead of table rows. Pure Python.

Two shapes are read (docs/import.md, "Pipeline"), in any mix within one document:

    1. 推进数字经济发展。全年数字经济核心产业增加值增长15%。
    牵头单位：区发改经信局
    配合单位：区统计局、区科技局

    2. 新建口袋公园5个。（牵头单位：区城管局；配合单位：各街道办事处；完成时限：9月底前）

    3. 加快重大项目建设。全年完成年度投资86亿元。
    牵头单位：区发改局；配合单位：区住房和城建局

The labels are the table headers' synonyms (``shapes.COLUMN_SYNONYMS``). A numbered paragraph with no
lead (or responsible) label is prose of the notice, not a task. A heading naming a leader ("（一）由王强副区长
牵头的工作") applies to the tasks beneath.
"""

import itertools
import re
from dataclasses import dataclass, field

from dukao.plans.parsing.errors import Location, Problem
from dukao.plans.parsing.reader import Line
from dukao.plans.parsing.shapes import (
    COLUMN_LABELS,
    TRADITIONAL_LABELS,
    ParsedPlan,
    ParsedTask,
    Sections,
    add_task,
    assign_units,
    heading_leaders,
    person_names,
)
from dukao.plans.parsing.tails import BODY_ENDINGS, LABEL_KEYS, VALUE_TRIM, by_verbs, labelled, split_tail

_NUMBERED = re.compile(r"^(\d{1,3})\s*[.．、﹒]\s*(.+)$")  # 1. 推进……  /  12、推进……  /  1﹒推进……
_LABEL = re.compile(r"^\s*([\u4e00-\u9fff]{2,8})\s*[:：]\s*(.*)$")  # 牵头单位：区发改经信局
_SENTENCE_END = re.compile(r"[。；;]")
# A sentence giving the unit of the targets above it: "4项目标的责任单位均为市发展改革委。" (the last 4),
# "该目标责任单位为市经委。" (the last one); simplified or traditional script.
_GROUPED = re.compile(r"^(?:(\d{1,2})[项項]目[标標]的|[该該]目[标標])[责責]任[单單]位均?[为為](.+?)[。.]?$")
# A heading that names a class of targets and counts them: "（一）跨越式发展目标。主要针对……，包括8项。"
_COUNTED_CLASS = re.compile(r"^\s*[(（][一二三四五六七八九十]+[)）]([^。]{2,20})。.*包括\d+[项項]。?$")
# Where a sub-item "(2)" starts on its item's line: at the first "(1)", and right after the tail closing the one before.
_SUB_ITEM = re.compile(r"(?:^|(?<=[。;；)）]))[(（](\d{1,2})[)）]")
_UNIT_KEYS = ("lead", "responsible", "cooperating")
_DIVISION_LABELS = frozenset({"部门分工", "责任分工", "单位分工", "分工"})
_BULLET = re.compile(r"^[▲△●◆■]\s*")  # "▲增加值可比增长14%左右": an indicator line of the item above
_PAGE_MARK = re.compile(r"^[—–\-\s]*\d{1,3}[—–\-\s]*$")  # "— — — 3 —": a PDF page number between blocks
# The rest of a label's value a hard line wrap carried over ("园区党工" / "委、各街道党工委"): no sentence, no label.
_WRAPPED_VALUE = re.compile(r"^[^。:：()（）\[\]]{1,40}$")


@dataclass
class _Block:
    seq: str
    text: str
    location: Location
    labels: dict[str, str] = field(default_factory=dict)
    leaders: list[str] = field(default_factory=list)
    section: str = ""
    category: str = ""
    last_label: str = ""  # the key of the label read last, whose value a wrapped line continues

    def wrapped(self) -> bool:
        """Whether the last label's unit list stops inside a name ("…、园区党工"), so the next line goes on with it."""
        value = self.labels.get(self.last_label, "")
        return self.last_label in _UNIT_KEYS and bool(value) and not value.endswith(BODY_ENDINGS)

    def take_tail(self) -> None:
        """Read the responsibility tail closing the text, if any ("……。（市国土局牵头）")."""
        if not self.labels and (found := split_tail(self.text)) is not None:
            self.text, self.labels = found


def _label(text: str) -> dict[str, str] | None:
    """The labels of a line that starts with one ("牵头单位：区城管局", possibly more labels after it); a
    division label holds units whose verbs tell their roles ("部门分工：省发展改革委牵头，各地、各部门配合。")."""
    match = _LABEL.match(text.translate(TRADITIONAL_LABELS))
    if match and match.group(1) in _DIVISION_LABELS:
        return by_verbs(text[match.start(2) :].strip(VALUE_TRIM))
    return labelled(text) if match and match.group(1) in LABEL_KEYS else None


def numbered_item(text: str) -> bool:
    """Whether ``text`` is a numbered paragraph ("1. 推进……", "12、推进……")."""
    return _NUMBERED.match(text) is not None


def _is_task(block: _Block) -> bool:
    return "lead" in block.labels or "responsible" in block.labels


@dataclass
class _Splitter:
    """Reads lines into task blocks, keeping the lines that are no task's for the notice."""

    other: list[Line] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)
    current: _Block | None = None
    leaders: list[str] = field(default_factory=list)
    sections: Sections = field(default_factory=Sections)
    unnumbered: dict[str, int] = field(default_factory=dict)  # per section: target sentences numbered in order
    category: str = ""  # the class of targets a counted heading names ("（一）跨越式发展目标。…包括8项。")

    def line(self, line: Line) -> None:
        text, current = line.text, self.current
        if _PAGE_MARK.match(text):
            return
        if numbered := _NUMBERED.match(text):
            if not self._sub_items(line, numbered.group(1), numbered.group(2)):
                self._start(line, numbered.group(1), numbered.group(2).strip())
        elif (label := _label(text)) and current is not None:
            current.labels.update(label)
            current.last_label = next(reversed(label), "")
        elif (found := heading_leaders(text)) is not None:
            self.leaders, self.current = found, None
            self.sections.heading(text)
        elif self.sections.heading(text):
            self.current = None
            self.category = counted.group(1) if (counted := _COUNTED_CLASS.match(text)) else ""
            self.other.append(line)
        elif grouped := _GROUPED.match(text):
            self._assign_group(int(grouped.group(1) or 1), grouped.group(2))
            self.other.append(line)
        elif current is not None and _BULLET.match(text):
            current.text += " " + _BULLET.sub("", text)  # an indicator line belongs to the item above
        elif current is not None and current.wrapped() and _WRAPPED_VALUE.match(text):
            current.labels[current.last_label] += text.strip()
        elif current is not None and not current.labels:
            current.text += text  # the paragraph goes on
            current.take_tail()
        elif split_tail(text) is not None:  # an unnumbered target sentence closed by its units
            path = self.sections.path
            self.unnumbered[path] = self.unnumbered.get(path, 0) + 1
            self._start(line, str(self.unnumbered[path]), text.strip())
        else:
            self.current = None
            self.other.append(line)

    def _sub_items(self, line: Line, seq: str, text: str) -> bool:
        """ "1.深化商事制度改革。(1)……。(X牵头负责)(2)……": an item whose sub-items follow on its line, each closed
        by its units, gives one task per sub-item, under the item's number (section "一/1")."""
        pieces = _SUB_ITEM.split(text)
        if len(pieces) < 4 or split_tail(pieces[2]) is None:  # head, "1", its text, "2", …
            return False
        self.other.append(Line((f"{seq}. {pieces[0]}",), line.location))
        enclosing = list(self.sections.numbers)
        self.sections.numbers.append(seq)
        for number, piece in zip(pieces[1::2], pieces[2::2], strict=True):
            self._start(line, number, piece.strip())
        self.sections.numbers = enclosing
        return True

    def _assign_group(self, count: int, units: str) -> None:
        """ "4项目标的责任单位均为X": X is responsible for the last ``count`` targets that name no unit yet."""
        waiting = list(itertools.takewhile(lambda block: not block.labels, reversed(self.blocks)))
        for block in waiting[:count]:
            block.labels = {"responsible": units}
        self.current = None

    def _start(self, line: Line, seq: str, text: str) -> None:
        self.current = _Block(seq, text, line.location, leaders=list(self.leaders), section=self.sections.path)
        self.current.category = self.category
        self.current.take_tail()
        self.blocks.append(self.current)


def split_blocks(lines: list[Line]) -> tuple[list[Line], list[_Block]]:
    """Separate task blocks from the other lines (which belong to the notice)."""
    splitter = _Splitter()
    for line in lines:
        splitter.line(line)
    tasks = [b for b in splitter.blocks if _is_task(b)]
    other = splitter.other + [Line((f"{b.seq}. {b.text}",), b.location) for b in splitter.blocks if not _is_task(b)]
    other.sort(key=lambda line: (line.location.part, line.location.row or 0))
    return other, tasks


def blocks_plan(blocks: list[_Block], plan: ParsedPlan, lead_rule: str, problems: list[Problem]) -> None:
    """Turn task blocks into the tasks of ``plan``: the first sentence is the task name, the rest the
    requirement (a single sentence is both). A block with a 牵头单位 label names its lead; one with only
    责任单位 follows ``lead_rule``."""
    seen: dict[str, ParsedTask] = {}
    plan.lead_rule = "explicit" if all("lead" in b.labels for b in blocks) else lead_rule
    for block in blocks:
        rule = "explicit" if "lead" in block.labels else lead_rule
        sentence = _SENTENCE_END.search(block.text)
        name = block.text[: sentence.start()] if sentence else block.text
        rest = block.text[sentence.end() :].strip() if sentence else ""
        labels = block.labels
        task = ParsedTask(
            seq=block.seq,
            name=name.strip(),
            requirement=rest or block.text.strip(),
            location=block.location,
            leaders=person_names(labels.get("leaders", "")) or block.leaders,
            deadline_text=labels.get("deadline", ""),
            remarks=labels.get("remarks", ""),
            section=block.section,
            category=block.category,
        )
        assign_units(task, labels.get("lead", ""), labels.get("responsible", ""), labels.get("cooperating", ""), rule)
        add_task(plan, task, COLUMN_LABELS["lead" if rule == "explicit" else "responsible"], seen, problems)
