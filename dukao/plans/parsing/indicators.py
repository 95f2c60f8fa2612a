"""Turn a task's requirement (指标要求) into the measurable indicators a supervisor tracks.

``parse_indicators(requirement, name)`` returns a list of ``ParsedIndicator``; it never raises and never
returns an empty list. The rules below were written against the 2019 seed document
(``data/seeds/000_26a01e5d1773f912.txt``, "annex 1 row N" / "annex 2 row N" below) and the golden file
``tests/fixtures/seed_indicators.json`` checks every one of its 163 rows.

Reading order
    The requirement is split into sentences on ；; 。 and each sentence into clauses on ，, (a comma inside a
    number such as "1,000", or inside brackets, does not split). Each clause is searched, in this order, for
    zero events, a named checklist, and measured numbers. A sentence without any of those becomes one
    MILESTONE; inside a sentence that has numbers, a clause without numbers still becomes a MILESTONE when
    it opens with a deliverable verb ("2艘…下水开航,推出…研学游线路", annex 1 row 59).

Kinds
    增长X% GROWTH, 下降X% DECLINE (row 104), X% otherwise RATIO (rows 10, 36, 90, 109–111, 140);
    元/万元/亿元 MONEY (rows 4, 54, 61, 124, 130); 工作日/天/日/小时/个月 DURATION (rows 37, 38);
    other units and measure words QUANTITY; 零X / 不发生X ZERO_EVENT with target 0 (rows 35, 99, 137, 142);
    "完成A、B、C…" CHECKLIST with the names as items and the count as target (rows 65, 92, 93, 101, 136,
    annex 2 rows 8–9); anything else with a verb MILESTONE.

Comparators
    以上/不少于/不低于/达/达到/突破/超过/至少 → ">="; 最多/以内/以下/低于/不超过/控制在 → "<=". A plain
    number is a target to reach, so it is ">=" too; "至" is "<=" after 下降/降低/压缩/减少/缩短/控制 and
    ">=" otherwise. A DURATION is always a ceiling ("<=", rows 37–38), a ZERO_EVENT is "<= 0", a MILESTONE
    is "=" (done or not), and a CHECKLIST is ">= number of items".

Not targets
    Text in “quotes” and 《titles》 names a programme ("“115”人才", "“152”项目", "“最多跑一次”", "“3+X”"),
    unless the quote holds nothing but a measured number ("“最多90天”", row 38). Years and codes are never
    followed by a unit ("2019高层次", "5A级", "04地块", "2号楼"); ordinals start with 第 ("第三批"); idioms
    such as "24小时" and "二次供水" are masked; "每岗3人要求" names a standard (annex 2 row 3) and a
    bracket that starts with 每 is a breakdown of the total before it ("540处…(每个社区10处)", annex 2 row 4).

Flags
    "(市下达指标)" sets ``assigned_by_city`` on every indicator of the requirement (rows 1, 7, 23); a sentence
    saying 市下达 / 市对区下达 sets it on its own indicators (rows 42, 54, 62). "约" / "左右" set
    ``approximate`` (annex 2 row 11). 累计 / 突破 make the scope "cumulative", 新增 / 新建 / 新设 /
    新开发 / 新培育 … "increment" (rows 9, 18, 24, 41, 64, 126, 142); a bare number takes its subject and
    scope from the task name ("新增城镇就业人数 | 11000人", row 6). "力争N" after a target in the same unit
    is that target's stretch value (row 23).

Verbs
    A deliverable verb (开工, 竣工, 建成, 出让, 收储, 成功举办 …) wins over a general one (推进, 深化, 完善 …);
    完成 / 实现 give way to a deliverable verb that follows in the same clause ("完成出让" → 出让, row 71;
    "完成土地收储7宗" → 收储, row 86). Verbs inside brackets, negated ("防止出台", row 32), followed by
    前/后/率 ("开工前", "实现率"), or in a scope word ("新引进") are not verbs.

Task name
    When the requirement only says 完成 / 全面完成 / 成功举办 … and the task name states numbers, the
    indicators come from the name with ``source="name"`` (annex 2 rows 2, 12, 15).

Fallback
    A requirement with neither a number nor a known verb gives one MILESTONE with verb "", the whole
    requirement as ``text`` and ``needs_confirmation=True``; a single unreadable sentence in an otherwise
    readable requirement gives such a milestone for that sentence.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from dukao.plans.parsing.numbers import (
    ARABIC_NUMBER_PATTERN,
    CHINESE_NUMBER_PATTERN,
    CHINESE_NUMERALS,
    DURATION_UNITS,
    MONEY_UNITS,
    NUMBER_PATTERN,
    PERCENT_UNITS,
    UNIT_PATTERN,
    clean_unit,
    normalize,
    parse_number,
)


class IndicatorKind(StrEnum):
    """What an indicator measures; the values are stored in ``plans.Indicator.kind``."""

    GROWTH = "growth"
    DECLINE = "decline"
    QUANTITY = "quantity"
    MONEY = "money"
    RATIO = "ratio"
    DURATION = "duration"
    ZERO_EVENT = "zero_event"
    MILESTONE = "milestone"
    CHECKLIST = "checklist"


class Comparator(StrEnum):
    """How the achieved value must compare with the target."""

    GE = ">="
    LE = "<="
    EQ = "="


@dataclass(frozen=True)
class ParsedIndicator:
    """One measurable target. ``target``/``stretch`` are in ``unit`` as written ("130亿元" → 130, "亿元");
    the ``normalized_*`` fields are in ``normalized_unit`` (13000000000, "元"). ``text`` is
    ``source_string[start:start + len(text)]`` where the source string is the requirement or, when
    ``source == "name"``, the task name."""

    kind: IndicatorKind
    comparator: Comparator
    target: Decimal | None
    stretch: Decimal | None
    unit: str
    normalized_unit: str
    normalized_target: Decimal | None
    normalized_stretch: Decimal | None
    subject: str
    verb: str
    items: tuple[str, ...]
    assigned_by_city: bool
    approximate: bool
    scope: str
    text: str
    start: int
    source: str
    needs_confirmation: bool


# Completion verbs that give way to a deliverable verb later in the same clause ("完成出让" → 出让).
LIGHT_VERBS = ("完成", "实现")
# Verbs naming a deliverable a supervisor can check; found in the seed requirements.
DELIVERABLE_VERBS = (
    "开工 竣工 完工 建成 出让 收储 成功举办 举办 召开 纳入 出台 征迁 安置 成功创建 创建 建立 修订 编制 "
    "引进 引入 招引 创办 接入 挂牌 部署 安装 加装 增配 购置 发放 化解 推出 组建 启动 落地 亮相 验收 施工 "
    "修缮 走访 推荐 帮扶 扩绿 减量 开航"
).split()
# General verbs of qualitative requirements, used when no deliverable verb is present.
GENERAL_VERBS = (
    "推进 推动 深化 完善 健全 做好 开展 加强 贯彻落实 落实 打造 建设 实施 提升改造 提升 规范 降低 构建 优化 "
    "理顺 明确 厘清 保持 压缩 推广 普及 统一 加大"
).split()
_ALL_VERBS = sorted({*LIGHT_VERBS, *DELIVERABLE_VERBS, *GENERAL_VERBS}, key=lambda v: (-len(v), v))
_VERB_ALTERNATION = "|".join(_ALL_VERBS)

_SUBJECT_MAX = 200  # Indicator.subject column length
# Adverbs and time words that may open a clause before its verb: "全年开展…", "进一步降低…".
_ADVERBS = "全年|全区|年内|今年|力争|确保|进一步|继续|持续|初步|全面|切实|着力|加快|深入|精准|积极|对|并"
_FILLER = "□"  # replaces masked text one character for one, so offsets stay valid

# Full-width digits and punctuation mapped one-to-one onto their ASCII forms.
_FULLWIDTH = str.maketrans("０１２３４５６７８９％．，；：（）！？", "0123456789%.,;:()!?")
# A quoted programme name “…” or a title 《…》.
_QUOTED_RE = re.compile(r"“[^“”]*”|《[^《》]*》")
# Quote content that is only a measured number: "最多90天" (annex 1 row 38).
_QUOTED_QUANTITY_RE = re.compile(
    rf"(?:最多|最少|至少|不超过|不少于|约)?{NUMBER_PATTERN}{UNIT_PATTERN}(?:以上|以下|以内)?"
)
# Idioms whose numerals are not targets: round-the-clock service, secondary water supply, one-stop phrases.
_IDIOM_RE = re.compile(r"24小时|二次供水|一次性|跑一次|一件事|一条龙|一起|一个新台阶|一个台阶")
# The "(市下达指标)" marker of city-assigned targets (annex 1 rows 1, 7, 23).
_CITY_MARKER_RE = re.compile(r"\((?:省市|市)下达(?:指标|目标|任务)\)")
# A sentence that says its target is handed down by the city: "省市下达目标", "按市对区下达目标任务完成".
_CITY_ASSIGNED_RE = re.compile(r"市(?:对区)?下达")
# A bracket breaking the total down per unit: "(每个社区10处)" (annex 2 row 4).
_BREAKDOWN_RE = re.compile(r"\(每[^()]*\)")
# A bracketed aside (not nested).
_PAREN_RE = re.compile(r"\([^()]*\)")
# Three digits after a comma that make it a thousands separator: "1,000".
_THOUSANDS_RE = re.compile(r"[0-9]{3}(?![0-9])")
# Sentence ends.
_SENTENCE_END_RE = re.compile(r"[;。!?\n]")
# A character that carries meaning (CJK, letters, digits, masked quotes).
_MEANINGFUL_RE = re.compile(rf"[0-9A-Za-z\u4e00-\u9fff{_FILLER}]")
# A number with its unit that is not the tail of a longer number, code or ordinal: "1900家", "百场", "5.5%",
# "增长-2%". Arabic numbers may carry a sign, but not after a digit ("5-6%" is a range, not -6%).
_MEASURE_RE = re.compile(
    rf"(?<!第)(?:(?<![0-9.A-Za-z])(?P<sign>(?:[-−](?=[0-9]))?)(?P<arabic>{ARABIC_NUMBER_PATTERN})"
    rf"|(?<![{CHINESE_NUMERALS}])(?P<chinese>{CHINESE_NUMBER_PATTERN}))(?P<unit>{UNIT_PATTERN})"
)
# After a unit: the number names a standard, not a target ("每岗3人要求", annex 2 row 3).
_STANDARD_RE = re.compile(r"的?(?:要求|标准)")
# Right before a number: a comparator and/or 约 ("不少于", "达到", "最多", "约").
_PREFIX_RE = re.compile(
    r"(?:(?P<cmp>不少于|不低于|不超过|不高于|不多于|至少|最少|最多|达到|达|突破|超过|高于|低于|控制在|至)了?)?"
    r"(?P<approx>约)?$"
)
# Right after a unit: 以上 / 以下 / 以内, or 左右 (about).
_SUFFIX_RE = re.compile(r"及?(?P<cmp>以上|以下|以内|之内)|(?P<about>左右)")
# A decrease before "至": "压缩企业开办时间至" (annex 1 row 37).
_DECREASE_RE = re.compile(r"下降|降低|压缩|减少|缩短|控制")
# The word before a percentage that makes it a growth rate: "增长5.5%" (annex 1 row 1).
_GROWTH_RE = re.compile(r"(?:增长|提高|提升|增加|上升|增幅|增速)了?$")
# The word before a percentage that makes it a decline: "同比下降15%" (annex 1 row 104).
_DECLINE_RE = re.compile(r"(?:下降|降低|减少|压降|缩减|降幅)了?$")
# Scope words: cumulative totals and increments (annex 1 row 9 has both).
_SCOPE_RE = re.compile(
    r"(?P<cumulative>累计|突破)"
    r"|(?P<increment>新增|新建|新设|新开发|新培育|新创建|新引进|新开设|新开办|新认定|新注册|新开工|新招引)"
)
# "力争": the number is a stretch value (annex 1 row 23).
_STRETCH_RE = re.compile(r"力争")
# A zero event "零信访", "零新增网络借贷平台", "零增长" — not 零售/零件 … and not a numeral like 一百零五.
_ZERO_RE = re.compile(
    r"(?<![0-9零〇一二两三四五六七八九十百千万亿])零"
    r"(?!售|星|件|部件|散|工|钱|食|距离|基础|花|碎|头|点|时|[零〇一二两三四五六七八九十百千万亿])"
    r"(?P<subject>[\u4e00-\u9fff]+)"
)
# A zero event "不发生此类事故" (annex 1 row 137).
_NOT_HAPPEN_RE = re.compile(r"不(?:发生|出现)(?P<subject>[\u4e00-\u9fff]*)")
# A clause that opens a named checklist: "完成三益里公厕、…" / "开工建设徐家埠地块幼儿园、…".
_CHECKLIST_RE = re.compile(r"(?:全面|加快|继续|顺利|按时|如期|力争)*(?:完成|开工建设|开工|建成|竣工)")
# Generic task nouns trailing the last checklist item: "…提升改造工程" → "…提升改造".
_ITEM_TAIL_RE = re.compile(r"(?:工作|工程)+$")
# Where the last checklist item ends: "的提升改造工作", "等教育配套项目".
_ITEM_END_RE = re.compile(r"[的等]")
# Any lexicon verb.
_VERB_RE = re.compile(_VERB_ALTERNATION)
# Characters before a verb that negate it: "防止出台" (annex 1 row 32).
_NEGATION_RE = re.compile(r"(?:防止|禁止|严禁|杜绝|避免|不)$")
# Characters after a verb that make it part of a noun: "开工前", "实现率", "建成后".
_VERB_NOUN_RE = re.compile(r"[前后率]")
# A clause that only sets the circumstances: "结合土地出让," (annex 1 row 66), "根据城市设计," (row 67).
_CIRCUMSTANCE_RE = re.compile(r"\s*(?:结合|根据|按照|依据|围绕)")
# A requirement that only says "done": "完成", "全面完成", "成功举办", "开工" (annex 2 rows 2, 12, 15).
_BARE_RE = re.compile(rf"(?:全面|顺利|按时|如期|按期|超额|基本|全部|确保|力争)*(?:{_VERB_ALTERNATION})+")
# Characters other than CJK, dropped before testing _BARE_RE.
_NON_CJK_RE = re.compile(r"[^\u4e00-\u9fff]")
# Words that open a clause without being part of what is measured.
_SUBJECT_LEAD_RE = re.compile(rf"(?:{_ADVERBS}|{_SCOPE_RE.pattern}|{_VERB_ALTERNATION}|、|\s)+")
# Words that close a clause prefix without being part of what is measured.
_SUBJECT_TAIL_RE = re.compile(
    r"(?:同比|增长|下降|提高|降低|减少|增加|上升|不少于|不低于|不超过|不高于|至少|最多|达到|达|突破|超过|"
    rf"控制在|至|约|了|的|等|继续|持续|保持|完成|实现|“|\(|\s|{_FILLER})+$"
)
# What may stand before a general verb that opens a clause: "全年开展百场演出" (annex 1 row 120).
_OPENING_RE = re.compile(rf"(?:{_ADVERBS}|\s)*")
# The text after a unit that can serve as the subject: "3家企业上市" → "企业上市" (annex 1 row 34).
_SUBJECT_AFTER_RE = re.compile(r"(?:及?以上|以下|以内|左右|[\s,、)" + _FILLER + r"])*(?P<subject>[^等的\s(]*)")

Span = tuple[int, int]


@dataclass(frozen=True)
class _Doc:
    """A text being parsed: ``original`` for slices, ``work`` (same length) for matching: full-width forms
    made ASCII, quotes, idioms, the city marker and breakdown brackets masked."""

    original: str
    work: str
    source: str
    name: str
    brackets: tuple[Span, ...]

    def span_text(self, start: int, end: int) -> tuple[str, int]:
        """The original text of [start, end) without surrounding whitespace, and where it starts."""
        raw = self.original[start:end]
        stripped = raw.lstrip()
        start += len(raw) - len(stripped)
        return stripped.rstrip(), start

    def in_brackets(self, position: int) -> bool:
        return any(start < position < end for start, end in self.brackets)


@dataclass(frozen=True)
class _Verb:
    start: int
    end: int
    verb: str


@dataclass(frozen=True)
class _Measure:
    """A number with its unit found in the work text: "7宗" at [start, end) is (7, "宗")."""

    start: int
    end: int
    value: Decimal
    unit: str


def parse_indicators(requirement: str, name: str = "") -> list[ParsedIndicator]:
    """Parse one requirement into indicators; the task name adds its quantities when the requirement has
    none — instead of the requirement's when it only says "完成" (annex 2 row 2 "扩绿1万平方米" / "完成"), beside
    its milestones when it describes the work without numbers (annex 2 row 10 "提升示范型老年食堂20家").

    ``parse_indicators("全区新增上云企业1900家,累计上云企业突破6400家")`` gives two QUANTITY indicators,
    1900 家 (scope "increment") and 6400 家 (scope "cumulative", comparator ">="). See the module docstring
    for every rule. Never raises; always returns at least one indicator.
    """
    assigned_all = bool(_CITY_MARKER_RE.search(requirement.translate(_FULLWIDTH)))
    doc = _prepare(requirement, "requirement", name)
    indicators = _parse_doc(doc, assigned_all)
    if not name.strip() or any(i.kind != IndicatorKind.MILESTONE for i in indicators):
        return indicators
    parsed_name = _parse_doc(_prepare(name, "name", name), assigned_all)
    from_name = [i for i in parsed_name if i.kind != IndicatorKind.MILESTONE]
    if not from_name:
        return indicators
    if _is_bare(doc.work):
        fallback_verb = indicators[0].verb
        return [i if i.verb else replace(i, verb=fallback_verb) for i in from_name]
    # The requirement says how (milestones only); the name says how much: track both (annex 2 rows 10, 13).
    return indicators + from_name


def _prepare(text: str, source: str, name: str) -> _Doc:
    """Build the work text: translate full-width forms, mask quotes (unless they hold only a measured
    number), titles, idioms, the city marker and breakdown brackets, all one character for one."""
    work = text.translate(_FULLWIDTH)
    for match in _QUOTED_RE.finditer(work):
        if not _QUOTED_QUANTITY_RE.fullmatch(match.group()[1:-1]):
            work = _mask(work, match.start() + 1, match.end() - 1)
    work = _IDIOM_RE.sub(lambda m: _FILLER * len(m.group()), work)
    for pattern in (_CITY_MARKER_RE, _BREAKDOWN_RE):
        work = pattern.sub(lambda m: " " * len(m.group()), work)
    brackets = tuple(m.span() for m in _PAREN_RE.finditer(work))
    return _Doc(original=text, work=work, source=source, name=name, brackets=brackets)


def _mask(work: str, start: int, end: int) -> str:
    return work[:start] + _FILLER * (end - start) + work[end:]


def _is_bare(work: str) -> bool:
    """True when the requirement says nothing but "done" (or nothing at all)."""
    compact = _NON_CJK_RE.sub("", work)
    return not compact or bool(_BARE_RE.fullmatch(compact))


def _parse_doc(doc: _Doc, assigned_all: bool) -> list[ParsedIndicator]:
    """All indicators of one text, sentence by sentence; the fallback milestone when nothing is understood."""
    results: list[ParsedIndicator] = []
    for sentence in _sentences(doc.work):
        assigned = assigned_all or bool(_CITY_ASSIGNED_RE.search(doc.work, *sentence))
        results.extend(_sentence_indicators(doc, sentence, assigned) or [_unread(doc, sentence, assigned)])
    if all(i.needs_confirmation for i in results):
        return [_unread(doc, (0, len(doc.original)), assigned_all)]
    return results


def _sentences(work: str) -> list[Span]:
    """Spans of the sentences of ``work`` that carry some meaning."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(work + "\n"):
        if _MEANINGFUL_RE.search(work, start, match.start()):
            spans.append((start, match.start()))
        start = match.end()
    return spans


