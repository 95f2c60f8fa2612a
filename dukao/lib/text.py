"""Text helpers shared by the parsers: normalising names and measuring how far two names are apart."""

import re
import unicodedata

# Whitespace of any width, including the ideographic space U+3000 and no-break spaces.
_SPACES = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Return a unit or person name as it should be compared: NFKC (full-width → half-width brackets,
    letters and digits), and no whitespace at all ("王 强" → "王强", "区纪委（区监委）" → "区纪委(区监委)")."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name))


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance between ``a`` and ``b`` in characters, capped at ``limit`` (returns ``limit``
    as soon as the distance is known to be at least that)."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) >= limit:
            return limit
        previous = current
    return min(previous[-1], limit)
