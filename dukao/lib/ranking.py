"""Competition ranking (1, 2, 2, 4), written once for every ranking of the application. Pure Python."""

from collections.abc import Sequence
from decimal import Decimal


def competition_ranks(scores: Sequence[Decimal | None]) -> list[int | None]:
    """The rank of each score, in the input order: higher is better, equal scores share a rank and the next
    rank skips as many places (1, 2, 2, 4). ``None`` (nothing to rank on) gets no rank and takes no place."""
    ordered = sorted((s for s in scores if s is not None), reverse=True)
    first: dict[Decimal, int] = {}
    for place, score in enumerate(ordered, start=1):
        first.setdefault(score, place)
    return [None if s is None else first[s] for s in scores]