def _clauses(doc: _Doc, sentence: Span) -> list[Span]:
    """Split a sentence on commas, except a comma between digits ("1,000") or inside brackets."""
    work = doc.work
    spans: list[Span] = []
    start, end = sentence
    for position in range(sentence[0], end):
        if work[position] != "," or doc.in_brackets(position):
            continue
        if work[position - 1 : position].isdigit() and _THOUSANDS_RE.match(work, position + 1, end):
            continue
        spans.append((start, position))
        start = position + 1
    spans.append((start, end))
    return spans


def _sentence_indicators(doc: _Doc, sentence: Span, assigned: bool) -> list[ParsedIndicator]:
    """The indicators of one sentence: zero events, checklists and numbers clause by clause, then
    milestones (one per deliverable clause, or one for the whole sentence)."""
    clauses = _clauses(doc, sentence)
    found: list[ParsedIndicator] = []
    quiet: list[Span] = []
    for clause in clauses:
        before = len(found)
        found.extend(_zero_events(doc, clause, assigned))
        checklist = _checklist(doc, clause, assigned)
        if checklist is not None:
            found.append(checklist)
        else:
            _add_quantities(doc, clause, assigned, found)
        if len(found) == before:
            quiet.append(clause)
    if not found:
        verb = _choose_verb(_sentence_verbs(doc, clauses))
        return [_milestone(doc, sentence, verb, assigned)] if verb else []
    for clause in quiet:
        verbs = _verbs(doc, clause)
        if verbs and verbs[0].verb not in GENERAL_VERBS:
            found.append(_milestone(doc, clause, _choose_verb([verbs]), assigned))
    return sorted(found, key=lambda i: i.start)


