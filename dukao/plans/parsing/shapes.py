"""The shapes the document parsers produce, and the helpers every layout shares. Pure Python.

A layout (a grid table in ``document.py``, label blocks in ``blocks.py``) turns lines into
``ParsedPlan``s of ``ParsedTask``s; unit names stay as written until the import resolves them.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from dukao.plans.parsing.errors import Location, Problem

#: Header synonyms per column, named by role (the table in docs/import.md); headers are compared by ``header_key``
#: (whitespace, scraping debris and a bracketed count removed), the first name is the one messages use.
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号"),
    "name": (
        "任务名称",
        "工作任务",
        "重点工作",
        "项目名称",
        "民生实事",
        "任务",
        "重点工作任务",
        "目标任务",
        "目标与任务",
        "主要任务",
        "工作内容",
        "事项",
        "主要工作举措",
        "工作举措",
        "重点任务",
        "任务内容",
        "项目内容",
        "项目",
    ),
    "requirement": ("指标要求", "目标要求", "工作目标", "主要内容", "工作要求", "具体要求"),
    "lead": ("牵头部门", "牵头单位", "牵头责任单位", "牵头负责部门", "牵头负责单位", "主办单位"),
    "cooperating": ("配合部门", "配合单位", "协同单位", "参与单位", "协同责任单位", "协办单位", "配合责任单位"),
    "responsible": ("责任单位", "责任部门", "责任股室(单位)", "责任股室", "承办单位"),
    "leaders": (
        "责任领导",
        "牵头领导",
        "分管领导",
        "区级领导",
        "牵头负责领导",
        "区政府分管领导",
        "牵头责任领导",
        "包抓领导",
        "主抓领导",
        "责任人",
        "牵头市领导",
        "分管市领导",
        "分管县领导",
        "分管省领导",
        "分管区领导",
    ),
    "deadline": ("完成时限", "时间节点", "完成时间", "时限要求"),
    "target_type": ("目标类型",),
    "category": ("类别", "任务类别"),
    "target_value": ("目标值",),
    "remarks": ("备注",),
    "score": ("分值", "分数", "权重分"),  # the points an assessed target carries: kept in the remarks
    "assessing": ("监考单位", "考核单位", "考核部门", "监测单位"),  # who assesses, not who does: kept in the remarks
    "source": ("任务来源",),  # the document a task comes from: kept in the remarks
}
#: The user-facing name of each column, for error messages.
COLUMN_LABELS = {key: names[0] for key, names in COLUMN_SYNONYMS.items()}


_UNIT_SEPARATORS = "、,，;；\n\t "
_PERSON_SEPARATORS = "、,，;；/\n"  # "王 强" is one person padded with a space
_OPEN, _CLOSE = "(（[【", ")）]】"
# A heading that names the leader of the rows beneath: "（一）由王强副区长牵头的工作",
# "（二）由常务副区长陈志远牵头的工作", "（三）由刘洋、孙丽副区长牵头的工作"
_LEADER_HEADING = re.compile(r"由([^，,。；;：:]{1,16}?)牵头")
# "一、张某市长主抓重点工作" / "（一）李某副市长牵头重点工作" / "一、潘某市长负责事项（共9项）"
_NAMED_POST_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])?\s*"
    r"(?!由)([\u4e00-\u9fff]{2,3}?)(?:常务)?副?(?:省长|市长|区长|县长|州长|旗长)(?:[、,，和][^牵负主分包]{2,12})?"
    r"(?:牵头|负责|主抓|分管|包抓)"
)
# "……工作目标（牵头领导：甲、乙、丙）"
_LABELLED_LEADERS = re.compile(r"[(（]\s*(?:牵头|责任|分管|包抓|主抓)(?:市|区|县)?领导\s*[:：]([^)）]+)[)）]\s*$")
_POSTS = (
    "常务副区长",
    "常务副市长",
    "常务副县长",
    "副区长",
    "副市长",
    "副县长",
    "副省长",
    "区长",
    "市长",
    "县长",
    "省长",
    "副书记",
    "书记",
    "主任",
    "同志",
)
#: Scraping debris a header cell may end in, and the count a header may carry: "牵头单位?" / "事项（共9项）"
_HEADER_DEBRIS = re.compile(r"[\s\u00a0\u3000?？*]+|[(（]共?\d+项?[)）]")
# A trailing "等" closing a unit list, with the words that may follow it: "各街道办事处等", "区财政局等相关部门"
_TRAILING_ETC = re.compile(r"等(?:[市区县省]级?)?(?:相关|有关|其他)?(?:部门|单位)?$")
# A lead-rule footnote printed inside a unit list, after the unit it follows: "县发改局（首位单位为牵头单位，下同）",
# "市卫生健康委（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）" — the plan's rule, not part of the name.
_LEAD_FOOTNOTE = re.compile(r"[(（][^()（）]*(?:下同|为牵头)[^()（）]*[)）]")
# "A、B分别牵头" at the end of a 责任单位 list: every listed unit leads its own part.
_EACH_LEADS = re.compile(r"分别牵头\s*$")
# A level group broken by its own 、: "各区、县（市）政府" (the first piece is only 各 and level characters).
_LEVEL_GROUP_HEAD = re.compile(r"^各[市区县]{1,2}$")
# 及 / 和 between two unit names ("市级各有关部门及各县市区政府", "县（市）政府及开发区管委会"); only after a name's
# ending, so "省经济和信息化厅" and "市住房和城乡建设局" stay whole.
_CONJUNCTION = re.compile(r"(?<=[局委办府门会厅室部院所心队团站司行组处辦門會廳處隊團組])[及和](?=\S{2})")
_LEVELS = "市区县省"
_BODY_ENDINGS = ("局", "委", "办", "厅")
_ELIDED_MAX = 4  # "国土局", "商务局"; a longer name ("宁波证监局") is more likely a body of its own
_GOVERNMENT_ALL = re.compile(r"^([市区县省]政府)各")  # 市政府各部门
# A unit marked as the lead inside a 责任单位 list: "区市场监管局（牵头）"
_LEAD_MARK = re.compile(r"\s*[(（]牵头[)）]$")


@dataclass
class ParsedNotice:
    """The notice that carries the plans: who issued it, when, to whom, and what may be published."""

    recipients: str = ""
    body: str = ""
    attachments: dict[int, str] = field(default_factory=dict)
    issuer: str = ""
    issued_on: date | None = None
    disclosure: str = ""


@dataclass
class ParsedTask:
    """One row of a plan. Unit names are as written (resolution to units happens on import)."""

    seq: str
    name: str
    requirement: str
    location: Location
    target_type: str = ""
    lead_units: list[str] = field(default_factory=list)
    cooperating_units: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    deadline_text: str = ""
    remarks: str = ""
    responsible_units: list[str] = field(default_factory=list)  # 责任单位 named beside a 牵头 list (co-responsible)
    section: str = ""  # the numbers of the headings the task stands under, as printed: "一", "一/二"
    category: str = ""  # a category or source column ("宏观调控", "任务来源")
    target_value: str = ""  # a 目标值 column, read as the indicator's target
    seq_as_printed: str = ""  # the printed 序号 when ``seq`` was qualified by its section (``qualify_seqs``)


@dataclass
class ParsedPlan:
    """One table of the notice: title, year, kind, the target-type legend ``{"A": "责任目标"}``, tasks."""

    title: str
    year: int
    kind: str
    annex_no: int | None
    target_types: dict[str, str]
    lead_rule: str
    location: Location
    tasks: list[ParsedTask] = field(default_factory=list)


@dataclass
class ParsedDocument:
    """A whole notice: the notice header, its plans, and the repairs and warnings made while parsing."""

    file_name: str
    notice: ParsedNotice
    plans: list[ParsedPlan]
    repairs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def plan_kind(title: str) -> str:
    """The plan kind a title implies: ``livelihood`` (民生实事), ``work_report`` (政府工作报告) or ``other``."""
    if "民生实事" in title:
        return "livelihood"
    if "政府工作报告" in title:
        return "work_report"
    return "other"


def person_names(text: str) -> list[str]:
    """People listed in a cell: "王 强、李明" → ["王强", "李明"]; "赵海峰 周敏" → ["赵海峰", "周敏"]; "王强/李明"
    → ["王强", "李明"].

    Spaces inside a list piece either pad a two-character name to three characters' width ("王 强", the
    usual typesetting of name lists) or separate names: words of two or more characters are names, and
    single characters pair up into padded names ("赵海峰 周 敏" → ["赵海峰", "周敏"])."""
    names: list[str] = []
    for piece in split_names(text, _PERSON_SEPARATORS):
        single = ""
        for word in piece.split():
            if len(word) > 1:
                names += [single, word] if single else [word]
                single = ""
            elif single:
                names.append(single + word)
                single = ""
            else:
                single = word
        if single:
            names.append(single)
    return names


def heading_leaders(text: str) -> list[str] | None:
    """The leaders a section heading names for the rows beneath ("（一）由王强副区长牵头的工作" → ["王强"],
    "由刘洋、孙丽副区长牵头" → ["刘洋", "孙丽"]), or None when the text is no such heading. A post title
    before or after each name is dropped. A sentence (it has a "。") is prose, not a heading: "各项任务由
    区政府分管领导牵头协调。" names no one."""
    if "。" in text.rstrip("。"):
        return None
    if labelled := _LABELLED_LEADERS.search(text):
        return person_names(labelled.group(1))
    if named := _NAMED_POST_HEADING.match(text.strip()):
        return [named.group(1)]
    match = _LEADER_HEADING.search(text)
    if match is None or "。" in text:
        return None
    pieces = split_names(match.group(1), _PERSON_SEPARATORS)
    return [name for piece in pieces for name in person_names(_without_post(piece))]


