"""A league (联赛): round-robin rounds of one week each, and the season table.

The circle method draws the rounds so that every branch meets every other
once; a season longer than one cycle starts the draw again. With an odd
number of entrants one branch sits each round out (轮空).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.domain.contests import Match, MatchScore, Side

ROUND_DAYS = 7
WIN, DRAW, LOSS = 3, 1, 0


@dataclass(frozen=True, slots=True)
class Round:
    number: int
    """1 for the first round."""
    first: date
    last: date
    pairs: tuple[tuple[str, str], ...]
    bye: str | None = None

    @property
    def matches(self) -> tuple[Match, ...]:
        return tuple(Match(Side((a,)), Side((b,))) for a, b in self.pairs)


@dataclass(frozen=True, slots=True)
class TableRow:
    rank: int
    branch: str
    played: int
    won: int
    drawn: int
    lost: int
    points: int
    scored: float
    conceded: float

    @property
    def difference(self) -> float:
        return self.scored - self.conceded


def draw(entrants: Sequence[str]) -> list[tuple[tuple[tuple[str, str], ...], str | None]]:
    """One cycle of the round-robin: each round's pairs and who sits it out."""
    field: list[str | None] = list(entrants)
    if len(field) % 2:
        field.append(None)
    cycle = []
    for _ in range(len(field) - 1):
        half = len(field) // 2
        pairs = [(field[i], field[-1 - i]) for i in range(half)]
        playing = tuple((a, b) for a, b in pairs if a is not None and b is not None)
        bye = next((a or b for a, b in pairs if a is None or b is None), None)
        cycle.append((playing, bye))
        field = [field[0], field[-1], *field[1:-1]]
    return cycle


def rounds_needed(entrants: int) -> int:
    return entrants - 1 if entrants % 2 == 0 else entrants


def season(entrants: Sequence[str], first: date, last: date) -> tuple[Round, ...]:
    """The rounds from `first` to `last`, one per week from the first day (the last one
    may be shorter)."""
    cycle = draw(entrants)
    rounds = []
    start, number = first, 1
    while start <= last and cycle:
        pairs, bye = cycle[(number - 1) % len(cycle)]
        end = min(start + timedelta(days=ROUND_DAYS - 1), last)
        rounds.append(Round(number, start, end, pairs, bye))
        start, number = end + timedelta(days=1), number + 1
    return tuple(rounds)


def table(
    entrants: Sequence[str], results: Sequence[MatchScore], decimals: int
) -> tuple[TableRow, ...]:
    """The season table of the finished rounds' matches: 3 points a win, 1 a draw; then
    score difference and score decide, and rows still equal share a rank."""
    tally = {b: TableRow(0, b, 0, 0, 0, 0, 0, 0.0, 0.0) for b in entrants}
    for result in results:
        for mine in (0, 1):
            own, other = result.sides[mine], result.sides[1 - mine]
            row = tally[own.side.branches[0]]
            won, drawn = result.leader == mine, result.leader is None
            tally[row.branch] = replace(
                row,
                played=row.played + 1,
                won=row.won + won,
                drawn=row.drawn + drawn,
                lost=row.lost + (not won and not drawn),
                points=row.points + (WIN if won else DRAW if drawn else LOSS),
                scored=row.scored + own.score,
                conceded=row.conceded + other.score,
            )

    def key(row: TableRow) -> tuple[float, float, float]:
        return (-row.points, -round(row.difference, decimals), -round(row.scored, decimals))

    ordered = sorted(tally.values(), key=key)
    ranked: list[TableRow] = []
    for position, row in enumerate(ordered, start=1):
        tied = ranked and key(ranked[-1]) == key(row)
        ranked.append(replace(row, rank=ranked[-1].rank if tied else position))
    return tuple(ranked)
