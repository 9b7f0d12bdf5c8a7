"""The real bot in a group of the fake Bot API server: what the demo and the
end-to-end tests drive. Only the endpoints, token, database and clock differ
from production."""

from __future__ import annotations

import asyncio
import dataclasses
import io
from collections.abc import Awaitable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from openpyxl import Workbook

from bot.chat.app import build_application
from bot.chat.context import BotApplication
from bot.chat.inbox import InboxRunner
from bot.chat.outbox import OutboxSender
from bot.config.settings import Config
from bot.config.telegram import UNPACED, TelegramLimits
from bot.fake_telegram import BotMessage, FakeBotApi, FakeUser
from bot.usecases.services import upgrade_schema

SCRIPTED_SETTLE_SECONDS = 0.2


class Clock:
    """The one time both the fake server and the bot read, moved by the script: what the
    bot waits for (a turn to send, a retry) comes when the script has moved far enough."""

    def __init__(self, start: datetime) -> None:
        self.time = start
        self._sleepers: list[tuple[datetime, asyncio.Future[None]]] = []

    def __call__(self) -> datetime:
        return self.time

    def seconds(self) -> float:
        """The script's time as a monotonic clock's seconds."""
        return self.time.timestamp()

    def sleep(self, seconds: float) -> Awaitable[None]:
        """Wait until the script has moved `seconds` on from now (not at all for 0 or less).

        The deadline is taken at the call, not when the wait first runs: a sleep made a
        task starts a turn of the loop later, and a script that moved its clock in that
        turn would otherwise have the bot wait a step longer than it asked, for a step
        the script only takes once the bot has done what it waits for. The wait is the
        future itself, so cancelling it, or the task awaiting it, ends it at once."""
        if seconds <= 0:
            return asyncio.sleep(0)
        woken: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._sleepers.append((self.time + timedelta(seconds=seconds), woken))
        return woken

    def advance(self, **delta: float) -> datetime:
        self.time += timedelta(**delta)
        for at, woken in self._sleepers:
            if at <= self.time and not woken.done():
                woken.set_result(None)
        self._sleepers = [(at, woken) for at, woken in self._sleepers if not woken.done()]
        return self.time


