"""Form fields shared by the apps."""

from decimal import Decimal

from django import forms

from dukao.lib.numbers import number_text


class PlainNumberInput(forms.TextInput):
    """A text box for a number (the phone's decimal keypad) that shows its value as people write it: ``950``,
    never ``9.5E+2`` or ``950.0000`` (``lib.numbers.number_text``). Text typed back (a bound form) shows as typed."""

    def __init__(self, attrs: dict | None = None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return number_text(value)
        return super().format_value(value)


class NumberField(forms.DecimalField):
    """A ``DecimalField`` rendered by ``PlainNumberInput``."""

    widget = PlainNumberInput
