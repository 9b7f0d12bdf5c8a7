"""Every sentence the bot says, in Simplified Chinese: the language its users read first."""

from __future__ import annotations

from collections.abc import Mapping

ZH: Mapping[str, str] = {
    # Between the names of a list: 储蓄、保险.
    "list.separator": "、",
    # Between the phrases of a list, each with its figure: 储蓄 35万，保险 2万.
    "list.item_separator": "，",
    # Replies to reports.
    "report.saved": "✅ {branch} {day} 已记录：{items}",
    "report.pending": "⏳ {day}是 {days} 天前的数据，需管理员批准后才记录：{items}",
    "approve.button": "✅ 批准补报",
    "approve.done": "{stored}\n（{manager} 已批准）",
    "approve.managers_only": "只有管理员可以批准补报",
    "approve.gone": "这条补报已处理过了",
    "report.saved_late": "📝 {branch} {day} 已补报：{items}（该日晨报已发布，下期晨报注明补报）",
    "report.unchanged": "✅ {branch} {day} 数据无变化",
    "report.day_of_year": "{year}年{day}",
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
    "problem.altered_line": "{branch} {word} {old}→{new}：只能上报本网点的数据，其他网点的行请原样保留",
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
    "problem.future_date": "{date}还没到，不能上报未来的数据",
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
    "help.members": (
        "📊 战报机器人：每天早上在群里上报前一个工作日的业绩，一条消息即可：\n"
        "  储蓄35万 保险2万 走访12户\n"
        "  周五 储蓄8万、7月27日 储蓄8万（补报某一天）\n"
        "  正阳 储蓄35万（替其他网点上报需管理员）\n"
        "修改：直接编辑原消息，或重新发送同一指标。\n"
        "走访照片：直接发照片或相册，可写说明（走访 商户3户）。\n"
        "指标：{metrics}\n"
        "命令：\n"
        "  /today 本网点已报和还没报的指标（/my 同）\n"
        "  /undo 回复自己的上报消息，撤销它\n"
        "  /rank 排名，/rank 储蓄 按指标排名\n"
        "  /progress 本月目标完成（/progress 周、季）\n"
        "  /plan 正阳 查看或填写一点一策\n"
        "  /pk PK赛战况\n"
        "  /photos 正阳 7月27日 查看走访照片\n"
        "  /audit 正阳 7月27日 某天的全部变更\n"
        "  /schedule 本群定时消息\n"
        "  /help 本说明"
    ),
    "help.managers": (
        "管理员另可：\n"
        "  /target 正阳 储蓄 200 月 设定目标，或发送标题含“目标”的 CSV/XLSX 表格\n"
        "  /bind @用户名 正阳 绑定成员（或回复其消息发 /bind 正阳）\n"
        "  /pk new 名称 期间 对阵 新建PK赛（/pk new 分步创建），/pk end、/pk cancel\n"
        "  /score 正阳 9.5 晨会 评分\n"
        "  /post 晨报 立即发送定时消息，/chart week 周报图表\n"
        "  点击补报消息下的按钮批准补报"
    ),
    "start.text": (
        "📊 战报机器人：银行网点每日业绩上报、排名通报和PK赛。\n"
        "在业务群里使用：{groups}\n"
        "要以本网点身份上报，请让群管理员绑定您：/bind @{username} 网点名"
        "（或管理员回复您在群里的消息发 /bind 网点名）。\n"
        "发 /help 查看怎样上报。"
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
    "schedule.week_start": "每周第一个工作日",
    "schedule.month_start": "每月第一个工作日",
    "schedule.month_end": "每月最后一个工作日",
    "schedule.never": "四十天内没有",
    "schedule.grace": "停机错过的消息，在 {minutes} 分钟内补发一次",
    "post.kind.morning": "晨报",
    "post.kind.reminder": "催报",
    "post.kind.second_reminder": "二次催报",
    "post.kind.weekly": "周报",
    "post.kind.monthly": "月报",
    "post.usage": "用法：/post 晨报、/post 催报 或 /post 周报（可用：{kinds}）",
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
    "command.progress": "本月目标完成情况",
    "command.chart": "周报/月报图表（/chart week 或 month）",
    "command.target": "设定目标（管理员）",
    "command.plan": "网点一点一策",
    # Targets, plans and progress.
    "target.points": "积分",
    "target.points_unit": "分",
    "target.saved": "🎯 已设定 {count} 项目标：",
    "target.line": "• {branch} {period} {metric} {value}",
    "target.replaced": "• {branch} {period} {metric} {value}（原为 {old}）",
    "target.refused": "❌ 目标没有保存（整批未导入），请改正后重发：",
    "target.usage": "用法：/target 网点 指标 数值 周期，每行一条，例如：\n/target 正阳 储蓄 200 月\n姜家 保险 50 季度\n东城 积分 800 周\n也可以发送 CSV 或 Excel 表格（列：网点、指标、目标、周期）",
    "target.managers_only": "只有管理员可以设定目标",
    "target.sheet_refused": "❌ 表格 {file} 没有导入：",
    "target.sheet_unreadable": "❌ 读不了表格 {file}：请发送 .csv 或 .xlsx 文件",
    "target.sheet_too_large": "❌ 表格 {file} 太大：最多 5000 行、100 列、5 MB",
    "target.problem.no_header": "第{row}行不是可识别的表头：需要“网点”列，以及“指标”和“目标”列，或每个指标一列（如“储蓄”“保险”）",
    "target.problem.no_target": "第{row}行“{word}”没有目标，例如：正阳 储蓄200万 月",
    "target.problem.unknown_branch": "第{row}行：没有“{word}”这个网点",
    "target.problem.unknown_metric": "第{row}行：不认识的指标“{word}”",
    "target.problem.unknown_word": "第{row}行：看不懂“{word}”",
    "target.problem.missing_branch": "第{row}行“{word}”没有写网点",
    "target.problem.missing_metric": "第{row}行“{word}”缺少指标",
    "target.problem.missing_value": "第{row}行：“{word}”缺少目标值",
    "target.problem.bad_value": "第{row}行：目标值“{word}”不是数字",
    "target.problem.bad_unit": "第{row}行：“{word}”的单位与指标不符",
    "target.problem.needs_unit": "第{row}行：“{word}”请写上单位（万或元）",
    "target.problem.not_positive": "第{row}行：目标“{word}”必须大于0",
    "target.problem.bad_period": "第{row}行：“{word}”不是有效的周期（可写：周、月、季度、下月、10月、2026-10）",
    "target.problem.start_outside_period": "第{row}行：开始日期“{word}”不在所写的周期内",
    "target.problem.several_periods": "第{row}行写了两个周期（第二个是“{word}”），一行只能写一个",
    "target.problem.duplicate": "第{row}行：“{word}”的目标重复且数值不同",
    "target.sheet_unsupported_type": "❌ {file} 不是 CSV 或 XLSX 文件，请另存为 .xlsx 或 .csv 后重发",
    "plan.saved": "📌 {branch} 一点一策已更新：{text}",
    "plan.shown": "📌 {branch} 一点一策：{text}",
    "plan.none": "📌 {branch} 还没有一点一策。用 /plan {branch} 具体措施 填写",
    "plan.usage": "用法：/plan 网点 具体措施，例如 /plan 正阳 每天走访商户20户，重点营销定期",
    "plan.not_yours": "只能填写本网点的一点一策（管理员除外）",
    "period.week": "{first}—{last}",
    "period.month": "{year}年{month}月",
    "period.quarter": "{year}年第{quarter}季度",
    "progress.title": "🎯 <b>{period} 目标完成</b>（截至{through}，时间进度 {time}）",
    "progress.row": "{flag}{branch}：{items}",
    "progress.item": "{metric} {completion}（{actual}/{target}）",
    "progress.flag": "⚠️",
    "progress.behind_title": "⚠️ <b>落后时间进度</b>",
    "progress.behind": "{branch} {metric} {completion} 预计完成 {projection} 距目标差 {gap}",
    "progress.plan": "　一点一策：{plan}",
    "progress.no_plan": "　一点一策：未填写（/plan {branch} …）",
    "progress.none": "🎯 {period} 还没有目标。管理员可用 /target 正阳 储蓄 200 月 设定，或发送目标表格",
    "progress.usage": "用法：/progress，或 /progress 周、/progress 季度",
    "bulletin.progress": "　　🎯 {items}",
    "bulletin.progress_item": "{metric} {completion}",
    "bulletin.behind": "⚠️差{gap}",
    "bulletin.time": "🎯 本月目标时间进度 {time}，⚠️ 为落后时间进度",
    # The weekly and monthly summary.
    "summary.title.week": "📊 <b>周报｜{period}</b>（截至{through}）",
    "summary.title.month": "📊 <b>月报｜{period}</b>（截至{through}）",
    "summary.top": "🏆 前三：{rows}",
    "summary.bottom": "🐢 后三：{rows}",
    "summary.ranked": "{place}{branch} {points}分",
    "summary.nobody": "本期还没有网点上报数据",
    "summary.targets": "🎯 <b>{month} 目标完成</b>（时间进度 {time}）",
    "summary.no_targets": "🎯 {month} 还没有设定目标（管理员可用 /target 设定）",
    "summary.on_track": "达到时间进度 {ahead} 个网点，落后 {behind} 个网点（完整表格：/progress）",
    "summary.discipline": "📝 <b>上报情况</b>（{working} 个工作日）",
    "summary.discipline_every_day": "📝 <b>上报情况</b>（{working} 天）",
    "summary.full": "全勤：{branches}",
    "summary.short": "缺报：{rows}",
    "summary.days": "{branch} {reported}/{working}",
    "summary.album": "📈 {period} 图表",
    "chart.points.title.week": "本周积分排名",
    "chart.points.title.month": "本月积分排名",
    "chart.points.target": "目标",
    "chart.trend.title": "每日趋势",
    "chart.trend.rest": "其余{count}个网点平均",
    "chart.completion.title": "{metric} 目标完成率（月累计）",
    "chart.completion.time": "时间进度 {time}",
    "chart.gap": "… 其余 {count} 个网点 …",
    "chart.subtitle": "{period}（截至{through}）",
    "chart.day": "{month}/{day} {weekday}",
    "chart.unit": "{metric}（{unit}）",
    "chart.usage": "用法：/chart week（周）或 /chart month（月）",
    # The offline demo's transcript.
    "demo.title": "战报演示：{chat}",
    "demo.reply_to": "↩ 回复 {name}",
    "demo.edited": "（已编辑）",
    "demo.backlog_photos": "{first} 至 {last}：各网点所长每个工作日早上上报前一天的业绩，共 {count} 条；至 {photos_last}，各网点每天傍晚发走访照片，共 {photos} 张。机器人逐条确认（此处从略）",
    "demo.narrator": "（旁白）",
    "demo.backlog": "{first} 至 {last}：各网点所长每个工作日早上上报前一天的业绩，共 {count} 条，机器人逐条确认（此处从略）",
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
    "doctor.font_none": "❌ 图表字体 {font} 缺少中文字形，图表会缺字：请把 [charts] font_path 设为中文字体，或删去它以使用自带的 Noto Sans CJK",
}
