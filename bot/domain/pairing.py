"""Pairing by similar size (按规模配对): neighbours in last month's points ranking meet.

A large branch against a small one is decided before it starts; neighbours in
the ranking make a contest of effort. With an odd number, the smallest sits out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.domain.contests import Match, Side


def pair_by_size(
    branches: Sequence[str], points: Mapping[str, float]
) -> tuple[tuple[Match, ...], str | None]:
    """Pairs of neighbours by `points` (best first; equal points keep the given order),
    and the branch left without a partner, if any."""
    ordered = sorted(branches, key=lambda b: -points.get(b, 0.0))
    pairs = tuple(
        Match(Side((ordered[i],)), Side((ordered[i + 1],))) for i in range(0, len(ordered) - 1, 2)
    )
    return pairs, ordered[-1] if len(ordered) % 2 else None
