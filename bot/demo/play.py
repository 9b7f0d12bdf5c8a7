"""Playing the script against the real bot and writing what the group saw."""

from __future__ import annotations

import asyncio
import dataclasses
import html
import re
from datetime import UTC, date, datetime, time
from pathlib import Path

from bot.config.settings import Config
from bot.demo import transcript
from bot.demo.group import Clock, LiveGroup
from bot.demo.pictures import visit_photo
from bot.demo.script import (
    MANAGER,
    STAFF,
    START,
    STEPS,
    Backlog,
    Edit,
    NewDay,
    Photos,
    Run,
    Say,
    Sheet,
    backlog_photos,
    backlog_reports,
)
from bot.fake_telegram import BotMessage
from bot.rendering.texts import Texts


def play(config: Config, *, out: Path) -> None:
    """Play the morning into a fresh database under `out`, then write the transcript."""
    out.mkdir(parents=True, exist_ok=True)
    database = out / "zhanbao.db"
    for stale in out.glob("zhanbao.db*"):
        stale.unlink()
    lines = asyncio.run(_perform(config, f"sqlite+aiosqlite:///{database}", out))
    texts = Texts(config.language)
    title = texts("demo.title", chat=config.chats[0].title)
    transcript.write(lines, out=out, title=title, zone=config.timezone, texts=texts)
    print(f"{len(lines)} messages → {out / 'transcript.md'}, {out / 'transcript.jsonl'}")


async def _perform(config: Config, database_url: str, out: Path) -> list[transcript.Line]:
    clock = Clock(START.astimezone(UTC))
    texts = Texts(config.language)
    heads = {m.branch: m.user_id for m in config.members if m.role == "head"}
    speakers = {b.short_name: heads[b.name] for b in config.catalogue.branches if b.name in heads}
    lines: list[transcript.Line] = []
    photos = out / "photos" / "stored"
    async with LiveGroup(config, database_url=database_url, clock=clock, photos=photos) as group:
        for user_id, name in (MANAGER, STAFF):
            group.add_user(user_id, name)
        speakers |= {"manager": MANAGER[0], "staff": STAFF[0]}
        labels: dict[str, int] = {}
        untold: set[int] = set()
        base = START.date()
        for step in STEPS:
            if isinstance(step, NewDay):
                base = date.fromisoformat(step.day)
                continue
            if isinstance(step, Backlog):
                reports = backlog_reports(step, config.calendar)
                photos = backlog_photos(step, config.calendar)
                # In the order they were sent: each evening's photos, each morning's report.
                posts = [
                    (_at(sent_on, "07:40"), branch, text, None) for sent_on, branch, text in reports
                ]
                posts += [(_at(day, "17:20"), branch, f"{day.month}月{day.day}日 走访照片", seed)
                          for day, branch, seed in photos]  # fmt: skip
                for moment, branch, text, seed in sorted(posts, key=lambda post: post[0]):
                    clock.time = moment
                    if seed is None:
                        message = await group.say(speakers[branch], text)
                    else:
                        [message] = await group.send_photos(
                            speakers[branch], [visit_photo(seed)], text
                        )
                    untold.add(message["message_id"])
                key = "demo.backlog_photos" if photos else "demo.backlog"
                story = texts(
                    key, first=step.first, last=step.last, count=len(reports),
                    photos=len(photos), photos_last=step.photos_last or step.last,
                )  # fmt: skip
                lines.append(transcript.Line(0, clock.time, texts("demo.narrator"), story))
                continue
            clock.time = _at(base, step.at)
            if isinstance(step, Say):
                reply_to = labels[step.reply_to] if step.reply_to else None
                message = await group.say(speakers[step.who], step.text, reply_to=reply_to)
                labels[step.label or str(message["message_id"])] = message["message_id"]
                name = group.users[speakers[step.who]].first_name
                lines.append(
                    transcript.Line(
                        message["message_id"], clock.time, name, step.text, reply_to=reply_to
                    )
                )
            elif isinstance(step, Run):
                await group.run_job(f"{step.job}@{group.chat_id}")
            elif isinstance(step, Sheet):
                message = await group.send_sheet(speakers[step.who], step.file_name,
                                                 step.caption, step.rows)  # fmt: skip
                name = group.users[speakers[step.who]].first_name
                text = f"📎 {step.file_name}\n{step.caption}"
                lines.append(transcript.Line(message["message_id"], clock.time, name, text))
            elif isinstance(step, Photos):
                lines.append(await _post_photos(group, step, speakers[step.who], out, clock))
            elif isinstance(step, Edit):
                # The edit is its own event in the transcript, at the time it was made.
                message_id = labels[step.label]
                await group.edit(message_id, step.text)
                sender = next(line.sender for line in lines if line.message_id == message_id)
                lines.append(
                    transcript.Line(message_id, clock.time, sender, step.text, edited=True)
                )
        bot_name = group.api.bot.first_name
        album = None
        for sent in group.api.bot_messages(group.chat_id):
            if sent["reply_to_message_id"] in untold:
                continue
            photos = _save_photos(group, sent, out, config)
            if album and album == sent["message"].get("media_group_id"):
                # An album reads as one message: its photos under the first one's caption.
                lines[-1] = dataclasses.replace(lines[-1], photos=lines[-1].photos + photos)
                continue
            album = sent["message"].get("media_group_id")
            lines.append(
                transcript.Line(
                    sent["message_id"],
                    sent["date"],
                    bot_name,
                    _as_seen(sent["text"] or sent["caption"] or "", sent["parse_mode"]),
                    photos=photos,
                    reply_to=sent["reply_to_message_id"],
                    from_bot=True,
                )
            )
    return sorted(lines, key=lambda line: (line.time, line.message_id))


async def _post_photos(
    group: LiveGroup, step: Photos, user_id: int, out: Path, clock: Clock
) -> transcript.Line:
    """Post the step's pictures, kept under out/photos so the transcript shows them."""
    taken = datetime.fromisoformat(f"{step.taken}T09:30") if step.taken else None
    images = [visit_photo(seed, taken_at=taken) for seed in step.seeds]
    if step.taken:
        message = await group.send_file(
            user_id, images[0], f"IMG_{step.seeds[0]}.jpg", step.caption
        )
        sent = [message]
    else:
        sent = await group.send_photos(user_id, images, step.caption)
    names = []
    for seed, image in zip(step.seeds, images, strict=True):
        name = f"photos/{seed}.jpg"
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(image)
        names.append(name)
    sender = group.users[user_id].first_name
    text = "\n".join(part for part in ("🖼️" * len(images), step.caption) if part)
    return transcript.Line(sent[0]["message_id"], clock.time, sender, text, photos=tuple(names))


def _save_photos(group: LiveGroup, sent: BotMessage, out: Path, config: Config) -> tuple[str, ...]:
    """Write the images the bot sent under out/charts, named by day and message."""
    names = []
    for index, file_id in enumerate(sent["photos"]):
        day = sent["date"].astimezone(config.timezone).date()
        data = group.api.file_bytes(file_id)
        suffix = ".jpg" if data.startswith(b"\xff\xd8") else ".png"
        name = f"charts/{day.isoformat()}-{sent['message_id']}-{index + 1}{suffix}"
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
        names.append(name)
    return tuple(names)


def _as_seen(text: str, parse_mode: str | None) -> str:
    """What a member reads: HTML tags rendered away (a mention shows as the name)."""
    if parse_mode != "HTML":
        return text
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _at(day: date, clock_time: str) -> datetime:
    hour, minute = (int(part) for part in clock_time.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=START.tzinfo).astimezone(UTC)
