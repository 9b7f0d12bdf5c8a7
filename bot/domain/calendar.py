"""Working days as the official Chinese calendar has them, adjusted days (调休) included.

The official arrangement for a year is announced late in the year before and
packages lag behind it, so a deployment can add or remove days itself; and a
calendar that cannot answer must never stop a post, so it falls back to
Monday to Friday.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

import holidays

log = logging.getLogger(__name__)
_SATURDAY = 5


class WorkCalendar:
    def __init__(self, *, workdays: Iterable[date] = (), days_off: Iterable[date] = ()) -> None:
        self._workdays = frozenset(workdays)
        self._days_off = frozenset(days_off)
        self._official = holidays.China()
        self._known: dict[date, bool] = {}

    def is_working_day(self, day: date) -> bool:
        # A summary asks about the same days tens of thousands of times.
        if (known := self._known.get(day)) is None:
            known = self._known[day] = self._look_up(day)
        return known

    def _look_up(self, day: date) -> bool:
        if day in self._days_off:
            return False
        if day in self._workdays:
            return True
        try:
            return bool(self._official.is_working_day(day))
        except (NotImplementedError, KeyError, ValueError) as error:
            log.warning("No official calendar for %s (%s): counting Monday to Friday", day, error)
            return day.weekday() < _SATURDAY

    def working_days(self, first: date, last: date) -> Iterator[date]:
        """The working days from `first` to `last`, both included."""
        day = first
        while day <= last:
            if self.is_working_day(day):
                yield day
            day += timedelta(days=1)

    def previous_working_day(self, day: date) -> date:
        """The last working day before `day` (within a month; else simply the day before)."""
        for back in range(1, 32):
            earlier = day - timedelta(days=back)
            if self.is_working_day(earlier):
                return earlier
        return day - timedelta(days=1)
