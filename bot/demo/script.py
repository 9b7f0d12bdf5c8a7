"""What happens in the group: one morning minute by minute, then the week after.

Reports come from each branch's head in the configuration, named by branch;
the mistakes are the ones branch heads really make. The week runs into the
National Day holiday, when no bulletin is posted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

# A Tuesday: the heads report Monday's figures.
MORNING = datetime(2026, 9, 29, 7, 50, tzinfo=ZoneInfo("Asia/Shanghai"))
MANAGER = (100001, "王总")
STAFF = (300001, "小李")


@dataclass(frozen=True, slots=True)
class Say:
    at: str
    who: str
    """A branch's short name (its head speaks), or "manager" / "staff"."""
    text: str
    label: str | None = None
    """A name for the message, so a later step can edit it or reply to it."""
    reply_to: str | None = None
    """The label of the message this one replies to."""


@dataclass(frozen=True, slots=True)
class Run:
    """A scheduled job falls due."""

    at: str
    job: str


@dataclass(frozen=True, slots=True)
class NewDay:
    """The script moves on to another day (YYYY-MM-DD); later times are on it."""

    day: str


@dataclass(frozen=True, slots=True)
class Edit:
    at: str
    label: str
    text: str


Step = Say | Edit | Run | NewDay

STEPS: tuple[Step, ...] = (
    Say("07:52", "正阳", "储蓄35万 保险2万 走访12户"),
    Say("07:58", "姜家", "姜家所 他行策反15万 客户信息30条\n储蓄20万 走访8户"),
    Say("08:01", "staff", "收到"),
    Say("08:04", "四明", "储蓄12万\n保险：无\n宣传单200份"),
    Say("08:06", "东城", "储畜5万 手机银行3户"),
    Say("08:07", "东城", "储蓄5万 手机银行3户"),
    Say("08:10", "西环路", "储蓄10万 信用卡2张", label="xihuan"),
    Say("08:15", "manager", "明天上午9点到四楼会议室开会"),
    Edit("08:18", "xihuan", "储蓄15万 信用卡2张"),
    Say("08:19", "四明", "走访5户", label="wrong"),
    Say("08:20", "四明", "/undo", reply_to="wrong"),
    Say("08:22", "正阳", "/today"),
    Say("08:25", "manager", "/rank"),
    Say("08:26", "manager", "/rank 储蓄"),
    Run("08:30", "morning"),
    Run("10:00", "reminder"),
    Say("10:06", "利民城", "【利民城营业所】储蓄 8万 理财20万 走访6户"),
    NewDay("2026-09-30"),
    Say("07:55", "东城", "储蓄30万 手机银行5户"),
    Say("08:02", "正阳", "储蓄40万 保险1万"),
    Say("08:07", "姜家", "储蓄8万 走访10户"),
    Say("08:12", "四明", "储蓄12万 宣传单300份"),
    Run("08:30", "morning"),
    # National Day: the jobs fire, and post nothing.
    *(
        step
        for day in ("2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05")
        for step in (NewDay(day), Run("08:30", "morning"), Run("10:00", "reminder"))
    ),
)
