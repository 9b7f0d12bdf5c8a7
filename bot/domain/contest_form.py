"""The `/pk new` wizard's form: five questions whose answers make the one-message form.

A manager who does not remember `/pk new 名称 期间 [计分] 对阵 [奖励：…]` is asked for
it one field at a time. The answers are joined into that same message, so a contest
made step by step is read, checked and stored by `contest_input` exactly like one typed
whole, and the wizard needs no rules of its own about what a valid contest is.

A draft is a value: each answer gives the next draft, so a half-made contest can be
looked at, kept or dropped without being changed behind anyone's back. Time is passed
in, so expiry is decided by the caller's clock (the chat's, or a test's).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.catalogue import Catalogue

LIFETIME = timedelta(hours=1)
"""A draft left longer is dropped: a stray reply hours later should not finish it."""


class Step(StrEnum):
    """The questions, in the order they are asked; each value names its prompt."""

    NAME = "name"
    PERIOD = "period"
    SCORING = "scoring"
    SIDES = "sides"
    REWARD = "reward"


STEPS = tuple(Step)


class Decision(StrEnum):
    """The buttons under the finished form; each value names its label."""

    CREATE = "create"
    CANCEL = "cancel"


class Refusal(StrEnum):
    """Why a press or a reply does not answer a draft; each value names what is said."""

    EXPIRED = "expired"
    NOT_YOURS = "not_yours"


@dataclass(frozen=True, slots=True)
class Choice:
    """A button: the words it puts in the form, and the name of its label, if it has one
    (a metric's button is labelled with the metric's own name, which is its word)."""

    words: str
    label: str = ""


PERIODS = (
    Choice("本周", "this_week"),
    Choice("下周", "next_week"),
    Choice("本月", "this_month"),
    Choice("下月", "next_month"),
)
SIDES = (Choice("自动", "auto"), Choice("联赛", "league"))
NO_REWARD = Choice("", "no_reward")
DECISIONS = tuple(Decision)


def choices(step: Step, catalogue: Catalogue, main_metrics: tuple[str, ...]) -> tuple[Choice, ...]:
    """The buttons of a step, spelled as the one-message form spells them, so that a press
    and a typed word read alike. Scoring offers only the metrics the morning bulletin
    shows and the judged ones; any other metric is typed."""
    if step is Step.PERIOD:
        return PERIODS
    if step is Step.SCORING:
        main = tuple(Choice(catalogue.metric(key).name) for key in main_metrics)
        judged = tuple(Choice(m.name) for m in catalogue.metrics if m.is_judged)
        return (Choice("积分", "points"), *main, Choice("完成率", "completion"), *judged)
    if step is Step.SIDES:
        return SIDES
    if step is Step.REWARD:
        return (NO_REWARD,)
    return ()


def buttons(
    draft: Draft, catalogue: Catalogue, main_metrics: tuple[str, ...]
) -> tuple[Choice, ...] | tuple[Decision, ...]:
    """What the draft's next message offers: its step's choices, or create and cancel."""
    return DECISIONS if draft.step is None else choices(draft.step, catalogue, main_metrics)


@dataclass(frozen=True, slots=True)
class Draft:
    user_id: int
    """Who started it: only they may answer."""
    started: datetime
    message_id: int | None = None
    """The message that asks the current step; None until it is sent."""
    answers: tuple[str, ...] = ()
    """The form's words, one per step answered, in the order of STEPS."""

    @property
    def step(self) -> Step | None:
        """The step to answer next; None once the form only waits to be created."""
        return STEPS[len(self.answers)] if len(self.answers) < len(STEPS) else None

    @property
    def complete(self) -> bool:
        return self.step is None

    @property
    def form(self) -> str:
        """The one-message form the answers make, as typed after `/pk new`."""
        given = dict(zip(STEPS, self.answers, strict=False))
        body = (given.get(step, "") for step in (Step.NAME, Step.PERIOD, Step.SCORING, Step.SIDES))
        reward = given.get(Step.REWARD, "")
        return " ".join(filter(None, body)) + (f" 奖励：{reward}" if reward else "")

    def expired(self, now: datetime) -> bool:
        return now - self.started > LIFETIME

    def refusal(self, user_id: int, now: datetime) -> Refusal | None:
        """Why `user_id` may not answer now, or None when they may. A stale draft is
        refused to everyone: nobody can finish it any more."""
        if self.expired(now):
            return Refusal.EXPIRED
        if user_id != self.user_id:
            return Refusal.NOT_YOURS
        return None

    def answered(self, text: str) -> Draft:
        """The draft with `text` typed as the current step's answer, not yet shown. The
        name is the form's first word, so its spaces go: 七月 储蓄赛 is 七月储蓄赛. A
        finished form takes no more answers."""
        if self.step is None:
            return self
        words = "".join(text.split()) if self.step is Step.NAME else text.strip()
        return replace(self, answers=(*self.answers, words), message_id=None)

    def chosen(self, choice: Choice) -> Draft:
        """The draft with a button's words as the current step's answer, not yet shown."""
        if self.step is None:
            return self
        return replace(self, answers=(*self.answers, choice.words), message_id=None)

    def shown(self, message_id: int) -> Draft:
        """The draft as asked in `message_id`, which is where its answer will come."""
        return replace(self, message_id=message_id)
