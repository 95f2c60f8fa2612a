"""The digests an audit event keeps of a working copy's changed fields (``audit.digest``)."""

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dukao.audit.digest import changed_digests, value_digest


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("abc", b'"abc"'),
        ("三月", '"三月"'.encode()),
        ({"b": 1, "a": [True, None]}, b'{"a":[true,null],"b":1}'),
        (False, b"false"),
    ],
)
def test_a_digest_is_sm3_of_the_value_as_canonical_json(value, canonical):
    assert value_digest(value) == hashlib.new("sm3", canonical).hexdigest()


def test_no_value_has_no_digest():
    assert value_digest(None) is None


@pytest.mark.parametrize(
    ("before", "after", "changed"),
    [
        ({"a": "x", "b": "y"}, {"a": "x", "b": "z"}, ["b"]),
        ({"a": "x"}, {"a": "x"}, []),
        ({}, {"values.7": {"value": "1"}}, ["values.7"]),
        ({"values.7": {"value": "1"}, "n": ""}, {"n": "一"}, ["n", "values.7"]),
    ],
)
def test_only_the_fields_that_changed_are_digested_on_both_sides(before, after, changed):
    old, new = changed_digests(before, after)
    assert list(old) == list(new) == changed
    assert all(old[k] == value_digest(before.get(k)) and new[k] == value_digest(after.get(k)) for k in changed)


@given(st.dictionaries(st.text(max_size=3), st.text(max_size=5)), st.dictionaries(st.text(max_size=3), st.text()))
def test_a_field_is_digested_exactly_when_its_value_differs(before, after):
    old, new = changed_digests(before, after)
    assert set(old) == {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert all(old[k] != new[k] for k in old)
