"""PK contests in words: the confirmation, the standings (PK赛战况) and the result.

A tie is always said as a tie, and a completion rate reads as a percentage,
because what the chat sees is what was compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.domain.catalogue import Catalogue
from bot.domain.contests import Contest, MatchScore, Rule, Scoring, Side, decimals
from bot.domain.league import Round, TableRow, season
from bot.domain.standings import Standings
from bot.rendering.replies import day_label, number
from bot.rendering.texts import Texts


def side_name(side: Side, catalogue: Catalogue) -> str:
    return "＋".join(catalogue.branch(b).short_name for b in side.branches)


def short_names(branches: Sequence[str], texts: Texts, catalogue: Catalogue) -> str:
    return texts.names(catalogue.branch(b).short_name for b in branches)


def scoring_text(scoring: Scoring, texts: Texts, catalogue: Catalogue) -> str:
    names = [catalogue.metric(key).name for key in scoring.metrics]
    if scoring.rule is Rule.COMPLETION:
        what = texts.names(names) if names else texts("pk.rule.points")
        return texts("pk.rule.completion", what=what)
    if scoring.rule is Rule.POINTS:
        return texts("pk.rule.points")
    if scoring.single:
        return names[0]
    weights = (weight for _, weight in scoring.weights)
    return "＋".join(f"{name}×{number(w)}" for name, w in zip(names, weights, strict=True))


def score_text(value: float, scoring: Scoring, texts: Texts, catalogue: Catalogue) -> str:
    if scoring.rule is Rule.COMPLETION:
        return f"{number(round(value * 100, 1))}%"
    rounded = number(round(value, decimals(scoring)))
    if scoring.single:
        return f"{rounded}{catalogue.metric(scoring.single).unit}"
    return texts("pk.points", value=rounded)


def span(contest: Contest, texts: Texts) -> str:
    return texts(
        "pk.span", first=day_label(contest.first, texts), last=day_label(contest.last, texts)
    )


def created_text(
    contest: Contest, odd: str | None, sizes: dict[str, float], texts: Texts, catalogue: Catalogue
) -> str:
    lines = [
        texts("pk.created", name=escape(contest.name), id=contest.id),
        texts("pk.period", span=span(contest, texts), days=(contest.last - contest.first).days + 1),
        texts("pk.scoring", rule=scoring_text(contest.scoring, texts, catalogue)),
    ]
    if contest.league:
        rounds = season(contest.league, contest.first, contest.last)
        lines.append(texts("pk.league", branches=len(contest.league), rounds=len(rounds)))
        lines.append(_round_line(rounds[0], texts, catalogue))
    for match in contest.matches:
        first, second = (side_name(side, catalogue) for side in match.sides)
        lines.append(texts("pk.versus", first=first, second=second))
    if sizes:
        lines.append(texts("pk.by_size"))
    if odd:
        lines.append(texts("pk.odd", branch=catalogue.branch(odd).short_name))
    if contest.reward:
        lines.append(texts("pk.reward", reward=escape(contest.reward)))
    lines.append(texts("pk.created_footer"))
    return "\n".join(lines)


def _round_line(round_: Round, texts: Texts, catalogue: Catalogue) -> str:
    pairs = texts.names(
        texts(
            "pk.versus_short",
            first=catalogue.branch(a).short_name,
            second=catalogue.branch(b).short_name,
        )
        for a, b in round_.pairs
    )
    bye = texts("pk.bye", branch=catalogue.branch(round_.bye).short_name) if round_.bye else ""
    return texts(
        "pk.round",
        number=round_.number,
        first=day_label(round_.first, texts),
        last=day_label(round_.last, texts),
        pairs=pairs + bye,
    )


def standings_lines(standings: Standings, texts: Texts, catalogue: Catalogue) -> list[str]:
    contest = standings.contest
    title = texts("pk.standings.title", name=escape(contest.name))
    if not standings.started:
        return [title, texts("pk.not_started", first=day_label(contest.first, texts))]
    lines = [
        title,
        texts(
            "pk.standings.head",
            through=day_label(standings.through, texts),
            rule=scoring_text(contest.scoring, texts, catalogue),
            left=standings.days_left,
        ),
    ]
    if standings.round is not None:
        round_ = standings.round
        first, last = day_label(round_.first, texts), day_label(round_.last, texts)
        lines.append(texts("pk.round_head", number=round_.number, first=first, last=last))
    for position, match in enumerate(standings.matches, start=1):
        lines.extend(_match_lines(position, match, contest.scoring, texts, catalogue))
    if standings.table:
        lines.extend(_table_lines(standings, texts, catalogue))
    return lines


def _match_lines(
    position: int, match: MatchScore, scoring: Scoring, texts: Texts, catalogue: Catalogue
) -> list[str]:
    names = [side_name(s.side, catalogue) for s in match.sides]
    scores = [score_text(s.score, scoring, texts, catalogue) for s in match.sides]
    marks = [texts("pk.no_target") if s.no_target else "" for s in match.sides]
    line = texts(
        "pk.match",
        position=position,
        first=names[0] + marks[0],
        second=names[1] + marks[1],
        first_score=scores[0],
        second_score=scores[1],
    )
    changes = "/".join(_signed(s.change, scoring, texts, catalogue) for s in match.sides)
    if match.undecided:
        state = texts("pk.undecided")
    elif match.leader is None:
        state = texts("pk.tie")
    else:
        key = "pk.overtake" if match.overtaken else "pk.lead"
        margin = score_text(match.margin, scoring, texts, catalogue)
        state = texts(key, leader=names[match.leader], margin=margin)
    return [line, texts("pk.state", state=state, changes=changes)]


def _signed(value: float, scoring: Scoring, texts: Texts, catalogue: Catalogue) -> str:
    shown = score_text(abs(value), scoring, texts, catalogue)
    return ("-" if round(value, decimals(scoring) + 2) < 0 else "+") + shown


def _table_lines(standings: Standings, texts: Texts, catalogue: Catalogue) -> list[str]:
    played = max(row.played for row in standings.table)
    lines = [texts("pk.table.title", played=played)]
    lines.extend(_table_row(row, standings, texts, catalogue) for row in standings.table)
    return lines


def _table_row(row: TableRow, standings: Standings, texts: Texts, catalogue: Catalogue) -> str:
    difference = _signed(row.difference, standings.contest.scoring, texts, catalogue)
    return texts(
        "pk.table.row",
        rank=row.rank,
        branch=catalogue.branch(row.branch).short_name,
        points=row.points,
        won=row.won,
        drawn=row.drawn,
        lost=row.lost,
        difference=difference,
    )


def result_lines(standings: Standings, texts: Texts, catalogue: Catalogue) -> list[str]:
    contest, scoring = standings.contest, standings.contest.scoring
    lines = [
        texts("pk.result.title", name=escape(contest.name), span=span(contest, texts)),
        texts("pk.scoring", rule=scoring_text(scoring, texts, catalogue)),
    ]
    if standings.table:
        champions = short_names(standings.champions, texts, catalogue)
        lines.append(texts("pk.result.champion", branches=champions))
        lines.extend(_table_lines(standings, texts, catalogue)[1:])
    for match in standings.matches if not standings.table else ():
        names = [side_name(s.side, catalogue) for s in match.sides]
        scores = [score_text(s.score, scoring, texts, catalogue) for s in match.sides]
        if match.undecided:
            lines.append(texts("pk.result.undecided", first=names[0], second=names[1]))
            continue
        if match.leader is None:
            lines.append(texts("pk.result.tie", first=names[0], second=names[1], score=scores[0]))
            continue
        win, lose = match.leader, 1 - match.leader
        lines.append(
            texts(
                "pk.result.win",
                winner=names[win],
                loser=names[lose],
                winner_score=scores[win],
                loser_score=scores[lose],
                margin=score_text(match.margin, scoring, texts, catalogue),
            )
        )
    if contest.reward:
        lines.append(texts("pk.reward", reward=escape(contest.reward)))
    everyone = short_names(contest.branches, texts, catalogue)
    lines.append(texts("pk.result.thanks", branches=everyone))
    return lines


def contest_list(contests: Sequence[Contest], texts: Texts) -> str:
    return "\n".join(
        texts("pk.list_item", id=c.id, name=escape(c.name), span=span(c, texts)) for c in contests
    )
