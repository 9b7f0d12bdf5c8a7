"""Every sentence the bot says, in Simplified Chinese first and English second.

Keys are grouped by the part of the bot that speaks. Templates use
`str.format` fields; a test keeps both languages' keys and fields in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ZH: Mapping[str, str] = {
    # Replies to reports.
    "report.saved": "✅ {branch} {day} 已记录：{items}",
    "report.pending": "⏳ {day}是 {days} 天前的数据，需管理员批准后才记录：{items}",
    "approve.button": "✅ 批准补报",
    "approve.done": "{stored}\n（{manager} 已批准）",
    "approve.managers_only": "只有管理员可以批准补报",
    "approve.gone": "这条补报已处理过了",
    "report.saved_late": "📝 {branch} {day} 已补报：{items}（该日晨报已发布，下期晨报注明补报）",
    "report.unchanged": "✅ {branch} {day} 数据无变化",
    "report.others_unchanged": "其余 {count} 个网点数据无变化",
    # Undo and the day so far.
    "undo.done": "↩️ 已撤销 {branch} {day}：{items}",
    "undo.nothing_left": "↩️ 已撤销：这条消息的数据已被后来的上报替换，没有需要删除的",
    "undo.how": "请回复要撤销的那条上报消息（或机器人的确认消息）再发 /undo",
    "undo.not_yours": "只能撤销自己的上报（管理员除外）",
    "audit.title": "🧾 {branch} {day} 变更记录：",
    "audit.none": "🧾 {branch} {day} 没有变更记录",
    "audit.line": "{time} {who} {metric} {old}→{new}（{reason}）",
    "audit.removed": "删除",
    "audit.reason.report": "上报",
    "audit.reason.edit": "修改",
    "audit.reason.undo": "撤销",
    "audit.reason.approved": "批准补报",
    "audit.usage": "用法：/audit 网点 日期，例如 /audit 正阳 7月27日",
    "audit.bad_day": "看不懂日期“{word}”，例如：7月27日、7/27、昨天",
    "today.stored": "📋 {branch} {day} 已报：{items}",
    "today.nothing": "📋 {branch} {day} 还没有上报数据",
    "today.missing": "还没报（平时常报）：{metrics}",
    "today.usage": "没有“{word}”这个网点，可用 /today 网点名 查看",
    "report.change": "{name} {old}→{new}",
    "report.removed": "{name} 已删除（原{old}）",
    "report.refused": "❌ 未记录，请修改后重发：\n{problems}",
    "report.refused_kept": "❌ 修改未生效，仍保留原来的数据。请再改一次：\n{problems}",
    "report.unbound": "⚠️ 您还未绑定网点，请管理员发送：/bind @您的用户名 网点名",
    "problem.no_branch": "请写明网点，例如：正阳 储蓄35万",
    "problem.not_allowed": "{branch}：您只能上报本网点（{own}）的数据",
    "report.anonymous": "⚠️ 匿名管理员的消息无法确认上报人，请以个人身份发送",
    "report.edit_removed": "✅ 已按修改删除 {branch} {day} 的数据：{items}",
    # Parser problems: one line each, naming the word the user wrote.
    "problem.no_value": "“{word}”后面没有可识别的数字",
    "problem.bad_unit": "“{word}”的单位不能是“{unit}”（可用：{units}）",
    "problem.negative": "“{word}”不能是负数",
    "problem.unknown_metric": "不认识的指标“{word}”",
    "problem.unknown_metric_close": "不认识的指标“{word}”，是不是“{suggestion}”？",
    "problem.orphan_number": "数字 {number} 前面没有指标",
    "problem.duplicate_metric": "“{word}”填了两次且数值不同（{first} 和 {second}）",
    "problem.future_date": "日期 {date} 还没到",
    "problem.bad_date": "没有 {date} 这一天",
    "problem.needs_unit": "“{word}{number}”请写上单位（万或元）",
    "problem.period_total": "“{word}”是累计数，只需上报每日数据，请删去这部分",
    "problem.several_dates": "一条消息里有两个日期（{first} 和 {second}），请分开发送",
    # Ranking.
    "rank.title": "🏆 {day} 网点排名（{basis}）",
    "rank.points": "积分",
    "rank.line": "{rank} {branch} {value}",
    "rank.missing_title": "未报：{branches}",
    "rank.empty": "{day} 还没有网点上报数据",
    "rank.unknown_metric": "没有“{word}”这个指标。可选：{metrics}",
    # Binding members.
    "bind.done": "✅ 已绑定 {user} → {branch}",
    "bind.usage": "用法：/bind @用户名 网点名，/bind 用户ID 网点名，或回复该成员的消息发 /bind 网点名",
    "bind.unknown_branch": "没有“{word}”这个网点。可选：{branches}",
    "bind.unknown_user": "不认识 {user}：请回复该成员的一条消息再发 /bind 网点名",
    "bind.managers_only": "只有管理员可以绑定成员",
    # Help.
    "help.text": (
        "📊 战报机器人\n"
        "每天早上上报昨日业绩，一条消息即可，例如：\n"
        "  储蓄35万 保险2万 走访12户\n"
        "  正阳 储蓄35万（替其他网点上报需管理员）\n"
        "  7月27日 储蓄8万（补报某一天）\n"
        "修改：直接编辑原消息，或重新发送同一指标。\n"
        "指标：{metrics}\n"
        "命令：\n"
        "  /today 本网点上报日已报和还没报的指标（/my 同）\n"
        "  /undo 回复自己的上报消息，撤销它\n"
        "  /rank 昨日积分排名，/rank 储蓄 按指标排名\n"
        "  /audit 正阳 7月27日 查看某天的全部变更\n"
        "  /bind @用户名 网点 绑定成员（管理员）\n"
        "  /schedule 定时消息，/post 晨报 立即发送（管理员）\n"
        "  /help 本说明"
    ),
    # Scheduled posts (HTML).
    "bulletin.title": "📊 <b>晨报｜{day} 网点积分排名</b>",
    "bulletin.day": "{day}（{weekday}）",
    "bulletin.repeat": "（补发）",
    "bulletin.row": "{place} <b>{branch}</b> {points}分 {movement}",
    "bulletin.detail": "　　{figures}｜本月{month_points}分 第{month_rank}",
    "bulletin.up": "↑{n}",
    "bulletin.down": "↓{n}",
    "bulletin.same": "–",
    "bulletin.new": "🆕",
    "bulletin.missing": "⚠️ 未报：{branches}",
    "bulletin.nobody": "还没有网点上报数据",
    "bulletin.late": "📝 补报：{branch} {day} {figures}",
    "bulletin.removed": "（已删除）",
    "bulletin.continued": "（续）",
    "reminder.title": "⏰ {day}的数据还没报：",
    "reminder.line": "• {branch} {heads}",
    "reminder.footer": "请尽快在群里上报，谢谢！",
    "reminder.complete": "✅ {day}各网点都已上报，谢谢大家！",
    "schedule.title": "🗓 本群定时消息：",
    "schedule.line": "• {name} {time}（{days}）下次：{next}",
    "schedule.workdays": "工作日",
    "schedule.daily": "每天",
    "schedule.never": "四十天内没有",
    "schedule.grace": "停机错过的消息，在 {minutes} 分钟内补发一次",
    "post.kind.morning": "晨报",
    "post.kind.reminder": "催报",
    "post.kind.second_reminder": "二次催报",
    "post.usage": "用法：/post 晨报 或 /post 催报（可用：{kinds}）",
    "post.managers_only": "只有管理员可以手动发送定时消息",
    "weekday.0": "周一",
    "weekday.1": "周二",
    "weekday.2": "周三",
    "weekday.3": "周四",
    "weekday.4": "周五",
    "weekday.5": "周六",
    "weekday.6": "周日",
    # The command menu.
    "command.schedule": "本群定时消息和下次时间",
    "command.post": "立即发送晨报或催报（管理员）",
    "command.today": "本网点已报和还没报的指标",
    "command.audit": "某网点某天的全部变更记录",
    "command.undo": "回复自己的上报消息，撤销它",
    "command.rank": "昨日排名（/rank 储蓄 按指标）",
    "command.bind": "绑定成员到网点（管理员）",
    "command.help": "使用说明",
    # The offline demo's transcript.
    "demo.title": "战报演示：{chat}",
    "demo.reply_to": "↩ 回复 {name}",
    "demo.edited": "（已编辑）",
    # Command line.
    "cli.no_token": "BOT_TOKEN 未设置：请把 @BotFather 给的令牌放进环境变量 BOT_TOKEN",
    "cli.parse_usage": '用法：python -m bot parse "储蓄35万" [--now ISO时间]，或 parse --jsonl（从标准输入读取）',
    # Start-up checks (doctor).
    "doctor.token_ok": "✅ 令牌有效：@{username}",
    "doctor.token_invalid": "❌ BOT_TOKEN 无效：请向 @BotFather 重新获取",
    "doctor.unreachable": "❌ 无法连接 Telegram：{error}",
    "doctor.chat_admin": "✅ 群 {chat}：机器人是管理员，能看到所有消息",
    "doctor.chat_reads_all": "✅ 群 {chat}：隐私模式已关闭，能看到所有消息",
    "doctor.chat_privacy": "❌ 群 {chat}：看不到普通消息。请在 @BotFather 关闭隐私模式（/setprivacy → Disable）后把机器人移出再加回，或设为群管理员",
    "doctor.chat_absent": "❌ 群 {chat}：机器人不在群里，请把它加入该群",
    "doctor.chat_unreachable": "❌ 群 {chat}：无法访问（{error}）。请检查 chats.id 并把机器人加入该群",
    "doctor.schema_ok": "✅ 数据库结构为最新版本（{head}）",
    "doctor.schema_behind": "❌ 数据库结构版本 {current}，应为 {head}：请运行 python -m bot db upgrade",
    "doctor.database_error": "❌ 无法连接数据库：{error}。请检查 DATABASE_URL 或 [database] url",
    "doctor.font_ok": "✅ 图表中文字体：{font}",
    "doctor.font_missing_file": "❌ 找不到字体文件 {font}：请检查 [charts] font_path",
    "doctor.font_none": "❌ 没有中文字体，图表会缺字：请安装 fonts-noto-cjk 或设置 [charts] font_path",
}

EN: Mapping[str, str] = {
    "report.saved": "✅ {branch} {day} saved: {items}",
    "report.pending": "⏳ {day} is {days} days back: it is stored once a manager approves: {items}",
    "approve.button": "✅ Approve backfill",
    "approve.done": "{stored}\n(approved by {manager})",
    "approve.managers_only": "Only managers can approve a backfill",
    "approve.gone": "This backfill was handled already",
    "report.saved_late": "📝 {branch} {day} saved late: {items} (that day's bulletin is out; the next one notes it)",
    "report.unchanged": "✅ {branch} {day} unchanged",
    "report.others_unchanged": "{count} other branches unchanged",
    "undo.done": "↩️ Undone, {branch} {day}: {items}",
    "undo.nothing_left": "↩️ Undone: later reports had already replaced everything this message stored",
    "undo.how": "Reply to the report to undo (or to the bot's confirmation) with /undo",
    "undo.not_yours": "You can only undo your own reports (managers may undo any)",
    "audit.title": "🧾 Changes to {branch} {day}:",
    "audit.none": "🧾 No changes to {branch} {day}",
    "audit.line": "{time} {who} {metric} {old}→{new} ({reason})",
    "audit.removed": "removed",
    "audit.reason.report": "report",
    "audit.reason.edit": "edit",
    "audit.reason.undo": "undo",
    "audit.reason.approved": "approved backfill",
    "audit.usage": "Usage: /audit branch day, e.g. /audit 正阳 7月27日",
    "audit.bad_day": "Cannot read the day “{word}”; e.g. 7月27日, 7/27, 昨天",
    "today.stored": "📋 {branch} {day} reported: {items}",
    "today.nothing": "📋 {branch} {day}: nothing reported yet",
    "today.missing": "Not yet reported (usually reported): {metrics}",
    "today.usage": "There is no branch “{word}”; use /today branch",
    "report.change": "{name} {old}→{new}",
    "report.removed": "{name} removed (was {old})",
    "report.refused": "❌ Not saved, please correct and resend:\n{problems}",
    "report.refused_kept": "❌ Edit not applied, the earlier figures still stand. Please edit again:\n{problems}",
    "report.unbound": "⚠️ You are not bound to a branch yet; ask a manager: /bind @you branch",
    "problem.no_branch": "Name the branch, e.g. 正阳 储蓄35万",
    "problem.no_value": "No readable number after “{word}”",
    "problem.bad_unit": "“{word}” cannot be counted in “{unit}” (use: {units})",
    "problem.negative": "“{word}” cannot be negative",
    "problem.unknown_metric": "Unknown metric “{word}”",
    "problem.unknown_metric_close": "Unknown metric “{word}”, did you mean “{suggestion}”?",
    "problem.orphan_number": "The number {number} has no metric before it",
    "problem.duplicate_metric": "“{word}” is given twice with different values ({first} and {second})",
    "problem.future_date": "The date {date} has not come yet",
    "problem.bad_date": "There is no such day as {date}",
    "problem.needs_unit": "“{word}{number}”: please add the unit (万 or 元)",
    "problem.period_total": "“{word}” is a running total; report daily figures only and leave it out",
    "problem.several_dates": "The message names two dates ({first} and {second}); send one message per day",
    "problem.not_allowed": "{branch}: you may only report for your own branch ({own})",
    "report.anonymous": "⚠️ Reports from anonymous admins cannot be attributed; post as yourself",
    "report.edit_removed": "✅ Removed by your edit, {branch} {day}: {items}",
    "rank.title": "🏆 {day} branch ranking ({basis})",
    "rank.points": "points",
    "rank.line": "{rank} {branch} {value}",
    "rank.missing_title": "Not reported: {branches}",
    "rank.empty": "No branch has reported for {day} yet",
    "rank.unknown_metric": "There is no metric “{word}”. Choose from: {metrics}",
    "bind.done": "✅ Bound {user} → {branch}",
    "bind.usage": "Usage: /bind @username branch, /bind user-id branch, or reply to their message with /bind branch",
    "bind.unknown_branch": "There is no branch “{word}”. Choose from: {branches}",
    "bind.unknown_user": "Unknown user {user}: reply to one of their messages with /bind branch",
    "bind.managers_only": "Only managers can bind members",
    "help.text": (
        "📊 Zhanbao results bot\n"
        "Every morning, report yesterday's figures in one message, e.g.:\n"
        "  储蓄35万 保险2万 走访12户\n"
        "  正阳 储蓄35万 (for another branch: managers only)\n"
        "  7月27日 储蓄8万 (for a given day)\n"
        "To correct: edit your message, or send the metric again.\n"
        "Metrics: {metrics}\n"
        "Commands:\n"
        "  /today what your branch has reported so far, and what is missing\n"
        "  /undo reply to your report to take it back\n"
        "  /rank yesterday's ranking by points, /rank 储蓄 by one metric\n"
        "  /audit 正阳 7月27日 every change to a branch's day\n"
        "  /bind @username branch  bind a member (managers)\n"
        "  /schedule scheduled posts, /post morning to post now (managers)\n"
        "  /help  this text"
    ),
    "bulletin.title": "📊 <b>Morning bulletin | {day} branch ranking</b>",
    "bulletin.day": "{weekday} {day}",
    "bulletin.repeat": " (repeat)",
    "bulletin.row": "{place} <b>{branch}</b> {points} pts {movement}",
    "bulletin.detail": "    {figures} | month {month_points} pts, #{month_rank}",
    "bulletin.up": "↑{n}",
    "bulletin.down": "↓{n}",
    "bulletin.same": "–",
    "bulletin.new": "🆕",
    "bulletin.missing": "⚠️ Not reported: {branches}",
    "bulletin.nobody": "No branch has reported yet",
    "bulletin.late": "📝 Late: {branch} {day} {figures}",
    "bulletin.removed": " (removed)",
    "bulletin.continued": "(continued)",
    "reminder.title": "⏰ Not yet reported for {day}:",
    "reminder.line": "• {branch} {heads}",
    "reminder.footer": "Please report in the group soon, thank you!",
    "reminder.complete": "✅ Every branch has reported for {day}, thank you!",
    "schedule.title": "🗓 Scheduled posts in this chat:",
    "schedule.line": "• {name} {time} ({days}) next: {next}",
    "schedule.workdays": "working days",
    "schedule.daily": "every day",
    "schedule.never": "none within forty days",
    "schedule.grace": "A post missed while the bot was down is made once within {minutes} minutes",
    "post.kind.morning": "bulletin",
    "post.kind.reminder": "reminder",
    "post.kind.second_reminder": "second reminder",
    "post.usage": "Usage: /post morning or /post reminder (one of: {kinds})",
    "post.managers_only": "Only managers can make a scheduled post by hand",
    "weekday.0": "Mon",
    "weekday.1": "Tue",
    "weekday.2": "Wed",
    "weekday.3": "Thu",
    "weekday.4": "Fri",
    "weekday.5": "Sat",
    "weekday.6": "Sun",
    "command.schedule": "this chat's scheduled posts and their next run",
    "command.post": "make the bulletin or reminder now (managers)",
    "command.today": "what your branch has reported, and what is missing",
    "command.audit": "every change to a branch's day",
    "command.undo": "reply to your report to take it back",
    "command.rank": "yesterday's ranking (/rank 储蓄 by metric)",
    "command.bind": "bind a member to a branch (managers)",
    "command.help": "how to use this bot",
    "demo.title": "Zhanbao demo: {chat}",
    "demo.reply_to": "↩ replying to {name}",
    "demo.edited": "(edited)",
    "cli.no_token": "BOT_TOKEN is not set: put the token from @BotFather in the BOT_TOKEN environment variable",
    "cli.parse_usage": 'usage: python -m bot parse "储蓄35万" [--now ISO-TIME], or parse --jsonl (reads standard input)',
    "doctor.token_ok": "✅ Token valid: @{username}",
    "doctor.token_invalid": "❌ BOT_TOKEN is invalid: get a new one from @BotFather",
    "doctor.unreachable": "❌ Cannot reach Telegram: {error}",
    "doctor.chat_admin": "✅ Chat {chat}: the bot is an administrator and sees every message",
    "doctor.chat_reads_all": "✅ Chat {chat}: privacy mode is off, the bot sees every message",
    "doctor.chat_privacy": "❌ Chat {chat}: the bot cannot see plain messages. Turn privacy mode off in @BotFather (/setprivacy → Disable), then remove and re-add the bot, or make it an administrator",
    "doctor.chat_absent": "❌ Chat {chat}: the bot is not a member; add it to the group",
    "doctor.chat_unreachable": "❌ Chat {chat}: unreachable ({error}). Check chats.id and add the bot to the group",
    "doctor.schema_ok": "✅ Database schema is up to date ({head})",
    "doctor.schema_behind": "❌ Database schema is at {current}, should be {head}: run python -m bot db upgrade",
    "doctor.database_error": "❌ Cannot open the database: {error}. Check DATABASE_URL or [database] url",
    "doctor.font_ok": "✅ Chart font with Chinese glyphs: {font}",
    "doctor.font_missing_file": "❌ Font file {font} not found: check [charts] font_path",
    "doctor.font_none": "❌ No font with Chinese glyphs, charts would show boxes: install fonts-noto-cjk or set [charts] font_path",
}

CATALOGUES: Mapping[str, Mapping[str, str]] = {"zh-CN": ZH, "en": EN}


@dataclass(frozen=True, slots=True)
class Texts:
    """The templates of one language, filled in by key."""

    language: str

    def __call__(self, key: str, /, **fields: object) -> str:
        return CATALOGUES[self.language][key].format(**fields)
