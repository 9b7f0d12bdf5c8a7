"""What happens in the group on the demo's morning, minute by minute.

Reports come from each branch's head in the configuration, named by branch;
the mistakes are the ones branch heads really make.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

# A Tuesday: the heads report Monday's figures.
MORNING = datetime(2026, 7, 28, 7, 50, tzinfo=ZoneInfo("Asia/Shanghai"))
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
class Edit:
    at: str
    label: str
    text: str


STEPS: tuple[Say | Edit | Run, ...] = (
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
)
