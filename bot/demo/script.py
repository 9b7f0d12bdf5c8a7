"""What happens in the group: September's targets and PK contest, three weeks of reports in
brief, a Monday morning after Mid-Autumn with its summary, one morning minute by minute,
then the week after, to the contests' results.

Reports come from each branch's head in the configuration, named by branch;
the mistakes are the ones branch heads really make. The last week runs into
the National Day holiday, when no bulletin is posted, and ends with the
summary of that week on the first working day after it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.calendar import WorkCalendar

# The first of the month, before the bulletin's time: the manager sets September's targets.
START = datetime(2026, 9, 1, 8, 20, tzinfo=ZoneInfo("Asia/Shanghai"))
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


@dataclass(frozen=True, slots=True)
class Sheet:
    """A member sends a spreadsheet (XLSX) built from `rows`."""

    at: str
    who: str
    file_name: str
    caption: str
    rows: tuple[tuple[object, ...], ...]


@dataclass(frozen=True, slots=True)
class Backlog:
    """Every head reports each working day from `first` to `last` (YYYY-MM-DD) at 07:40 the
    next morning, with figures drawn from the branch's usual level; the transcript tells it
    in one line."""

    first: str
    last: str
    photos: bool = False
    """Branches post visit photos too, each evening."""
    photos_last: str | None = None
    """The last day of visit photos, when it is not `last`: a day whose reports the script
    tells itself still has its evening's photos in the backlog."""


@dataclass(frozen=True, slots=True)
class Photos:
    """A member posts visit photos drawn for the demo: one (a photo, or an image file that
    keeps the capture time `taken` in its EXIF), or several as an album."""

    at: str
    who: str
    seeds: tuple[int, ...]
    caption: str | None = None
    taken: str | None = None
    """YYYY-MM-DD: sent as a file whose camera says it was taken then."""


Step = Say | Edit | Run | NewDay | Sheet | Backlog | Photos

# A branch's usual day: deposits (万元), and the chance that it forgets to report.
LEVELS = {"正阳": (14, 0.0), "姜家": (12, 0.05), "四明": (10, 0.1), "东城": (9, 0.05)}
LEVELS |= {"西环路": (8, 0.15), "利民城": (6, 0.25)}
# September's targets: deposits by /target, points by a sheet.
DEPOSIT_TARGETS = {"姜家": 210, "东城": 190, "利民城": 120, "四明": 200, "正阳": 270, "西环路": 170}
POINTS_TARGETS = {"姜家": 500, "东城": 420, "利民城": 300, "四明": 400, "正阳": 560, "西环路": 380}
TARGET_LINES = "\n".join(f"{branch} 储蓄 {value} 月" for branch, value in DEPOSIT_TARGETS.items())
PK_FORM = (
    "/pk new 9月储蓄保险PK 9/1-9/30 储蓄,保险 正阳:姜家 四明:东城 利民城:西环路 "
    "奖励：获胜网点各奖励营销费用500元"
)
POINTS_SHEET = (
    ("网点", "指标", "目标", "周期"),
    *((f"{branch}营业所", "积分", value, "月") for branch, value in POINTS_TARGETS.items()),
)

