"""`/audit`: a branch's day as its statements (the live one marked) and its changes."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.domain.catalogue import Catalogue, Metric
from bot.domain.changes import latest
from bot.domain.outcomes import Audit
from bot.domain.records import StatementRecord
from bot.rendering.replies import amount, day_label, number
from bot.rendering.texts import Texts

STAMP = "%m-%d %H:%M"


def audit_text(audit: Audit, texts: Texts, catalogue: Catalogue, zone: ZoneInfo) -> str:
    day = day_label(audit.day, texts)
    if not audit.changes and not audit.statements:
        return texts("audit.none", branch=audit.branch, day=day)
    lines = [texts("audit.title", branch=audit.branch, day=day)]
    if audit.statements:
        current = {s.id for s in latest(audit.statements).values()}
        lines.append(texts("audit.statements"))
        lines.extend(
            _statement(s, s.id in current, audit, texts, catalogue, zone)
            for s in sorted(audit.statements, key=lambda s: (s.stated_at, s.id))
        )
    if audit.changes:
        lines.append(texts("audit.changes"))
    for change in audit.changes:
        metric = catalogue.find_metric(change.metric)
        old = number(change.old_value) if change.old_value is not None else "—"
        new = (
            _value(metric, change.new_value)
            if change.new_value is not None
            else texts("audit.removed")
        )
        lines.append(
            texts(
                "audit.line",
                time=change.changed_at.astimezone(zone).strftime(STAMP),
                who=audit.people.get(change.user_id, str(change.user_id)),
                metric=metric.name if metric else change.metric,
                old=old,
                new=new,
                reason=texts(f"audit.reason.{change.reason}"),
            )
        )
    return "\n".join(lines)


def _statement(
    statement: StatementRecord,
    is_current: bool,
    audit: Audit,
    texts: Texts,
    catalogue: Catalogue,
    zone: ZoneInfo,
) -> str:
    """One statement, marked: the figure's current one, or why it no longer counts."""
    metric = catalogue.find_metric(statement.metric)
    if is_current:
        mark = texts("audit.mark.current")
    elif statement.ended_by is None:
        mark = texts("audit.mark.later")
    else:
        mark = texts(f"audit.mark.{statement.ended_by}")
    return texts(
        "audit.statement",
        time=statement.stated_at.astimezone(zone).strftime(STAMP),
        who=audit.people.get(statement.user_id, str(statement.user_id)),
        metric=metric.name if metric else statement.metric,
        value=_value(metric, statement.value),
        mark=mark,
    )


def _value(metric: Metric | None, value: float) -> str:
    return amount(metric, value) if metric else number(value)
