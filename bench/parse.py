"""Messages parsed per second on one core, over a realistic morning's mix.

Run: .venv/bin/python bench/parse.py   (target: at least 5,000 messages/second)
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from pathlib import Path

from bot.config.settings import load
from bot.domain.parsing import parse_report

ROOT = Path(__file__).resolve().parent.parent
CHIT_CHAT = [
    "收到", "好的👍", "明天上午9点到四楼会议室开会", "本月宣传单已经发完了",
    "正阳的同志们加油！", "今天下雨，走访推迟到下午", "@王总 表格已经发邮箱了",
]  # fmt: skip
METRIC_WORDS = ["储蓄", "他行", "保险", "理财", "走访", "宣传单", "客户信息", "手机银行", "信用卡"]
UNITS = {"储蓄": "万", "他行": "万", "保险": "万", "理财": "万", "走访": "户", "宣传单": "份"}


def _report(rng: random.Random) -> str:
    words = rng.sample(METRIC_WORDS, rng.randint(1, 5))
    return " ".join(f"{w}{rng.randint(0, 60)}{UNITS.get(w, '条')}" for w in words)


def _chain(rng: random.Random, branches: list[str]) -> str:
    lines = [f"7月{rng.randint(1, 27)}日业绩接龙"]
    for number, branch in enumerate(branches, start=1):
        lines.append(f"{number}. {branch} {_report(rng)}")
    return "\n".join(lines)


def mix(count: int, branches: list[str], seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    kinds = [lambda: _report(rng), lambda: _chain(rng, branches), lambda: rng.choice(CHIT_CHAT)]
    return [rng.choices(kinds, weights=(6, 1, 3))[0]() for _ in range(count)]


def main() -> None:
    catalogue = load(ROOT / "config.example.toml", environ={}).catalogue
    messages = mix(20_000, [b.short_name for b in catalogue.branches])
    today = date(2026, 7, 28)
    yesterday = today - timedelta(days=1)
    parse_report("储蓄1万", catalogue=catalogue, today=today, default_day=yesterday)  # warm-up
    started = time.perf_counter()
    for text in messages:
        parse_report(text, catalogue=catalogue, today=today, default_day=yesterday)
    elapsed = time.perf_counter() - started
    rate = len(messages) / elapsed
    print(f"{len(messages)} messages in {elapsed:.2f} s: {rate:,.0f} messages/second")


if __name__ == "__main__":
    main()