def _sentence_verbs(doc: _Doc, clauses: list[Span]) -> list[list[_Verb]]:
    """The verbs of each clause, leaving out clauses that only set the circumstances ("结合土地出让,")."""
    groups: list[list[_Verb]] = []
    for index, clause in enumerate(clauses):
        if index < len(clauses) - 1 and _CIRCUMSTANCE_RE.match(doc.work, *clause):
            continue
        groups.append(_verbs(doc, clause))
    return groups


def _verbs(doc: _Doc, span: Span) -> list[_Verb]:
    """Lexicon verbs in ``span``, except in brackets, negated, scope words and verbs used as nouns."""
    verbs: list[_Verb] = []
    for match in _VERB_RE.finditer(doc.work, *span):
        if doc.in_brackets(match.start()):
            continue
        if _NEGATION_RE.search(doc.work, max(0, match.start() - 2), match.start()):
            continue
        if _SCOPE_RE.fullmatch(doc.work[max(0, match.start() - 1) : match.end()]):
            continue  # "新引进" is a scope word
        if _VERB_NOUN_RE.match(doc.work, match.end(), span[1]):
            continue
        verbs.append(_Verb(match.start(), match.end(), match.group()))
    return verbs


def _choose_verb(groups: list[list[_Verb]]) -> str:
    """The first deliverable verb (完成/实现 give way to a deliverable verb later in their clause), else the
    first general verb, else ""."""
    for group in groups:
        for index, verb in enumerate(group):
            if verb.verb in GENERAL_VERBS:
                continue
            if verb.verb in LIGHT_VERBS:
                later = [v.verb for v in group[index + 1 :] if v.verb in DELIVERABLE_VERBS]
                return later[0] if later else verb.verb
            return verb.verb
    general = [v.verb for group in groups for v in group]
    return general[0] if general else ""


