"""`make demo`: a scripted morning of the six seed branches, played offline.

The real bot runs against the fake Bot API server in this process; the group
is written to `demo-out/` as its members would have seen it.
"""

from __future__ import annotations

from bot.demo.play import play

__all__ = ["play"]