_CN_DIGITS = "一二三四五六七八九十"
# Section headings: "一、稳增长" (level 1), "（一）扩大有效投资" / "(一)…" (level 2)
_SECTION_HEADINGS = (
    re.compile(rf"^\s*([{_CN_DIGITS}]+)\s*[、.．]"),
    re.compile(rf"^\s*[(（]([{_CN_DIGITS}]+)[)）]"),
)


@dataclass
class Sections:
    """The numbers of the headings a row stands under, as the document prints them: "一", then "一/二"."""

    numbers: list[str] = field(default_factory=list)

    def heading(self, text: str) -> bool:
        """Follow ``text`` when it is a section heading ("一、…", "（二）…"); False when it is none."""
        for level, pattern in enumerate(_SECTION_HEADINGS):
            if match := pattern.match(text):
                self.numbers = [*self.numbers[:level], match.group(1)]  # a "（一）" without "一、" above is level 1
                return True
        return False

    @property
    def path(self) -> str:
        return "/".join(self.numbers)


#: The Traditional characters of header and label wordings ("牽頭責任單位" is 牵头责任单位), one for one, so a
#: position in a translated text is the same position in the original.
TRADITIONAL_LABELS = str.maketrans("牽頭負責領導單協門時間務類備註項標", "牵头负责领导单协门时间务类备注项标")


