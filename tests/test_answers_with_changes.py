"""A change's answer is queued in the change's own transaction: stored together, or (the
change refused by the database) not at all."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.outgoing import Outgoing
from bot.usecases.incoming import Sender
from bot.usecases.services import Services

NOW = datetime(2026, 7, 28, 1, 0, tzinfo=UTC)
CHAT = -1001234567890
MANAGER = Sender(user_id=100001, name="王总", is_manager=True)
HEAD = Sender(user_id=200005, name="正所长")


def _says(text: str) -> Outgoing:
    return Outgoing(chat_id=CHAT, source_id=41, source_version=0, text=text)


async def _queued(services: Services) -> list[str]:
    return [item.message.text for item in await services.outbox.waiting()]


async def test_targets_set_are_answered_with_the_change(services: Services) -> None:
    await services.targets.command(
        text="正阳 储蓄 200 月", sender=MANAGER, now=NOW, answer=lambda result: _says("✅ 目标")
    )

    assert await _queued(services) == ["✅ 目标"]


async def test_a_refusal_that_changes_nothing_is_answered_on_its_own(services: Services) -> None:
    await services.targets.command(
        text="正阳 储蓄 200 月", sender=HEAD, now=NOW, answer=lambda result: _says("仅管理员")
    )

    assert await _queued(services) == ["仅管理员"]


async def test_an_answer_that_cannot_be_rendered_leaves_no_change_behind(
    services: Services,
) -> None:
    """The answer is made inside the transaction: if it fails, the targets roll back."""

    def broken(result: object) -> Outgoing:
        raise RuntimeError("a missing text key")

    with pytest.raises(RuntimeError):
        await services.targets.command(
            text="正阳 储蓄 200 月", sender=MANAGER, now=NOW, answer=broken
        )

    async with services.database.transaction() as uow:
        stored = await uow.targets.overlapping(date(2026, 7, 1), date(2026, 7, 31))
    assert stored == []
    assert await _queued(services) == []


async def test_targets_set_are_stored_when_answered(services: Services) -> None:
    """The contrast of the test above: the same command, answered, stores its target."""
    await services.targets.command(
        text="正阳 储蓄 200 月", sender=MANAGER, now=NOW, answer=lambda result: _says("✅")
    )

    async with services.database.transaction() as uow:
        stored = await uow.targets.overlapping(date(2026, 7, 1), date(2026, 7, 31))
    assert len(stored) == 1
