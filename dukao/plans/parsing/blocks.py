"""Label-block layouts: tasks written as numbered paragraphs instead of table rows. Pure Python.

Two shapes are read (issue 3, item 4), in any mix within one document:

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

import re
from dataclasses import dataclass, field

from dukao.plans.parsing.errors import Location, Problem
from dukao.plans.parsing.reader import Line
from dukao.plans.parsing.shapes import (
    COLUMN_LABELS,
    COLUMN_SYNONYMS,
    ParsedPlan,
    ParsedTask,
    Sections,
    add_task,
    assign_units,
    heading_leaders,
    person_names,
)

_NUMBERED = re.compile(r"^(\d{1,3})\s*[.．、﹒]\s*(.+)$")  # 1. 推进……  /  12、推进……  /  1﹒推进……
_LABEL = re.compile(r"^\s*([\u4e00-\u9fff]{2,8})\s*[:：]\s*(.*)$")  # 牵头单位：区发改经信局
_INLINE = re.compile(r"[（(]([^（）()]*[:：][^（）()]*)[）)]\s*[。.]?\s*$")  # ……。（牵头单位：X；配合单位：Y）
_SENTENCE_END = re.compile(r"[。；;]")
_LABEL_KEYS = {name: key for key, names in COLUMN_SYNONYMS.items() for name in names if key not in ("seq", "name")}
# Any known label with its colon, longest names first ("牵头责任单位" before "责任单位"): 牵头单位： / 配合单位:
_ANY_LABEL = re.compile("(" + "|".join(sorted(_LABEL_KEYS, key=len, reverse=True)) + r")\s*[:：]")
_VALUE_TRIM = " \t\u3000；;，,。."  # what separates one label's value from the next label


@dataclass
class _Block:
    seq: str
    text: str
    location: Location
    labels: dict[str, str] = field(default_factory=dict)
    leaders: list[str] = field(default_factory=list)
    section: str = ""


def _labels(text: str) -> dict[str, str]:
    """The labels in ``text`` by column key, each value running to the next label:
    "牵头单位：区发改局；配合单位：区财政局" → {"lead": "区发改局", "cooperating": "区财政局"}."""
    found = list(_ANY_LABEL.finditer(text))
    ends = [match.start() for match in found[1:]] + [len(text)]
    return {_LABEL_KEYS[m.group(1)]: text[m.end() : end].strip(_VALUE_TRIM) for m, end in zip(found, ends, strict=True)}


def _label(text: str) -> dict[str, str] | None:
    """The labels of a line that starts with one ("牵头单位：区城管局", possibly more labels after it)."""
    match = _LABEL.match(text)
    return _labels(text) if match and match.group(1) in _LABEL_KEYS else None


def _start(line: Line, seq: str, text: str, leaders: list[str]) -> _Block:
    block = _Block(seq, text, line.location, leaders=list(leaders))
    inline = _INLINE.search(text)
    if inline is not None:
        labels = _labels(inline.group(1))
        if labels:
            block.labels = labels
            block.text = text[: inline.start()].strip()
    return block


def _is_task(block: _Block) -> bool:
    return "lead" in block.labels or "responsible" in block.labels


def split_blocks(lines: list[Line]) -> tuple[list[Line], list[_Block]]:
    """Separate task blocks from the other lines (which belong to the notice)."""
    other: list[Line] = []
    blocks: list[_Block] = []
    current: _Block | None = None
    leaders: list[str] = []
    sections = Sections()
    for line in lines:
        text = line.text
        numbered, label = _NUMBERED.match(text), _label(text)
        if numbered:
            current = _start(line, numbered.group(1), numbered.group(2).strip(), leaders)
            current.section = sections.path
            blocks.append(current)
        elif label and current is not None:
            current.labels.update(label)
        elif (found := heading_leaders(text)) is not None:
            leaders, current = found, None
            sections.heading(text)
        elif sections.heading(text):
            current = None
            other.append(line)
        elif current is not None and not current.labels:
            current.text += text  # the paragraph goes on
        else:
            current = None
            other.append(line)
    tasks = [b for b in blocks if _is_task(b)]
    other += [Line((f"{b.seq}. {b.text}",), b.location) for b in blocks if not _is_task(b)]
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
        )
        assign_units(task, labels.get("lead", ""), labels.get("responsible", ""), labels.get("cooperating", ""), rule)
        add_task(plan, task, COLUMN_LABELS["lead" if rule == "explicit" else "responsible"], seen, problems)
