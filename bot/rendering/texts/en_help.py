"""How the bot introduces itself, in English: /help, a private /start, the command menu."""

from __future__ import annotations

from collections.abc import Mapping

EN_HELP: Mapping[str, str] = {
    # Help: everyone's part, then the managers'.
    "help.members": (
        "📊 Zhanbao: every morning, report the last working day's figures in the group, in one message:\n"
        "  储蓄35万 保险2万 走访12户\n"
        "  周五 储蓄8万, 7月27日 储蓄8万 (for a given day)\n"
        "  正阳 储蓄35万 (for another branch: managers only)\n"
        "To correct: edit your message, or send the metric again.\n"
        "Visit photos: send photos or an album, with a caption if you like (走访 商户3户).\n"
        "Metrics: {metrics}\n"
        "Commands:\n"
        "  /today what your branch has reported so far, and what is missing (/my too)\n"
        "  /undo reply to your report to take it back\n"
        "  /rank the ranking by points, /rank 储蓄 by one metric\n"
        "  /progress this month's targets (/progress week, quarter)\n"
        "  /plan 正阳 a branch's plan, to read or write\n"
        "  /pk PK contest standings\n"
        "  /photos 正阳 7月27日 visit photos\n"
        "  /audit 正阳 7月27日 every change to a branch's day\n"
        "  /schedule this group's scheduled posts\n"
        "  /help this text"
    ),
    "help.managers": (
        "Managers may also:\n"
        "  /target 正阳 储蓄 200 月 set targets, or send a CSV/XLSX sheet captioned “目标”\n"
        "  /bind @username 正阳 bind a member (or reply to their message with /bind 正阳)\n"
        "  /pk new name period sides: a new contest (/pk new alone: step by step), /pk end, /pk cancel\n"
        "  /score 正阳 9.5 晨会 judge\n"
        "  /post morning post now, /chart week the summary's charts\n"
        "  press the button under a held backfill to approve it"
    ),
    "start.text": (
        "📊 Zhanbao: daily results reporting, rankings and PK contests for bank branches.\n"
        "It works in the group: {groups}\n"
        "To report for your branch, ask a manager of the group to bind you: /bind @{username} branch "
        "(or a manager replies to your message in the group with /bind branch).\n"
        "Send /help to see how to report."
    ),
    # The command menu.
    "command.schedule": "this chat's scheduled posts and their next run",
    "command.post": "make the bulletin or reminder now (managers)",
    "command.today": "what your branch has reported, and what is missing",
    "command.audit": "every change to a branch's day",
    "command.undo": "reply to your report to take it back",
    "command.rank": "yesterday's ranking (/rank 储蓄 by metric)",
    "command.bind": "bind a member to a branch (managers)",
    "command.help": "how to use this bot",
    "command.progress": "this month's targets and completion",
    "command.chart": "summary charts (/chart week or month)",
    "command.target": "set targets (managers)",
    "command.plan": "a branch's plan",
}