def _zero_events(doc: _Doc, clause: Span, assigned: bool) -> list[ParsedIndicator]:
    """Zero events, target 0 and comparator "<=": "零信访、零诉讼" (annex 1 row 35), "零新增网络借贷平台"
    (row 142), "保持零增长" (row 99), "确保全年不发生此类事故" (row 137)."""
    matches = sorted(
        [*_ZERO_RE.finditer(doc.work, *clause), *_NOT_HAPPEN_RE.finditer(doc.work, *clause)], key=lambda m: m.start()
    )
    found: list[ParsedIndicator] = []
    for piece, indexes in _pieces(doc, clause, [m.start() for m in matches]):
        for match in (matches[i] for i in indexes):
            subject = match["subject"] or doc.name
            if subject == "增长":
                subject = _prefix_subject(doc, clause[0], match.start()) or doc.name
            scope = _scope(doc.work[clause[0] : match.end()])
            verb = _verb_before(doc, clause[0], match.start())
            found.append(
                _build(
                    doc,
                    IndicatorKind.ZERO_EVENT,
                    Comparator.LE,
                    Decimal(0),
                    "",
                    piece,
                    assigned,
                    subject=subject,
                    verb=verb,
                    scope=scope,
                )
            )
    return found


def _pieces(doc: _Doc, clause: Span, starts: list[int]) -> Iterator[tuple[Span, list[int]]]:
    """Group positions (ascending) by the 、-separated piece of ``clause`` they sit in; a piece without a
    position joins the next piece that has one, and trailing pieces join the last. Yields (piece span,
    indexes into ``starts``): "招引…形象店2家、旗舰店2家" gives one piece per count (annex 1 row 15)."""
    cuts = [p for p in range(*clause) if doc.work[p] == "、" and not doc.in_brackets(p)] + [clause[1]]
    groups: list[tuple[int, int, list[int]]] = []
    piece_start, index = clause[0], 0
    for cut in cuts:
        inside: list[int] = []
        while index < len(starts) and starts[index] < cut:
            inside.append(index)
            index += 1
        if inside:
            groups.append((piece_start, cut, inside))
            piece_start = cut + 1
    for position, (start, end, inside) in enumerate(groups):
        yield (start, clause[1] if position == len(groups) - 1 else end), inside


