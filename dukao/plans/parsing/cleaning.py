"""Damage a copy of a document did to its text, undone line by line before the layout is read. Pure Python.

* **Inline pinyin**: mirrors annotate characters with their reading, "目標(biāo)", "責(zé)任單位"; a bracketed
  run of Latin letters with a tone mark right after a Chinese character is dropped.
* **Misaligned double bytes**: a GBK text read from one byte too far ("?。ㄒ唬┛缭绞桨l展目標" for "（一）跨越式發展
  目標"). Such a line holds bopomofo or box-drawing characters, which Chinese prose never uses; it is encoded
  back to its bytes and read again from the first offset that gives clean text.
"""

import re

from dukao.plans.parsing.reader import Line

_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[\u00e0-\u01dc])[a-zü\u00e0-\u01dc]{1,7}\)")
_MISALIGNED = re.compile(r"[\u2500-\u257f\u3100-\u312f]")  # box drawing, bopomofo
_MAX_SHIFT = 4


def realigned(text: str) -> str:
    """``text`` read again from its GBK bytes where it shows misaligned double bytes; else unchanged."""
    if not _MISALIGNED.search(text):
        return text
    try:
        data = text.encode("gbk")
    except UnicodeEncodeError:
        return text
    for shift in range(1, _MAX_SHIFT):
        try:
            candidate = data[shift:].decode("gbk")
        except UnicodeDecodeError:
            continue
        if not _MISALIGNED.search(candidate) and "?" not in candidate:
            return candidate
    return text


def clean(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """The lines without inline pinyin and with misaligned double bytes read again; one repair per kind."""
    out: list[Line] = []
    pinyin, shifted = 0, []
    for line in lines:
        cells = tuple(_PINYIN.sub("", cell) for cell in line.cells)
        pinyin += cells != line.cells
        fixed = tuple(_PINYIN.sub("", realigned(cell)) for cell in cells)  # a realigned character may carry pinyin
        if fixed != cells:
            shifted.append(line.location.describe())
        out.append(Line(fixed, line.location, line.merged_from_above))
    repairs = [f"{pinyin}行文字中夹注的拼音（如“目標(biāo)”）已删去。"] if pinyin else []
    repairs += [f"{where}的文字有错位的乱码，已按 GBK 编码重新读出。" for where in shifted]
    return out, repairs
