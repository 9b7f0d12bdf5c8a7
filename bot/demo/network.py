"""A large network for the tests and benchmarks that need one: the example configuration
with as many branches as asked, each with its head."""

from __future__ import annotations

import itertools
from pathlib import Path

from bot.config.settings import Config, load

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"

BRANCHES_START = "# The branches (网点)"
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
PLACES = "东西南"
FIRST_HEAD = 300_001


def short_names(count: int) -> list[str]:
    """Names no metric, number or other branch is spelled in: 甲子东, 甲子西, …"""
    names = ["".join(parts) for parts in itertools.product(STEMS, BRANCHES, PLACES)]
    assert count <= len(names), f"at most {len(names)} branches"
    return names[:count]


def network_config(folder: Path, branches: int) -> Config:
    """The example configuration with `branches` branches; head i has user id
    FIRST_HEAD + i."""
    text = EXAMPLE.read_text(encoding="utf-8")
    kept = text[: text.index(BRANCHES_START)]
    lines = [kept]
    for i, short in enumerate(short_names(branches)):
        lines.append(f'[[branches]]\nname = "{short}营业所"\nshort_name = "{short}"\n')
        lines.append(
            f'[[members]]\nuser_id = {FIRST_HEAD + i}\nname = "{short}所长"\n'
            f'branch = "{short}"\nrole = "head"\n'
        )
    path = folder / "network.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return load(path, environ={})