def _checklist(doc: _Doc, clause: Span, assigned: bool) -> ParsedIndicator | None:
    """A named list after a completion verb: "完成三益里公厕、…、馒头山公厕的提升改造工作" → 7 items (annex 1
    row 101); "完成东太平巷、打铜巷、叭蜡子巷3座旅游厕所提升改造工作" → 3 items, target 3 座 (annex 2 row 9).
    A count that differs from the number of names ("孵化器、众创空间1家", row 25) makes it a quantity."""
    start = clause[0] + len(doc.work[clause[0] : clause[1]]) - len(doc.work[clause[0] : clause[1]].lstrip())
    opener = _CHECKLIST_RE.match(doc.work, start, clause[1])
    if opener is None:
        return None
    cuts = [p for p in range(opener.end(), clause[1]) if doc.work[p] == "、" and not doc.in_brackets(p)]
    if not cuts:
        return None
    measures = list(_measures(doc, (opener.end(), clause[1])))
    count = Decimal(len(cuts) + 1)
    if any(m.start < cuts[-1] for m in measures) or len(measures) > 1:
        return None
    if measures and measures[0].value != count:
        return None
    last_end = measures[0].start if measures else clause[1]
    items = _checklist_items(doc, [opener.end(), *[c + 1 for c in cuts]], [*cuts, last_end])
    if items is None:
        return None
    verb = _choose_verb([_verbs(doc, (clause[0], last_end))])
    unit = measures[0].unit if measures else ""
    return _build(
        doc,
        IndicatorKind.CHECKLIST,
        Comparator.GE,
        count,
        unit,
        clause,
        assigned,
        subject=doc.name,
        verb=verb,
        items=items,
    )


