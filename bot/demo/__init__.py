"""The scripted group of `make demo`, played offline; imports what cli may, and fake_telegram."""

# The real bot runs against the fake Bot API server in this process; the group is
# written to `demo-out/` as its members would have seen it.

from __future__ import annotations

from bot.demo.play import play

__all__ = ["play"]
