"""Writing the group as its members saw it: a Markdown page and one JSON line per message."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.rendering.texts import Texts


@dataclass(frozen=True, slots=True)
class Line:
    """One message of the group, as it finally read (edits applied)."""

    message_id: int
    time: datetime
    sender: str
    text: str
    photos: tuple[str, ...] = ()
    """Image files, relative to the transcript's folder."""
    reply_to: int | None = None
    edited: bool = False
    from_bot: bool = False


def write(lines: Sequence[Line], *, out: Path, title: str, zone: ZoneInfo, texts: Texts) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "transcript.jsonl").write_text(
        "".join(json.dumps(_record(line, zone), ensure_ascii=False) + "\n" for line in lines),
        encoding="utf-8",
    )
    (out / "transcript.md").write_text(_markdown(lines, title, zone, texts), encoding="utf-8")


def _record(line: Line, zone: ZoneInfo) -> dict[str, object]:
    record: dict[str, object] = {
        "id": line.message_id,
        "time": line.time.astimezone(zone).isoformat(),
        "from": line.sender,
        "text": line.text,
        "photos": list(line.photos),
    }
    if line.reply_to is not None:
        record["reply_to"] = line.reply_to
    if line.edited:
        record["edited"] = True
    return record


def _markdown(lines: Sequence[Line], title: str, zone: ZoneInfo, texts: Texts) -> str:
    senders = {line.message_id: line.sender for line in lines}
    parts = [f"# {title}\n"]
    day = None
    for line in lines:
        local = line.time.astimezone(zone)
        if local.date() != day:
            day = local.date()
            parts.append(f"\n## {day.isoformat()}\n")
        header = f"**{local:%H:%M} {line.sender}**"
        if line.reply_to is not None and line.reply_to in senders:
            header += " " + texts("demo.reply_to", name=senders[line.reply_to])
        if line.edited:
            header += " " + texts("demo.edited")
        quoted = "\n".join(f"> {row}" if row else ">" for row in line.text.splitlines())
        images = "".join(f"\n\n![{Path(photo).name}]({photo})" for photo in line.photos)
        parts.append(f"\n{header}\n\n{quoted}{images}\n")
    return "".join(parts).rstrip("\n") + "\n"
