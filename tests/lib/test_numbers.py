"""Numbers as people write them (docs/reporting.md): no exponent, trailing zeros trimmed, the unit kept — in the
pure function, the template filter every page uses, and the form field."""

from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from dukao.lib.forms import NumberField
from dukao.lib.numbers import number_text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Decimal("950.0000"), "万元", "950万元"),
        (Decimal("9.5E+2"), "", "950"),
        (Decimal("1E+3"), "亩", "1000亩"),
        (Decimal("0.50"), "%", "0.5%"),
        (Decimal("12.3400"), "", "12.34"),
        (Decimal("-12.340"), "", "-12.34"),
        (Decimal("1E-7"), "", "0.0000001"),
        (Decimal("0.0000"), "", "0"),
        (Decimal("-0"), "", "0"),
        (Decimal("0E+3"), "", "0"),
        (Decimal("100"), "个", "100个"),
        (Decimal("1234567890123456789012345678901234.5"), "", "1234567890123456789012345678901234.5"),
        (950, "万元", "950万元"),
        (0.1, "", "0.1"),
        (2.5e-05, "", "0.000025"),
        ("9.5E+2", "", "950"),  # a draft saved before this fix
        (" 7.50 ", "", "7.5"),
        (None, "万元", ""),
        ("", "", ""),
        ("约十亿", "", "约十亿"),
        (Decimal("Infinity"), "", "Infinity"),
    ],
)
def test_number_text(value, unit, text):
    assert number_text(value, unit) == text


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_any_decimal_reads_without_exponent_and_parses_back_to_itself(value):
    text = number_text(value)
    assert "E" not in text.upper() and Decimal(text) == value
    assert not ("." in text and text.endswith("0")) and not text.endswith(".")


def test_the_template_filter_is_built_in_and_keeps_the_unit():
    template = Template("{{ target|number:unit }}|{{ missing|number }}|{{ share|number }}%")
    context = Context({"target": Decimal("9.5E+2"), "unit": "万元", "share": Decimal("50.00")})
    assert template.render(context) == "950万元||50%"


class _Form(forms.Form):
    value = NumberField(required=False, max_digits=24, decimal_places=4)


def test_the_form_field_shows_its_initial_value_as_people_write_it_and_keeps_what_was_typed():
    unbound = str(_Form(initial={"value": Decimal("9.5E+2")})["value"])
    assert 'value="950"' in unbound and 'inputmode="decimal"' in unbound and 'type="text"' in unbound
    bound = _Form({"value": "1.50"})
    assert 'value="1.50"' in str(bound["value"]) and bound.is_valid() and bound.cleaned_data["value"] == Decimal("1.5")
