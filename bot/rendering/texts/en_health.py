"""How the bot tells of its own health, in English: `doctor`'s checks, and the alerts
that tell managers what went wrong out of the groups' sight."""

from __future__ import annotations

from collections.abc import Mapping

EN_HEALTH: Mapping[str, str] = {
    "doctor.sqlite_shared": "❌ Another instance of the bot is running on this SQLite file: SQLite serves one instance; stop one, or use PostgreSQL",
    "doctor.sqlite_running": "✅ One instance of the bot is running on this SQLite file",
    "doctor.token_ok": "✅ Token valid: @{username}",
    "doctor.token_invalid": "❌ BOT_TOKEN is invalid: get a new one from @BotFather",
    "doctor.unreachable": "❌ Cannot reach Telegram: {error}",
    "doctor.chat_admin": "✅ Chat {chat}: the bot is an administrator and sees every message",
    "doctor.chat_reads_all": "✅ Chat {chat}: privacy mode is off, the bot sees every message",
    "doctor.chat_privacy": "❌ Chat {chat}: the bot cannot see plain messages. Turn privacy mode off in @BotFather (/setprivacy → Disable), then remove and re-add the bot, or make it an administrator",
    "alert.post_failed": "⚠️ {where}{time} {post} could not be sent: {error}\nSend it with /post",
    "alert.caught_up": "{where}{time} {post} caught up: the bot was not running {since}—{until}",
    "alert.missed": (
        "⚠️ {where}{time} {post} not made: the bot was not running {since}—{until}, past the "
        "grace window; send it with /post"
    ),
    "alert.sending": "⚠️ Sending to {chat} failed {count} times in a row ({error}); still retrying",
    "alert.photo_store": (
        "⚠️ Visit photos cannot be stored in {where}: {error}\nMembers were asked to send "
        "them again; check the storage's space and rights"
    ),
    "doctor.chat_moved": "⚠️ Chat {chat} became supergroup {new}: still served; change its id in the config to {new}",
    "doctor.chat_absent": "❌ Chat {chat}: the bot is not a member; add it to the group",
    "doctor.chat_unreachable": "❌ Chat {chat}: unreachable ({error}). Check chats.id and add the bot to the group",
    "doctor.schema_ok": "✅ Database schema is up to date ({head})",
    "doctor.schema_behind": "❌ Database schema is at {current}, should be {head}: run python -m bot db upgrade",
    "doctor.database_error": "❌ Cannot open the database: {error}. Check DATABASE_URL or [database] url",
    "doctor.font_ok": "✅ Chart font with Chinese glyphs: {font}",
    "doctor.font_missing_file": "❌ Font file {font} not found: check [charts] font_path",
    "doctor.font_none": "❌ The chart font {font} has no Chinese glyphs, charts would show boxes: set [charts] font_path to a Chinese font, or remove it to use the bundled Noto Sans CJK",
}
