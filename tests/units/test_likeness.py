"""The suspected-alias rule (pure): abbreviations and an omitted level are suggested, different bodies never."""

import pytest

from dukao.units.likeness import alike, name_parts, suspected_alias


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("区卫生健康局", ("区", "卫生健康", "局")),
        ("市发展和改革委员会", ("市", "发展和改革", "委")),
        ("区纪委(区监委)", ("区", "纪", "委")),
        ("各街道办事处", ("", "各街道办事处", "")),
        ("国土局", ("", "国土", "局")),
    ],
)
def test_a_name_splits_into_level_core_and_kind(name, parts):
    assert name_parts(name) == parts


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("区卫健局", "区卫生健康局", True),
        ("区发改局", "区发展和改革局", True),
        ("市发改委", "市发展和改革委员会", True),
        ("区人社局", "区人力资源和社会保障局", True),
        ("国土局", "市国土局", True),  # "市发改委、国土局": the level is elided
        ("区住房和城健局", "区住房和城建局", True),  # a slip of one character
        ("区财攻局", "区财政局", False),  # in a short core one character tells two bodies apart
        ("市林业局", "市农业局", False),
        ("各区", "各区、县(市)政府", False),
        ("人社局", "教育局", False),
        ("区人社局", "区教育局", False),
        ("发改委", "团区委", False),
        ("市发改委", "区发改委", False),  # the city's and the district's are two bodies
        ("区发改委", "区发改局", False),
        ("区财政局", "区财政局", False),
        ("区卫健局", "区住建局", False),
    ],
)
def test_two_names_are_alike_only_as_abbreviation_elision_or_slip(a, b, expected):
    assert alike(a, b) is expected and alike(b, a) is expected


def test_the_suggestion_prefers_the_same_core_and_is_none_for_an_unrelated_body():
    known = ["市国土局", "市规划局", "区国土局"]
    assert suspected_alias("国土局", known) == "区国土局"
    assert suspected_alias("区卫健局", ["区卫生健康局", "区教育局"]) == "区卫生健康局"
    assert suspected_alias("区人社局", ["区教育局", "团区委"]) is None
