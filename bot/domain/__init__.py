"""Pure values and rules (parsing, calendar, rankings, contests, outcomes); imports no bot."""