def header_key(cell: str) -> str | None:
    """The column key a header cell names ("目   标   与   任   务" → "name", "牵头单位?" → "lead", "牽頭責任單位"
    → "lead"), or None."""
    compact = _HEADER_DEBRIS.sub("", cell).translate(TRADITIONAL_LABELS)
    for key, names in COLUMN_SYNONYMS.items():
        if compact in names or compact.replace("（", "(").replace("）", ")") in names:
            return key
    return None


def _without_post(name: str) -> str:
    """A name without a post before or after it: 常务副区长陈志远 → 陈志远, 孙丽副区长 → 孙丽 (two characters stay)."""
    for post in _POSTS:
        if name.startswith(post) and len(name) - len(post) >= 2:
            return name[len(post) :]
        if name.endswith(post) and len(name) - len(post) >= 2:
            return name[: -len(post)]
    return name


def assign_units(task: "ParsedTask", lead: str, responsible: str, cooperating: str, lead_rule: str) -> None:
    """Fill ``task.lead_units``/``cooperating_units`` from the cells' texts. With no lead cell, the
    responsible units are split by ``lead_rule`` (docs/import.md, "Lead rules": first listed leads, or all jointly),
    unless the list marks its leads itself: "区行政审批局、区市场监管局（牵头）" → 区市场监管局 leads, and
    "市人力社保局、市发改委分别牵头" → both lead, whatever the rule (the row says so)."""
    if lead_rule == "explicit":
        task.lead_units = split_names(lead)
        task.responsible_units = [name for name in split_names(responsible) if name not in task.lead_units]
        task.cooperating_units = split_names(cooperating)
        return
    each_leads = bool(_EACH_LEADS.search(responsible))
    names = split_names(_EACH_LEADS.sub("", responsible))
    marked = [name for name in names if _LEAD_MARK.search(name)]
    if each_leads:
        leads, others = names, []
    elif marked:
        leads = [_LEAD_MARK.sub("", name) for name in marked]
        others = [name for name in names if name not in marked]
    else:
        split_at = len(names) if lead_rule == "all_jointly" else 1
        leads, others = names[:split_at], names[split_at:]
    task.lead_units, task.cooperating_units = leads, others + split_names(cooperating)


