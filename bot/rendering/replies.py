"""Turning outcomes and rankings into the short texts a phone shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from bot.domain.catalogue import Catalogue, Metric
from bot.domain.changes import Change, Source
from bot.domain.outcomes import (
    Anonymous,
    AwaitingApproval,
    DayContext,
    ManagerAction,
    NotManager,
    Refused,
    ReportOutcome,
    Stored,
    Today,
    Unbound,
    Undone,
)
from bot.domain.parsing import Problem
from bot.domain.ranking import Ranking
from bot.rendering.texts import Texts

MEDALS = ("🥇", "🥈", "🥉")


def number(value: float) -> str:
    """A figure without float noise or trailing zeros: 35, 2.5, 0.035."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def amount(metric: Metric, value: float) -> str:
    return f"{number(value)}{metric.unit}"


def day_label(day: date, texts: Texts) -> str:
    return f"{day.month}月{day.day}日" if texts.language == "zh-CN" else day.strftime("%d %b")


def stored_day(day: date, when: DayContext | None, texts: Texts) -> str:
    """A reply's day: 11月27日, or 11月27日（周五） when it is not the day an undated
    report would have been for, and with its year when that is not this year's, so that
    a head sees at once which day a dated or old report went to."""
    label = day_label(day, texts)
    if when is None:
        return label
    if day.year != when.today.year:
        label = texts("report.day_of_year", year=day.year, day=label)
    if day == when.usual:
        return label
    return texts("bulletin.day", day=label, weekday=texts(f"weekday.{day.weekday()}"))


def stored(outcome: Stored, texts: Texts, catalogue: Catalogue) -> str:
    """One line per branch and day: what the message changed there, or that nothing changed.
    An edit that moved the message to another day falls back on the old day: its own line."""
    by_place: dict[tuple[str, date], list[Change]] = {
        (branch, outcome.day): [] for branch in outcome.branches
    }
    for change in outcome.changes:
        by_place.setdefault((change.branch, change.day), []).append(change)
    changed = {place: changes for place, changes in by_place.items() if changes}
    if not changed:
        branches = texts.names(dict.fromkeys(branch for branch, _ in by_place))
        day = stored_day(outcome.day, outcome.when, texts)
        return texts("report.unchanged", branch=branches, day=day)
    lines = []
    for (branch, on), changes in changed.items():
        day = stored_day(on, outcome.when, texts)
        if all(change.new is None for change in changes):
            # An edit that took every figure out of the message: say what left.
            items = texts.items(_removed(c, catalogue) for c in changes)
            lines.append(texts("report.edit_removed", branch=branch, day=day, items=items))
        else:
            items = texts.items(change_item(c, texts, catalogue) for c in changes)
            key = "report.saved_late" if outcome.late else "report.saved"
            lines.append(texts(key, branch=branch, day=day, items=items))
    if unchanged := len(by_place) - len(changed):
        # A 接龙 repeats every earlier line: only what changed is worth a line.
        lines.append(texts("report.others_unchanged", count=unchanged))
    return "\n".join(lines)


def undone(outcome: Undone, texts: Texts, catalogue: Catalogue) -> str:
    if not outcome.changes:
        return texts("undo.nothing_left")
    by_branch: dict[str, list[Change]] = {}
    for change in outcome.changes:
        by_branch.setdefault(change.branch, []).append(change)
    day = day_label(outcome.day, texts)
    return "\n".join(
        texts(
            "undo.done",
            branch=branch,
            day=day,
            items=texts.items(
                _removed(c, catalogue) if c.new is None else change_item(c, texts, catalogue)
                for c in changes
            ),
        )
        for branch, changes in by_branch.items()
    )


def today(outcome: Today, texts: Texts, catalogue: Catalogue) -> str:
    day = day_label(outcome.day, texts)
    if not outcome.values:
        head = texts("today.nothing", branch=outcome.branch, day=day)
    else:
        items = texts.items(
            f"{catalogue.metric(key).name} {amount(catalogue.metric(key), value)}"
            for key, value in outcome.values.items()
            if key in {m.key for m in catalogue.metrics}
        )
        head = texts("today.stored", branch=outcome.branch, day=day, items=items)
    if not outcome.missing:
        return head
    missing = texts.names(catalogue.metric(key).name for key in outcome.missing)
    return head + "\n" + texts("today.missing", metrics=missing)


def _removed(change: Change, catalogue: Catalogue) -> str:
    metric = catalogue.metric(change.metric)
    return f"{metric.name} {amount(metric, change.old or 0.0)}"


