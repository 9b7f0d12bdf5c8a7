"""Replies to /target, to a target sheet and to /plan: what was set, or why nothing was."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.domain.catalogue import Catalogue
from bot.domain.outcomes import NotManager, NotYours, UnknownBranch
from bot.domain.target_outcomes import PlanSet, PlanShown, SheetRefused, TargetsRefused, TargetsSet
from bot.domain.targets import Target
from bot.rendering.progress import metric_amount, metric_name, period_label
from bot.rendering.replies import not_manager, number, unknown_branch
from bot.rendering.texts import Texts


def targets_reply(
    result: TargetsSet | TargetsRefused | SheetRefused | NotManager,
    texts: Texts,
    catalogue: Catalogue,
    *,
    file: str | None,
) -> str:
    """`file`: the sheet's name, None for a /target message. Empty: nothing to say."""
    name = escape(file or "")
    match result:
        case NotManager():
            return not_manager(result, texts)
        case TargetsSet(targets):
            return targets_set(targets, texts, catalogue)
        case SheetRefused(code):
            return texts(f"target.sheet_{code}", file=name)
        case TargetsRefused(problems) if not problems:
            return texts("target.usage")
        case TargetsRefused(problems):
            title = texts("target.sheet_refused", file=name) if file else texts("target.refused")
            lines = [
                texts(f"target.problem.{p.code.value}", row=p.row, word=escape(p.word))
                for p in problems
            ]
            return "\n".join([title, *lines])


def plan_reply(
    result: PlanSet | PlanShown | UnknownBranch | NotYours, texts: Texts, catalogue: Catalogue
) -> str:
    match result:
        case PlanSet(branch, plan):
            return texts("plan.saved", branch=branch, text=plan)
        case PlanShown(branch, None):
            return texts("plan.none", branch=branch)
        case PlanShown(branch, plan):
            return texts("plan.shown", branch=branch, text=plan)
        case UnknownBranch(word):
            return unknown_branch(word, texts, catalogue)
        case NotYours():
            return texts("plan.not_yours")


def targets_set(
    targets: Sequence[tuple[Target, float | None]], texts: Texts, cat: Catalogue
) -> str:
    """The confirmation of a batch: each target, and the value it replaced."""
    lines = [texts("target.saved", count=len(targets))]
    for target, old in targets:
        fields = {
            "branch": escape(target.branch),
            "metric": metric_name(target.metric, texts, cat),
            "period": period_label(target.period, texts),
            "value": metric_amount(target.metric, target.value, texts, cat),
        }
        if old is None or old == target.value:
            lines.append(texts("target.line", **fields))
        else:
            lines.append(texts("target.replaced", old=number(old), **fields))
    return "\n".join(lines)
