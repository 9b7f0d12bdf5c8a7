"""Replies to the contest commands: created or refused, ended or cancelled, /score, and
the `/pk new` wizard's questions and buttons."""

from __future__ import annotations

from html import escape

from bot.domain.catalogue import Catalogue
from bot.domain.contest_form import Choice, Decision, Draft
from bot.domain.contest_outcomes import (
    ContestCreated,
    ContestEnded,
    ContestRefused,
    NoContest,
    WhichContest,
)
from bot.domain.outcomes import Ignored, NotManager
from bot.domain.scores import Score, ScoreProblem
from bot.rendering.contests import contest_list, created_text
from bot.rendering.replies import day_label, not_manager, number
from bot.rendering.texts import Texts


def created_reply(
    outcome: ContestCreated | ContestRefused, texts: Texts, catalogue: Catalogue
) -> str:
    if isinstance(outcome, ContestCreated):
        return created_text(outcome.contest, outcome.odd, dict(outcome.sizes), texts, catalogue)
    lines = [texts("pk.refused")]
    lines.extend(
        "• " + texts(f"pk.problem.{p.code.value}", word=escape(p.word)) for p in outcome.problems
    )
    return "\n".join(lines)


def ended_reply(outcome: ContestEnded | NoContest | WhichContest, texts: Texts) -> str:
    if isinstance(outcome, WhichContest):
        return "\n".join((texts("pk.which"), contest_list(outcome.contests, texts)))
    if isinstance(outcome, NoContest):
        if not outcome.contests:
            return texts("pk.none")
        lines = (texts("pk.no_contest", word=escape(outcome.word)), texts("pk.which"))
        return "\n".join((*lines, contest_list(outcome.contests, texts)))
    key = "pk.ended" if outcome.standings is not None else "pk.cancelled"
    return texts(key, name=escape(outcome.contest.name))


def score_reply(
    outcome: Score | ScoreProblem | NotManager | Ignored, texts: Texts, catalogue: Catalogue
) -> str | None:
    if isinstance(outcome, Ignored):
        return None
    if isinstance(outcome, NotManager):
        return not_manager(outcome, texts)
    if isinstance(outcome, Score):
        return texts(
            "score.set",
            branch=catalogue.branch(outcome.branch).short_name,
            day=day_label(outcome.day, texts),
            metric=catalogue.metric(outcome.metric).name,
            value=number(outcome.value),
        )
    if outcome.code == "usage":
        judged = texts.names(m.name for m in catalogue.metrics if m.is_judged)
        return texts("score.usage", metrics=judged)
    return texts(f"score.{outcome.code}", word=outcome.word, choices=outcome.choices)


def wizard_question(draft: Draft, texts: Texts) -> str:
    """What the draft's next message asks: its step, or to confirm the finished form."""
    if draft.step is None:
        return texts("pk.wizard.confirm", form=draft.form)
    return texts(f"pk.wizard.{draft.step.value}")


def wizard_label(button: Choice | Decision, texts: Texts) -> str:
    if isinstance(button, Decision):
        return texts(f"pk.wizard.button.{button.value}")
    return texts(f"pk.wizard.button.{button.label}") if button.label else button.words