def _checklist_items(doc: _Doc, starts: list[int], ends: list[int]) -> tuple[str, ...] | None:
    """The item names between the 、 cuts; the last one ends at 的/等 and loses a trailing 工作/工程."""
    items: list[str] = []
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if index == len(starts) - 1:
            stop = _ITEM_END_RE.search(doc.work, start + 1, end)
            end = stop.start() if stop else end
        item = doc.original[start:end].strip().strip('“”"').strip()
        if index == len(starts) - 1:
            item = _ITEM_TAIL_RE.sub("", item)
        if not item:
            return None
        items.append(item)
    return tuple(items)


def _measures(doc: _Doc, span: Span) -> Iterator[_Measure]:
    """Numbers with units in ``span`` that are targets (see "Not targets" in the module docstring)."""
    for match in _MEASURE_RE.finditer(doc.work, *span):
        chinese, unit = match["chinese"], match["unit"]
        value = parse_number(match["sign"] + match["arabic"] if match["arabic"] else chinese)
        if value is None or (chinese and value == 0):
            continue
        if chinese and unit == "元" and not any(c in chinese for c in "十百千万亿"):
            continue  # "三元坊巷" is a street, not 3 元 (annex 1 row 88)
        if unit == "日" and doc.work[match.start() - 1 : match.start()] == "月":
            continue  # a date
        if _STANDARD_RE.match(doc.work, match.end(), span[1]):
            continue
        yield _Measure(match.start(), match.end(), value, clean_unit(unit))


