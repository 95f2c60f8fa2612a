"""Chinese and Arabic numbers and the units they are written with.

Shapes (all values are ``Decimal``; nothing here raises on bad text, it returns ``None``):

- ``parse_number("1.5万") == Decimal("15000")``, ``parse_number("十二") == Decimal("12")``,
  ``parse_number("一百零五") == Decimal("105")``, ``parse_number("1,000") == Decimal("1000")``,
  ``parse_number("二〇一九") == Decimal("2019")``, ``parse_number("万") is None``.
- ``parse_quantity("130亿元") == (Decimal("130"), "亿元")``: the unit keeps its magnitude when the unit is
  written with one (万元, 亿元, 万平方米, 万吨, 万亩), otherwise the magnitude belongs to the number
  (``parse_quantity("1.5万人") == (Decimal("15000"), "人")``).
- ``format_quantity(Decimal("130"), "亿元") == "130亿元"``, the inverse of ``parse_quantity``.
- ``normalize(Decimal("130"), "亿元") == (Decimal("13000000000"), "元")``.

The unit vocabulary lives here too (``UNIT_PATTERN``, ``MONEY_UNITS`` …) so that the indicator parser and
these helpers agree on what a unit is. It was collected from the 2019 seed document
(``data/seeds/000_26a01e5d1773f912.txt``): measure words such as 家 个 人 名 件 座 台 套 户 宗 处 所 次 场 册
条 项 艘 起, money in 元/万元/亿元, areas in 平方米/万平方米/亩, 万吨, percentages and 工作日/天 durations.
"""

import re
from decimal import Decimal, getcontext

# Units whose first character is a magnitude: value in the unit × factor = value in the base unit.
SCALED_UNITS: dict[str, tuple[str, int]] = {
    "亿元": ("元", 10**8),
    "万元": ("元", 10**4),
    "万平方米": ("平方米", 10**4),
    "万吨": ("吨", 10**4),
    "万亩": ("亩", 10**4),
}
MONEY_UNITS = frozenset({"元", "万元", "亿元"})
PERCENT_UNITS = frozenset({"%", "个百分点"})
# "3个工作日" is written with the classifier 个 but measured in 工作日 (seed annex 1 row 37).
DURATION_UNITS = frozenset({"工作日", "个工作日", "天", "日", "小时", "个月"})
# Counted things: measure words (seed annex 1 and 2) and physical units other than money.
COUNT_UNITS = frozenset(
    "家 个 人次 场次 人 名 件 座 台 套 户 宗 处 所 次 场 册 条 项 支 艘 起 辆 株 棵 栋 幢 篇 "
    "平方米 万平方米 亩 万亩 吨 万吨 公里 米".split()
)
# Longest first, so that 万平方米 wins over 平方米 and 人次 over 人.
UNITS: tuple[str, ...] = tuple(
    sorted(MONEY_UNITS | PERCENT_UNITS | DURATION_UNITS | COUNT_UNITS, key=lambda u: (-len(u), u))
)

_CN_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}

# Arabic digits with thousands separators and decimals: "11000", "1,000", "199.95".
ARABIC_PATTERN = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
CHINESE_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
# Numbers as written in running text. Both are lazy so that a following unit may claim a magnitude
# character ("130" + "亿元", "三" + "万元"). Arabic digits may carry magnitudes: "1.5万".
ARABIC_NUMBER_PATTERN = rf"{ARABIC_PATTERN}[百千万亿]*?"
# Chinese numerals start with a digit or 十/百/千: "十二", "百", "三千五百".
CHINESE_NUMBER_PATTERN = rf"[零〇一二两三四五六七八九十百千][{CHINESE_NUMERALS}]*?"
NUMBER_PATTERN = f"(?:{ARABIC_NUMBER_PATTERN}|{CHINESE_NUMBER_PATTERN})"
UNIT_PATTERN = "(?:" + "|".join(re.escape(u) for u in UNITS) + ")"

# One token of a number: Arabic digits (with thousands separators and decimals), a Chinese digit,
# a small multiplier 十百千, or a big multiplier 万亿.
_TOKEN_RE = re.compile(
    rf"(?P<arabic>{ARABIC_PATTERN})|(?P<digit>[零〇一二两三四五六七八九])|(?P<small>[十百千])|(?P<big>[万亿])"
)
# A signed number followed by an optional unit, the whole string: "-1.5万元", "130亿元", "5.5%", "12".
_QUANTITY_RE = re.compile(rf"\s*(?P<sign>[-+−]?)(?P<number>{NUMBER_PATTERN})(?P<unit>{UNIT_PATTERN})?\s*")