def add_task(
    plan: "ParsedPlan", task: "ParsedTask", lead_column: str, seen: dict[str, "ParsedTask"], problems: list[Problem]
) -> None:
    """Append ``task`` to ``plan`` unless its 序号 repeats an earlier one (``seen`` maps 序号 → task); a task
    without a lead unit is a problem too (reported at ``lead_column``), unless ``lead_column`` is empty (a table
    that names only the units assessing its targets)."""
    if not task.lead_units and lead_column:  # no lead column at all (an assessed target table): none required
        problems.append(Problem(task.location.at(lead_column), f"序号{task.seq}没有牵头部门。"))
    key = f"{task.section}/{task.seq}"  # numbering may restart in each section
    earlier = seen.get(key)
    if earlier is not None:
        message = f"序号“{task.seq}”与第{earlier.location.row}行重复。"
        problems.append(Problem(task.location.at(COLUMN_LABELS["seq"]), message))
        return
    seen[key] = task
    plan.tasks.append(task)


#: The longest text the import stores in each field of a task (the columns of ``plans.models.Task``), by the key of
#: the column it comes from, and in a plan's title (``plans.models.Plan.title``). A name is cut to fit
#: (``shorten_names``), the others refused (``too_long``).
TASK_NAME_LIMIT = 300
TASK_FIELD_LIMITS = {"seq": ("seq", 20), "deadline_text": ("deadline", 100), "target_type": ("target_type", 10)}
PLAN_TITLE_LIMIT = 200


def shorten_names(plan: "ParsedPlan", repairs: list[str]) -> None:
    """A task name longer than the import stores (a whole paragraph read as the name) is cut to fit, ending in
    "…"; the requirement then begins with the whole name, so nothing of the row is lost. Each cut is a repair."""
    for task in plan.tasks:
        if len(task.name) > TASK_NAME_LIMIT:
            if not task.requirement.startswith(task.name):
                task.requirement = task.name + task.requirement
            task.name = task.name[: TASK_NAME_LIMIT - 1] + "…"
            cut = f"任务名称超过{TASK_NAME_LIMIT}字，名称只取前{TASK_NAME_LIMIT - 1}字，全文见指标要求。"
            repairs.append(f"{task.location.describe()}：{cut}")


