"""How the bot tells of its own health, in Simplified Chinese: `doctor`'s checks, and the alerts
that tell managers what went wrong out of the groups' sight."""

from __future__ import annotations

from collections.abc import Mapping

ZH_HEALTH: Mapping[str, str] = {
    # Start-up checks (doctor).
    "doctor.sqlite_shared": "❌ 另一个机器人实例正在使用同一个 SQLite 数据库文件：SQLite 只能由一个实例使用，请停掉一个，或改用 PostgreSQL",
    "doctor.sqlite_running": "✅ 有一个机器人实例正在使用这个 SQLite 数据库文件",
    "doctor.token_ok": "✅ 令牌有效：@{username}",
    "doctor.token_invalid": "❌ BOT_TOKEN 无效：请向 @BotFather 重新获取",
    "doctor.unreachable": "❌ 无法连接 Telegram：{error}",
    "doctor.chat_admin": "✅ 群 {chat}：机器人是管理员，能看到所有消息",
    "doctor.chat_reads_all": "✅ 群 {chat}：隐私模式已关闭，能看到所有消息",
    "doctor.chat_privacy": "❌ 群 {chat}：看不到普通消息。请在 @BotFather 关闭隐私模式（/setprivacy → Disable）后把机器人移出再加回，或设为群管理员",
    "alert.post_failed": "⚠️ {where}{time} {post}未能发出：{error}\n可用 /post {post} 手动发送",
    "alert.caught_up": "{where}{time} {post} 补发：机器人 {since}—{until} 未运行",
    "alert.missed": (
        "⚠️ {where}{time} {post} 未发：机器人 {since}—{until} 未运行，已过补发时限；"
        "可用 /post {post} 手动发送"
    ),
    "alert.sending": "⚠️ 发往「{chat}」的消息已连续 {count} 次失败（{error}），机器人仍在重试",
    "alert.photo_store": (
        "⚠️ 走访照片无法保存到 {where}：{error}\n成员已被告知稍后重发；请检查存储空间或权限"
    ),
    "doctor.chat_moved": "⚠️ 群 {chat} 已升级为超级群 {new}：机器人照常服务，请把配置里的 id 改为 {new}",
    "doctor.chat_absent": "❌ 群 {chat}：机器人不在群里，请把它加入该群",
    "doctor.chat_unreachable": "❌ 群 {chat}：无法访问（{error}）。请检查 chats.id 并把机器人加入该群",
    "doctor.schema_ok": "✅ 数据库结构为最新版本（{head}）",
    "doctor.schema_behind": "❌ 数据库结构版本 {current}，应为 {head}：请运行 python -m bot db upgrade",
    "doctor.database_error": "❌ 无法连接数据库：{error}。请检查 DATABASE_URL 或 [database] url",
    "doctor.font_ok": "✅ 图表中文字体：{font}",
    "doctor.font_missing_file": "❌ 找不到字体文件 {font}：请检查 [charts] font_path",
    "doctor.font_none": "❌ 图表字体 {font} 缺少中文字形，图表会缺字：请把 [charts] font_path 设为中文字体，或删去它以使用自带的 Noto Sans CJK",
}