def parse_number(text: str) -> Decimal | None:
    """Read ``text`` (the whole string, surrounding whitespace ignored) as a number.

    Accepts Arabic numbers ("11000", "5.5", "1,000", "-3"), Arabic numbers with Chinese magnitudes
    ("1.5万", "3万5千"), Chinese numerals ("十二", "两", "一百零五", "三亿五千万") and digit-by-digit
    Chinese ("二〇一九"). Returns ``None`` for anything else, including a bare magnitude ("万") and
    malformed numerals ("十十", "三五万").
    """
    stripped = text.strip()
    sign = -1 if stripped[:1] in ("-", "−") else 1
    if stripped[:1] in ("-", "−", "+"):
        stripped = stripped[1:]
    tokens = _tokens(stripped)
    if not tokens:
        return None
    if all(kind == "digit" for kind, _ in tokens) and len(tokens) > 1:
        value: Decimal | None = Decimal("".join(str(_CN_DIGITS[t]) for _, t in tokens))
    else:
        value = _combine(tokens)
    return None if value is None else canonical(sign * value)


def _tokens(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (kind, token) pairs; empty when some character is not part of a number."""
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _TOKEN_RE.match(text, position)
        if match is None or match.lastgroup is None:
            return []
        tokens.append((match.lastgroup, match.group()))
        position = match.end()
    return tokens


def _combine(tokens: list[tuple[str, str]]) -> Decimal | None:
    """Evaluate positional Chinese numerals: digits times 十/百/千 within a section, sections times 万/亿.

    "三亿五千万" = 3·10⁸ + 5000·10⁴; a leading 十/百/千 counts as one of it ("十二" = 12).
    """
    above_yi = Decimal(0)  # everything already multiplied by 亿
    wan_part = Decimal(0)  # the current 亿-section's part already multiplied by 万
    section = Decimal(0)  # the current 万-section's digits times 十/百/千
    pending: Decimal | None = None  # a digit waiting for its multiplier
    previous = ""  # kind of the previous token
    last_small = 10**4  # multipliers within a section must decrease: 千 then 百 then 十
    for index, (kind, token) in enumerate(tokens):
        if kind in ("arabic", "digit"):
            if previous in ("arabic", "digit") and pending != 0:
                return None  # "三五" is not a number; "零五" (as in 一百零五) is
            pending = Decimal(token.replace(",", "")) if kind == "arabic" else Decimal(_CN_DIGITS[token])
        elif kind == "small":
            multiplier = _CN_SMALL[token]
            if (pending is None and index > 0) or multiplier >= last_small:
                return None
            section += (Decimal(1) if pending is None else pending) * multiplier
            pending, last_small = None, multiplier
        else:
            value = section + (pending or 0)
            if token == "万":
                if value == 0 or wan_part:
                    return None
                wan_part = value * _CN_BIG["万"]
            else:
                if value + wan_part == 0 or above_yi:
                    return None
                above_yi = (value + wan_part) * _CN_BIG["亿"]
                wan_part = Decimal(0)
            section, pending, last_small = Decimal(0), None, 10**4
        previous = kind
    return above_yi + wan_part + section + (pending or 0)


def canonical(value: Decimal) -> Decimal:
    """``value`` without trailing zeros or an exponent where that fits the context precision:
    Decimal("35000.0") -> Decimal("35000"), Decimal("199.950") -> Decimal("199.95")."""
    if not value.is_finite():
        return value
    if value == value.to_integral_value():
        return value.quantize(Decimal(1)) if value.adjusted() < getcontext().prec else value
    return value.normalize()


def parse_quantity(text: str) -> tuple[Decimal, str] | None:
    """Read "number + optional unit" (the whole string): "130亿元" -> (130, "亿元"),
    "1.5万人" -> (15000, "人"), "3个工作日" -> (3, "工作日"), "5" -> (5, ""). ``None`` for anything else."""
    match = _QUANTITY_RE.fullmatch(text)
    if match is None:
        return None
    value = parse_number(match["number"])
    if value is None:
        return None
    sign = -1 if match["sign"] in ("-", "−") else 1
    return canonical(sign * value), clean_unit(match["unit"] or "")


def clean_unit(unit: str) -> str:
    """The unit as reported: the classifier of "个工作日" is dropped ("3个工作日" is 3 工作日)."""
    return "工作日" if unit == "个工作日" else unit


def format_quantity(value: Decimal, unit: str) -> str:
    """Write a finite ``value`` in ``unit`` so that ``parse_quantity`` reads it back:
    (130, "亿元") -> "130亿元", (Decimal("5.50"), "%") -> "5.50%", (15000, "人") -> "15000人".
    Plain positional digits, never an exponent."""
    return f"{value:f}{unit}"


def normalize(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Convert ``value`` in ``unit`` to the base unit: 亿元/万元/元 -> 元, 万平方米 -> 平方米, 万吨 -> 吨,
    万亩 -> 亩; any other unit is returned unchanged. (130, "亿元") -> (13000000000, "元")."""
    base, factor = SCALED_UNITS.get(unit, (unit, 1))
    return canonical(value * factor), base
