"""The ``number`` filter, built into every template (settings ``TEMPLATES`` ``builtins``):
``{{ indicator.target|number:indicator.unit }}`` → ``950万元`` (``lib.numbers.number_text``)."""

from django import template

from dukao.lib.numbers import number_text

register = template.Library()


@register.filter
def number(value, unit: str = "") -> str:
    """``value`` without exponent or trailing zeros, followed by ``unit``; ``None`` → ``""``."""
    return number_text(value, unit or "")
