"""How the bot introduces itself, in Simplified Chinese: /help, a private /start, the
command menu."""

from __future__ import annotations

from collections.abc import Mapping

ZH_HELP: Mapping[str, str] = {
    # Help: everyone's part, then the managers'.
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
}