STEPS: tuple[Step, ...] = (
    Say("09:00", "manager", f"/target {TARGET_LINES}"),
    Sheet("09:05", "manager", "9月积分目标.xlsx", "9月积分目标", POINTS_SHEET),
    Say("09:10", "manager", PK_FORM),
    Backlog("2026-09-01", "2026-09-20"),
    NewDay("2026-09-21"),
    Say("09:10", "利民城", "/plan 利民城 每天走访周边商户20户，重点营销大额存单"),
    Say("09:12", "西环路", "/plan 西环路 周末在小区摆摊宣传，主推保险和手机银行"),
    Say("09:15", "manager", "/progress"),
    Backlog("2026-09-21", "2026-09-23", photos=True, photos_last="2026-09-24"),
    # Monday after Mid-Autumn (Friday the 25th): undated reports are for Thursday the 24th,
    # the day the bulletin ranks; the weekly summary waits for them, after the bulletin.
    NewDay("2026-09-28"),
    Say("07:41", "正阳", "储蓄28万 保险2万 走访10户"),
    Say("07:48", "姜家", "储蓄15万 走访7户"),
    Say("07:55", "四明", "储蓄9万 宣传单150份"),
    Say("08:03", "东城", "储蓄7万 手机银行2户"),
    Say("08:12", "西环路", "储蓄6万 信用卡1张"),
    Run("08:30", "morning"),
    Run("09:00", "weekly"),
    Say("09:30", "manager", "/pk new 晨会PK 9/28-9/30 晨会 正阳:姜家 四明:东城"),
    Say("09:40", "manager", "/score 正阳 9.5 晨会"),
    Say("09:41", "manager", "/score 姜家 9 晨会"),
    Say("09:42", "manager", "/score 四明 8.5 晨会"),
    Say("09:43", "manager", "/score 东城 9 晨会"),
    Run("10:00", "reminder"),
    Run("17:30", "pk"),
    NewDay("2026-09-29"),
    Say("07:52", "正阳", "储蓄35万 保险2万 走访12户"),
    # A camera file from ten days before, posted as yesterday's visit: kept, but flagged.
    Photos("07:54", "四明", (921,), "9月28日 走访照片", taken="2026-09-18"),
    Say("07:58", "姜家", "姜家所 他行策反15万 客户信息30条\n储蓄20万 走访8户"),
    Say("08:01", "staff", "收到"),
    Say("08:04", "四明", "储蓄12万\n保险：无\n宣传单200份"),
    Say("08:06", "东城", "储畜5万 手机银行3户"),
    Say("08:07", "东城", "储蓄5万 手机银行3户"),
    Say("08:10", "西环路", "储蓄10万 信用卡2张", label="xihuan"),
    Say("08:15", "manager", "明天上午9点到四楼会议室开会"),
    # An announcement with figures in it, but no metric followed by a number: no reply.
    Say("08:16", "manager", "本月信用卡任务每所20张，绩效奖每人500元"),
    Edit("08:18", "xihuan", "储蓄15万 信用卡2张"),
    Say("08:19", "四明", "走访5户", label="wrong"),
    Say("08:20", "四明", "/undo", reply_to="wrong"),
    Say("08:22", "正阳", "/today"),
    # A manager's correction names whose figure it replaced; undoing it brings that back.
    Say("08:23", "manager", "西环路 信用卡3张", label="correction"),
    Say("08:24", "manager", "/undo", reply_to="correction"),
    Say("08:25", "manager", "/rank"),
    Say("08:26", "manager", "/rank 储蓄"),
    Run("08:30", "morning"),
    Run("10:00", "reminder"),
    Say("10:06", "利民城", "【利民城营业所】储蓄 8万 理财20万 走访6户"),
    Say("10:30", "manager", "/score 正阳 9 晨会"),
    Say("10:31", "manager", "/score 姜家 9.5 晨会"),
    Say("10:32", "manager", "/score 四明 9 晨会"),
    Say("10:33", "manager", "/score 东城 8 晨会"),
    Say("10:35", "正阳", "晨会 10"),
    Photos("15:00", "正阳", (901, 902, 903), "走访 商户3户 客户信息5条"),
    Photos("15:20", "姜家", (911,)),
    Photos("15:21", "姜家", (911,)),
    Say("15:30", "manager", "/photos 正阳"),
    Run("17:30", "pk"),
    NewDay("2026-09-30"),
    Say("07:55", "东城", "储蓄30万 手机银行5户"),
    Say("08:02", "正阳", "储蓄40万 保险1万"),
    Say("08:07", "姜家", "储蓄8万 走访10户"),
    Say("08:12", "四明", "储蓄12万 宣传单300份"),
    Run("08:30", "morning"),
    Run("10:00", "reminder"),
    Say("16:30", "manager", "/score 正阳 9.5 晨会"),
    Say("16:31", "manager", "/score 姜家 9 晨会"),
    Say("16:32", "manager", "/score 四明 9.5 晨会"),
    Say("16:33", "manager", "/score 东城 9 晨会"),
    Run("17:30", "pk"),
    # The eve of the holiday: some heads report the day itself before they leave.
    Say("17:40", "正阳", "今天 储蓄25万 保险3万 走访9户"),
    Say("17:45", "姜家", "今日 储蓄18万 走访6户"),
    Say("17:52", "东城", "今天 储蓄12万 手机银行4户"),
    # National Day: the jobs fire, and post nothing.
    *(
        step
        for day in ("2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05")
        for step in (NewDay(day), Run("08:30", "morning"), Run("10:00", "reminder"))
    ),
    NewDay("2026-10-08"),
    # After the holiday, the week before and September, each once.
    Run("09:00", "weekly"),
    Run("09:00", "monthly"),
    # The first working day after both contests ended: their results, and they close.
    Run("17:30", "pk"),
)


def backlog_photos(backlog: Backlog, calendar: WorkCalendar) -> list[tuple[date, str, int]]:
    """(day of the visit, branch short name, picture seed) for the backlog's visit photos:
    most branches post one to three a working day, sent with the next morning's report."""
    first = date.fromisoformat(backlog.first)
    last = date.fromisoformat(backlog.photos_last or backlog.last)
    photos: list[tuple[date, str, int]] = []
    if not backlog.photos:
        return photos
    for day in calendar.working_days(first, last):
        for number, (branch, (_, forgets)) in enumerate(LEVELS.items()):
            draw = random.Random(f"photos{branch}{day.isoformat()}")
            if draw.random() < forgets * 2:
                continue
            seed = day.toordinal() * 10 + number * 100_000
            photos += [(day, branch, seed + n) for n in range(draw.randint(1, 3))]
    return photos


def backlog_reports(backlog: Backlog, calendar: WorkCalendar) -> list[tuple[date, str, str]]:
    """(day reported on, branch short name, text) for each report of the backlog: every
    working day, sent the next morning; the same each run, so the demo's charts are too."""
    first, last = date.fromisoformat(backlog.first), date.fromisoformat(backlog.last)
    reports = []
    for day in calendar.working_days(first, last):
        for branch, (level, forgets) in LEVELS.items():
            draw = random.Random(f"{branch}{day.isoformat()}")
            if draw.random() < forgets:
                continue
            items = [f"储蓄{round(level * draw.uniform(0.5, 1.5), 1):g}万"]
            if draw.random() < 0.35:
                items.append(f"保险{draw.randint(1, 4)}万")
            if draw.random() < 0.25:
                items.append(f"他行揽储{draw.randint(3, 12)}万")
            items.append(f"走访{draw.randint(4, 15)}户")
            reports.append((day + timedelta(days=1), branch, " ".join(items)))
    return reports
