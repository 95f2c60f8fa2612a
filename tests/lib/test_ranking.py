"""Competition ranking, the one ranking of the application: a table of cases and its properties (hypothesis)."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dukao.lib.ranking import competition_ranks


@pytest.mark.parametrize(
    ("scores", "ranks"),
    [
        ([], []),
        ([D(90)], [1]),
        ([D(90), D(80), D(80), D(70)], [1, 2, 2, 4]),  # ties share a rank, the next one skips
        ([D(70), D(80), D(90)], [3, 2, 1]),  # in the input order
        ([D(0), D(0), D(0)], [1, 1, 1]),
        ([D(50), None, D(60)], [2, None, 1]),  # nothing to rank on: no rank, no place taken
    ],
)
def test_competition_ranks(scores, ranks):
    assert competition_ranks(scores) == ranks


scores = st.lists(st.none() | st.decimals(min_value=-100, max_value=200, places=2), max_size=30)


@given(scores)
def test_a_rank_is_one_plus_the_number_strictly_above(values):
    for value, rank in zip(values, competition_ranks(values), strict=True):
        if value is None:
            assert rank is None
        else:
            assert rank == 1 + sum(other is not None and other > value for other in values)


@given(scores.filter(lambda v: any(x is not None for x in v)), st.data())
def test_a_higher_score_never_lowers_a_rank(values, data):
    i = data.draw(st.sampled_from([k for k, v in enumerate(values) if v is not None]))
    raised = list(values)
    raised[i] += data.draw(st.decimals(min_value=0, max_value=50, places=2))
    assert competition_ranks(raised)[i] <= competition_ranks(values)[i]
