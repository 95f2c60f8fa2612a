"""Numbers as people write them: ``950``, not ``9.5E+2`` nor ``950.0000`` (docs/reporting.md). Pure Python."""

from decimal import Decimal, InvalidOperation


def as_decimal(value: Decimal | int | float | str | None) -> Decimal | None:
    """``value`` as a ``Decimal`` (a float through its shortest text, ``0.1`` → ``Decimal("0.1")``); ``None``,
    ``""`` and text that is no number → ``None``."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        return None


def number_text(value: Decimal | int | float | str | None, unit: str = "") -> str:
    """``value`` in plain positional notation, trailing zeros after the point trimmed, followed by ``unit``:
    ``Decimal("950.0000"), "万元"`` → ``"950万元"``, ``Decimal("9.5E+2")`` → ``"950"``, ``Decimal("0.50")`` →
    ``"0.5"``, ``Decimal("1E-7")`` → ``"0.0000001"``, ``-0`` → ``"0"``. Every digit is kept (no rounding, no
    context precision): ``Decimal(number_text(d)) == d`` for every finite ``d``. ``None`` and ``""`` → ``""``;
    text that is no number, and infinities, are returned as they are."""
    number = as_decimal(value)
    if number is None:
        return "" if value is None or value == "" else f"{value}{unit}"
    if not number.is_finite():
        return f"{number}{unit}"
    sign, digits, exponent = number.as_tuple()
    digits = list(digits)
    while exponent < 0 and len(digits) > 1 and digits[-1] == 0:  # 950.0000 → 950, 0.50 → 0.5
        digits.pop()
        exponent += 1
    if digits == [0]:  # 0.0000, -0, 0E+3 → 0
        sign, exponent = 0, 0
    text = format(Decimal((sign, tuple(digits), exponent)), "f")
    return f"{text}{unit}"


def cell_number(value: Decimal | int | float | None) -> int | float | None:
    """A number for a spreadsheet cell, stored as a number: ``Decimal("950.0000")`` → ``950``, ``Decimal("5.5")``
    → ``5.5``; ``None`` stays empty."""
    if value is None:
        return None
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)