def change_item(change: Change, texts: Texts, catalogue: Catalogue) -> str:
    """One figure's change as a confirmation lists it: 储蓄 35万元, 信用卡 3→2张."""
    metric = catalogue.metric(change.metric)
    if change.new is None:
        text = texts("report.removed", name=metric.name, old=amount(metric, change.old or 0.0))
    elif change.old is None:
        text = f"{metric.name} {amount(metric, change.new)}"
    else:
        new = amount(metric, change.new)
        text = texts("report.change", name=metric.name, old=number(change.old), new=new)
    return _sourced(text, change, texts)


def _sourced(text: str, change: Change, texts: Texts) -> str:
    """A change, with the earlier statement that stands again, or the other member's
    figure it replaced: a head must see that a colleague's 12 became their 4."""
    if source := change.restored:
        key = "report.restored_from" if source.who else "report.restored"
        return texts(key, change=text, who=source.who or "", time=_stated_at(source, texts))
    if (source := change.replaced) and source.who:
        return texts("report.replaced", change=text, who=source.who, time=_stated_at(source, texts))
    return text


def _stated_at(source: Source, texts: Texts) -> str:
    time = source.at.strftime("%H:%M")
    if not source.dated:
        return time
    return texts("report.time_of_day", day=day_label(source.at.date(), texts), time=time)


def refused(outcome: Refused, texts: Texts) -> str:
    key = "report.refused_kept" if outcome.kept else "report.refused"
    return texts(key, problems="\n".join(problems(outcome.problems, texts)))


def problems(items: Iterable[Problem], texts: Texts) -> list[str]:
    return [f"• {texts(f'problem.{p.code}', **p.params)}" for p in items]


def ranking(result: Ranking, texts: Texts) -> str:
    """The ranking as aligned lines: medals for the top three, 未报 at the end."""
    day = day_label(result.day, texts)
    if not result.rows:
        return texts("rank.empty", day=day)
    basis = result.metric.name if result.metric else texts("rank.points")
    unit = result.metric.unit if result.metric else ""
    width = max(len(row.branch) for row in result.rows)
    lines = [texts("rank.title", day=day, basis=basis)]
    for row in result.rows:
        place = MEDALS[row.rank - 1] if row.rank <= len(MEDALS) else f"{row.rank}."
        branch = row.branch.ljust(width, "\u3000")
        lines.append(texts("rank.line", rank=place, branch=branch, value=number(row.value) + unit))
    if result.missing:
        lines.append(texts("rank.missing_title", branches=texts.names(result.missing)))
    return "\n".join(lines)


def not_manager(outcome: NotManager, texts: Texts) -> str:
    """Who may do what was asked. (A sheet's refusal is the targets' text, for a caller
    that says it; the group's handler says nothing to a spreadsheet from anyone else.)"""
    action = ManagerAction.TARGET if outcome.action is ManagerAction.SHEET else outcome.action
    return texts(f"{action.value}.managers_only")


def help_texts(texts: Texts, catalogue: Catalogue, *, manager: bool) -> list[str]:
    """Everyone's part, and for a manager the managers' part: two short messages a phone
    shows whole, rather than one long list most members would never need."""
    reported = (m.name for m in catalogue.metrics if not m.is_judged)
    members = texts("help.members", metrics=texts.names(reported))
    return [members, texts("help.managers")] if manager else [members]


def start_text(texts: Texts, groups: Sequence[str], username: str | None) -> str:
    """What a private /start answers: what the bot is, where it works, how to be bound."""
    return texts("start.text", groups=texts.names(groups), username=username or "…")


def unknown_metric(word: str, texts: Texts, catalogue: Catalogue) -> str:
    metrics = texts.names(m.name for m in catalogue.metrics)
    return texts("rank.unknown_metric", word=word, metrics=metrics)


def unknown_branch(word: str, texts: Texts, catalogue: Catalogue) -> str:
    branches = texts.names(b.name for b in catalogue.branches)
    return texts("bind.unknown_branch", word=word, branches=branches)


HELD_MARK = "⏳"
"""How a held backfill's line starts (report.pending), in every language."""


def held_replaced(shown: str | None, approved: str) -> str:
    """The message once a manager approved what it held: only the held line is replaced,
    since a photo's answer says more (the photo count) than the held figures."""
    kept = [line for line in (shown or "").splitlines() if not line.startswith(HELD_MARK)]
    return "\n".join([*kept, approved])


def report_reply(outcome: ReportOutcome, texts: Texts, catalogue: Catalogue) -> str | None:
    """The one reply a message gets, or None for a message that gets none."""
    match outcome:
        case Stored():
            return stored(outcome, texts, catalogue)
        case Refused():
            return refused(outcome, texts)
        case Unbound():
            return texts("report.unbound")
        case Anonymous():
            return texts("report.anonymous")
        case AwaitingApproval():
            items = texts.items(change_item(c, texts, catalogue) for c in outcome.wanted)
            day = stored_day(outcome.day, outcome.when, texts)
            return texts("report.pending", day=day, days=outcome.days_back, items=items)
        case _:
            return None
