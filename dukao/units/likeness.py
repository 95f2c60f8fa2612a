"""Which known unit a new unit name is probably another spelling of (pure): the rule behind suspected aliases.

A name is split into its level (区/市/县/省…), its core (卫生健康, 发改) and its kind (局, 委, 办…). Two names may
denote one body only at the same level (or where one omits it: 国土局 in "市发改委、国土局" is 市国土局) and of
the same kind (委 = 委员会, 办 = 办公室). Their cores must then be one abbreviation of the other (卫健 is read in
卫生健康 in order, beginning with the same character) or differ by one character in a core of four or more
(住房城乡健设 ~ 住房城乡建设, a slip; in a short core one character tells two bodies apart: 林业 ~ 农业,
地税 ~ 国税). Different cores (人社 ~ 教育, 发改 ~ 团区) are never suggested.
"""

import re

from dukao.lib.text import edit_distance, normalize_name

_LEVEL = re.compile(r"^(省|市|区|县|镇|乡|街道)")
_KINDS = (("委员会", "委"), ("办公室", "办"), ("局", "局"), ("委", "委"), ("办", "办"), ("厅", "厅"), ("中心", "中心"))
_SLIP_CORE = 4  # a one-character slip is told from another body only in a core this long (林业 ~ 农业 are two)
_BRACKETED = re.compile(r"\(.*?\)")


def name_parts(name: str) -> tuple[str, str, str]:
    """(level, core, kind) of a unit name; the level or kind is "" where the name has none."""
    text = _BRACKETED.sub("", normalize_name(name))
    level_match = _LEVEL.match(text)
    level = level_match.group(1) if level_match else ""
    text = text[len(level) :]
    for ending, kind in _KINDS:
        if text.endswith(ending) and len(text) > len(ending):
            return level, text[: -len(ending)], kind
    return level, text, ""


def abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` abbreviated: shorter, same first character, its characters in order."""
    if not short or len(short) >= len(full) or short[0] != full[0]:
        return False
    rest = iter(full)
    return all(char in rest for char in short)


def alike(a: str, b: str) -> bool:
    """Whether two unit names may denote one body (see the module's rule)."""
    (level_a, core_a, kind_a), (level_b, core_b, kind_b) = name_parts(a), name_parts(b)
    if normalize_name(a) == normalize_name(b) or kind_a != kind_b or not core_a or not core_b:
        return False
    if level_a and level_b and level_a != level_b:
        return False
    if core_a == core_b:
        return True  # 国土局 ~ 市国土局, 市财政局(国资委) ~ 市财政局
    if not kind_a:
        return False  # a group or a name of no known kind (各区 ~ 各区、县(市)政府): only the same core
    if abbreviates(core_a, core_b) or abbreviates(core_b, core_a):
        return True
    return len(core_a) == len(core_b) >= _SLIP_CORE and edit_distance(core_a, core_b, 2) == 1


def suspected_alias(name: str, known: list[str]) -> str | None:
    """The known name ``name`` is most probably another spelling of, or None: one with the same core first,
    else the first-sorted of the alike names."""
    candidates = sorted(k for k in known if alike(name, k))
    return min(candidates, key=lambda k: name_parts(k)[1] != name_parts(name)[1], default=None)
