"""Which business day a moment belongs to, in the deployment's own time zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

YESTERDAY = "yesterday"
TODAY = "today"


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The calendar day of `moment` where the branches are; Telegram's clock is UTC."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no business day")
    return moment.astimezone(zone).date()


def default_report_day(moment: datetime, zone: ZoneInfo, rule: str) -> date:
    """The day a report without a date is for: by default, the day before it was sent."""
    today = local_day(moment, zone)
    return today - timedelta(days=1) if rule == YESTERDAY else today