def _add_quantities(doc: _Doc, clause: Span, assigned: bool, found: list[ParsedIndicator]) -> None:
    """Append the measured numbers of ``clause`` to ``found``; a 力争 number in the unit of the indicator
    before it becomes that indicator's stretch value (annex 1 row 23)."""
    measures = list(_measures(doc, clause))
    last_end = clause[0]
    for piece, indexes in _pieces(doc, clause, [m.start for m in measures]):
        for measure in (measures[i] for i in indexes):
            subject_start, last_end = max(piece[0], last_end), measure.end
            previous = found[-1] if found else None
            prefix = doc.work[clause[0] : measure.start]
            if (
                _STRETCH_RE.search(prefix)
                and previous is not None
                and previous.stretch is None
                and previous.unit == measure.unit
                and previous.kind != IndicatorKind.CHECKLIST
            ):
                found[-1] = _with_stretch(doc, previous, measure.value, piece[1])
                continue
            found.append(_quantity(doc, clause, (subject_start, piece[1]), piece, measure, assigned, previous))


def _with_stretch(doc: _Doc, indicator: ParsedIndicator, stretch: Decimal, end: int) -> ParsedIndicator:
    text, start = doc.span_text(indicator.start, end)
    return replace(
        indicator, stretch=stretch, normalized_stretch=normalize(stretch, indicator.unit)[0], text=text, start=start
    )


def _quantity(
    doc: _Doc,
    clause: Span,
    own: Span,
    piece: Span,
    measure: _Measure,
    assigned: bool,
    previous: ParsedIndicator | None,
) -> ParsedIndicator:
    """One measured number: its kind, comparator, scope, verb and subject from the clause around it.
    ``own`` is the part of the piece that belongs to this number alone (after any number before it)."""
    work = doc.work
    prefix = work[clause[0] : measure.start]
    before = _PREFIX_RE.search(prefix)
    after = _SUFFIX_RE.match(work, measure.end, clause[1])
    word = before["cmp"] if before and before["cmp"] else ""
    bare_prefix = prefix[: before.start()] if before else prefix
    kind = _kind(measure.unit, bare_prefix)
    comparator = _comparator(kind, word, after["cmp"] if after and after["cmp"] else "", prefix)
    approximate = bool((before and before["approx"]) or (after and after["about"]))
    verb = _verb_before(doc, clause[0], measure.start)
    subject = _prefix_subject(doc, own[0], measure.start) or _after_subject(doc, measure.end, own[1])
    scope = _scope(prefix) or ("" if subject else _scope(doc.name))
    if not subject and previous is not None and (not verb or previous.start >= clause[0]):
        subject = previous.subject  # "650人,2000万元" (annex 1 row 130), "7宗(199.95亩)" (row 86)
    subject = subject or doc.name
    verb = verb or _borrowed_verb(doc, clause, measure, kind, previous)
    return _build(
        doc,
        kind,
        comparator,
        measure.value,
        measure.unit,
        piece,
        assigned,
        subject=subject,
        verb=verb,
        scope=scope,
        approximate=approximate,
    )


def _kind(unit: str, prefix: str) -> IndicatorKind:
    if unit in PERCENT_UNITS:
        if _GROWTH_RE.search(prefix):
            return IndicatorKind.GROWTH
        if _DECLINE_RE.search(prefix):
            return IndicatorKind.DECLINE
        return IndicatorKind.RATIO
    if unit in MONEY_UNITS:
        return IndicatorKind.MONEY
    if unit in DURATION_UNITS:
        return IndicatorKind.DURATION
    return IndicatorKind.QUANTITY