class LiveGroup:
    """The configuration's first chat, its members, and the running bot."""

    def __init__(
        self,
        config: Config,
        *,
        database_url: str,
        clock: Clock,
        photos: Path,
        limits: TelegramLimits = UNPACED,
        scripted_waits: bool = False,
    ) -> None:
        """`limits` paces the bot's sends; with `scripted_waits` it waits (for a turn, a
        retry) on the script's clock rather than on the wall clock."""
        self.clock = clock
        self._limits = limits
        self._scripted_waits = scripted_waits
        self._photos = photos
        self.api = FakeBotApi(clock=clock)
        self._config = config
        self._database_url = database_url
        self.chat_id = config.chats[0].id
        self.users: dict[int, FakeUser] = {}
        self._app: BotApplication | None = None
        self._inbox: InboxRunner | None = None
        self._outbox: OutboxSender | None = None

    @property
    def app(self) -> BotApplication:
        assert self._app is not None, "enter the group first"
        return self._app

    def add_user(self, user_id: int, name: str, *, username: str | None = None) -> FakeUser:
        user = self.api.add_user(user_id, name, username=username)
        self.users[user_id] = user
        return user

    async def __aenter__(self) -> LiveGroup:
        await self.api.start()
        self.api.add_group(self.chat_id, self._config.chats[0].title)
        for member in self._config.members:
            self.add_user(member.user_id, member.name)
        config = dataclasses.replace(
            self._config,
            token=self.api.token,
            base_url=self.api.base_url,
            base_file_url=self.api.base_file_url,
            database_url=self._database_url,
            # The script's weeks pass in seconds: Telegram's per-minute pacing would stretch
            # them, unless the script's clock is the pacer's too.
            telegram=self._limits,
            # An album's items come in one burst here: a short wait keeps the script quick.
            photos=dataclasses.replace(
                self._config.photos,
                location=str(self._photos),
                settle_seconds=SCRIPTED_SETTLE_SECONDS,
            ),
        )
        await asyncio.to_thread(upgrade_schema, config)
        if self._scripted_waits:
            self._app = build_application(
                config, clock=self.clock, sleep=self.clock.sleep, monotonic=self.clock.seconds
            )
        else:
            self._app = build_application(config, clock=self.clock)
        await self._app.initialize()
        # run_polling() calls these hooks; a hand-driven lifecycle must call them itself.
        if self._app.post_init is not None:
            await self._app.post_init(self._app)
        await self._app.start()
        # Jobs follow the script's clock, not the wall clock: they run when the script says.
        assert self._app.job_queue is not None
        self._app.job_queue.scheduler.pause()
        sleep = self.clock.sleep if self._scripted_waits else asyncio.sleep
        self._outbox = OutboxSender(self._app, sleep=sleep)
        await self._outbox.start()
        self._inbox = InboxRunner(self._app)
        await self._inbox.start()
        await self.settle()  # what the start caught up on is sent
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._app is not None:
            if self._inbox is not None:
                await self._inbox.stop()
            if self._outbox is not None:
                await self._outbox.stop()
            if self._app.running:
                await self._app.stop()
            if self._app.post_stop is not None:
                await self._app.post_stop(self._app)
            await self._app.shutdown()
            if self._app.post_shutdown is not None:
                await self._app.post_shutdown(self._app)
        await self.api.stop()

    async def say(self, user_id: int, text: str, **extra: Any) -> dict[str, Any]:
        """Post as a member, and return once the bot has finished with it."""
        message = self.api.send_text(self.chat_id, self.users[user_id], text, **extra)
        await self.settle()
        return message

    async def send_sheet(
        self, user_id: int, file_name: str, caption: str, rows: Sequence[Sequence[object]]
    ) -> dict[str, Any]:
        """Send `rows` as an XLSX file, as a manager shares a sheet from Excel."""
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in rows:
            sheet.append(list(row))
        buffer = io.BytesIO()
        book.save(buffer)
        return await self.send_file(user_id, buffer.getvalue(), file_name, caption)

    async def send_file(
        self, user_id: int, data: bytes, file_name: str, caption: str | None = None
    ) -> dict[str, Any]:
        message = self.api.send_document(
            self.chat_id, self.users[user_id], data, file_name=file_name, caption=caption
        )
        await self.settle()
        return message

    async def send_photos(
        self, user_id: int, images: Sequence[bytes], caption: str | None = None
    ) -> list[dict[str, Any]]:
        """Post one photo, or several as an album, and wait until the bot has answered."""
        user = self.users[user_id]
        if len(images) == 1:
            sent = [self.api.send_photo(self.chat_id, user, images[0], caption=caption)]
        else:
            sent = self.api.send_album(self.chat_id, user, images, caption=caption)
        await self.settle()
        return sent

    async def edit(self, message_id: int, text: str) -> dict[str, Any]:
        message = self.api.edit_text(self.chat_id, message_id, text)
        await self.settle()
        return message

    async def run_job(self, name: str) -> None:
        """Run a scheduled job now, as APScheduler would at its time, and let it finish."""
        assert self.app.job_queue is not None
        [job] = self.app.job_queue.get_jobs_by_name(name)
        await job.run(self.app)
        await self.settle()

    async def handled(self) -> None:
        """Wait until every injected update is in the bot's queue and handled: what it
        queued may not be sent yet."""
        await self.api.wait_delivered()
        assert self._inbox is not None, "enter the group first"
        await self._inbox.drained()

    async def settle(self) -> None:
        """Wait until every injected update is in the bot's queue and fully handled."""
        await self.handled()
        assert self._outbox is not None
        await self.app.bot_data.albums.idle()
        await self._outbox.idle()

    async def delivered(self) -> None:
        """Wait until the bot has handled everything and sent every answer it owes, however
        long Telegram's refusals make it wait (on the wall clock)."""
        await self.settle()
        assert self._outbox is not None
        await self._outbox.emptied()

    def replies_to(self, message_id: int) -> list[BotMessage]:
        return [
            m for m in self.api.bot_messages(self.chat_id) if m["reply_to_message_id"] == message_id
        ]

    def bot_texts(self) -> list[str]:
        return [m["text"] or "" for m in self.api.bot_messages(self.chat_id)]
