"""Pure values and rules (parsing, periods, contests, outcomes); imports nothing of bot."""
