"""`/audit`: the audit trail of one branch's day, one line per change."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.domain.catalogue import Catalogue
from bot.domain.outcomes import Audit
from bot.rendering.replies import amount, day_label, number
from bot.rendering.texts import Texts


def audit_text(audit: Audit, texts: Texts, catalogue: Catalogue, zone: ZoneInfo) -> str:
    day = day_label(audit.day, texts)
    if not audit.changes:
        return texts("audit.none", branch=audit.branch, day=day)
    lines = [texts("audit.title", branch=audit.branch, day=day)]
    for change in audit.changes:
        metric = catalogue.find_metric(change.metric)
        name = metric.name if metric else change.metric
        old = number(change.old_value) if change.old_value is not None else "—"
        new = (
            (amount(metric, change.new_value) if metric else number(change.new_value))
            if change.new_value is not None
            else texts("audit.removed")
        )
        lines.append(
            texts(
                "audit.line",
                time=change.changed_at.astimezone(zone).strftime("%m-%d %H:%M"),
                who=audit.people.get(change.user_id, str(change.user_id)),
                metric=name,
                old=old,
                new=new,
                reason=texts(f"audit.reason.{change.reason}"),
            )
        )
    return "\n".join(lines)