def _comparator(kind: IndicatorKind, before: str, after: str, prefix: str) -> Comparator:
    """See "Comparators" in the module docstring."""
    if kind == IndicatorKind.DURATION:
        return Comparator.LE
    if after in ("以下", "以内", "之内") or before in ("不超过", "不高于", "不多于", "最多", "低于", "控制在"):
        return Comparator.LE
    if before == "至" and _DECREASE_RE.search(prefix):
        return Comparator.LE
    return Comparator.GE


def _scope(text: str) -> str:
    """The scope named by the last scope word in ``text``: "cumulative", "increment" or ""."""
    matches = list(_SCOPE_RE.finditer(text))
    if not matches:
        return ""
    return "cumulative" if matches[-1]["cumulative"] else "increment"


def _verb_before(doc: _Doc, clause_start: int, position: int) -> str:
    """The verb of the clause before ``position``. A general verb counts only where it opens the clause
    ("全年开展百场演出", annex 1 row 120) or stands right before the number ("入园率保持99%", row 109), not
    inside a noun ("单位建设用地GDP…6项指标", row 46)."""
    verbs = [
        v
        for v in _verbs(doc, (clause_start, position))
        if v.verb not in GENERAL_VERBS
        or _OPENING_RE.fullmatch(doc.work, clause_start, v.start)
        or _PREFIX_RE.fullmatch(doc.work, v.end, position)
    ]
    return _choose_verb([verbs])


def _borrowed_verb(
    doc: _Doc, clause: Span, measure: _Measure, kind: IndicatorKind, previous: ParsedIndicator | None
) -> str:
    """For a number without a verb before it: for counts and money, the verb of the count before it in the
    sentence ("部署立式自助设备21台,壁挂式自助设备156台", annex 2 row 7); else a deliverable verb after the
    number ("400项审批事项接入…平台", annex 1 row 40); else ""."""
    counted = (IndicatorKind.QUANTITY, IndicatorKind.MONEY)
    if previous is not None and kind in counted and previous.kind in counted and previous.verb:
        return previous.verb
    later = [v.verb for v in _verbs(doc, (measure.end, clause[1])) if v.verb not in GENERAL_VERBS]
    return later[0] if later else ""


def _prefix_subject(doc: _Doc, start: int, end: int) -> str:
    """What the clause says before the number, without time words, scope words, verbs and comparators:
    "全年完成固定资产投资" → "固定资产投资"."""
    work = doc.work[start:end]
    lead = _SUBJECT_LEAD_RE.match(work)
    offset = lead.end() if lead else 0
    tail = _SUBJECT_TAIL_RE.search(work, offset)
    stop = tail.start() if tail else len(work)
    return doc.original[start + offset : start + stop].strip()


def _after_subject(doc: _Doc, start: int, end: int) -> str:
    """What the piece says after the unit, up to 等/的: "3家企业上市" → "企业上市"."""
    match = _SUBJECT_AFTER_RE.match(doc.work, start, end)
    return doc.original[match.start("subject") : match.end("subject")] if match else ""


def _milestone(doc: _Doc, span: Span, verb: str, assigned: bool) -> ParsedIndicator:
    return _build(doc, IndicatorKind.MILESTONE, Comparator.EQ, None, "", span, assigned, subject=doc.name, verb=verb)


def _unread(doc: _Doc, span: Span, assigned: bool) -> ParsedIndicator:
    """The fallback: a milestone without a verb that a person has to confirm."""
    return replace(_milestone(doc, span, "", assigned), needs_confirmation=True)


def _build(
    doc: _Doc,
    kind: IndicatorKind,
    comparator: Comparator,
    target: Decimal | None,
    unit: str,
    span: Span,
    assigned: bool,
    *,
    subject: str,
    verb: str,
    scope: str = "",
    items: tuple[str, ...] = (),
    approximate: bool = False,
) -> ParsedIndicator:
    text, start = doc.span_text(*span)
    normalized_target, normalized_unit = normalize(target, unit) if target is not None else (None, unit)
    return ParsedIndicator(
        kind=kind,
        comparator=comparator,
        target=target,
        stretch=None,
        unit=unit,
        normalized_unit=normalized_unit,
        normalized_target=normalized_target,
        normalized_stretch=None,
        subject=subject[:_SUBJECT_MAX],
        verb=verb,
        items=items,
        assigned_by_city=assigned,
        approximate=approximate,
        scope=scope,
        text=text,
        start=start,
        source=doc.source,
        needs_confirmation=False,
    )