def too_long(plan: "ParsedPlan") -> list[Problem]:
    """A problem for the plan's title and each of its tasks' fields longer than the import can store, at its row
    and column: refused, never cut short in silence nor left to fail when the row is saved."""
    problems = []
    if len(plan.title) > PLAN_TITLE_LIMIT:
        message = f"标题超过{PLAN_TITLE_LIMIT}字（{len(plan.title)}字），请缩短后再导入。"
        problems.append(Problem(plan.location, message))
    for task in plan.tasks:
        for attribute, (column, limit) in TASK_FIELD_LIMITS.items():
            if len(value := getattr(task, attribute)) > limit:
                label = COLUMN_LABELS[column]
                message = f"“{label}”超过{limit}字（{len(value)}字），请缩短后再导入。"
                problems.append(Problem(task.location.at(label), message))
    return problems


def qualify_seqs(plan: "ParsedPlan", repairs: list[str]) -> None:
    """Where numbering restarts in each section (a 序号 repeats under another heading), every task's 序号
    becomes "section-序号" ("二-1"), so it is unique in the plan; the printed number is kept beside it."""
    seqs = [task.seq for task in plan.tasks]
    if len(set(seqs)) == len(seqs):
        return
    for task in plan.tasks:
        task.seq_as_printed, task.seq = task.seq, f"{task.section}-{task.seq}" if task.section else task.seq
    repairs.append(f"“{plan.title}”的序号在各部分重新编号：序号前加上所在部分的编号（如“二-1”），以保持唯一。")


def split_names(text: str, separators: str = _UNIT_SEPARATORS) -> list[str]:
    """Split a cell listing units or people on 、 , ， ; ； spaces and line breaks, keeping bracketed parts
    whole (``各县（市、区）政府`` stays one name) and dropping 等 at the end of any piece (also "等相关部门",
    "等市级有关部门"). Empty pieces, and a one-character unit piece (the fragment of a cut list), are dropped.

    Seed row 113 (``区市场监管局,各街道办事处``) motivated the half-width comma.
    """
    names: list[str] = []
    current: list[str] = []
    depth = 0
    if separators == _UNIT_SEPARATORS:
        text = _CONJUNCTION.sub("、", _LEAD_FOOTNOTE.sub("", text))
    for char in text:
        depth += (char in _OPEN) - (char in _CLOSE)
        if depth <= 0 and char in separators:
            names.append("".join(current))
            current = []
            depth = 0
        else:
            current.append(char)
    names.append("".join(current))
    cleaned = [name.strip() for name in names]
    cleaned = [without if len(without := _TRAILING_ETC.sub("", name)) >= 2 else name for name in cleaned]
    if separators == _PERSON_SEPARATORS:
        return [name for name in cleaned if name]
    return _restore_elided_prefixes(_join_level_groups([name for name in cleaned if len(name) > 1]))


def _join_level_groups(names: list[str]) -> list[str]:
    """A level group its own 、 broke apart is one entry again: ["各区", "县（市）政府"] → ["各区、县（市）政府"]."""
    joined: list[str] = []
    for name in names:
        if joined and _LEVEL_GROUP_HEAD.match(joined[-1]) and name[:1] in _LEVELS:
            joined[-1] += "、" + name
        else:
            joined.append(name)
    return joined


def _restore_elided_prefixes(names: list[str]) -> list[str]:
    """A level prefix a list leaves out after its first use: "市发改委、国土局" → 市发改委, 市国土局;
    "市政府各部门、各直属单位" → 市政府各部门, 市政府各直属单位. Only a body's name (…局/委/办/厅) or an
    "各…" entry following a prefixed name of the same kind inherits it."""
    restored: list[str] = []
    for name in names:
        previous = restored[-1] if restored else ""
        if (
            previous[:1] in _LEVELS
            and name[:1] not in _LEVELS + "各全本"
            and (len(name) <= _ELIDED_MAX or name.endswith("厅"))  # a 厅 is a province's department
            and name.endswith(_BODY_ENDINGS)
            and previous.endswith(_BODY_ENDINGS)
        ):
            name = previous[0] + name
        elif name.startswith("各") and (group := _GOVERNMENT_ALL.match(previous)) and not name.endswith("政府"):
            name = group.group(1) + name
        restored.append(name)
    return restored
