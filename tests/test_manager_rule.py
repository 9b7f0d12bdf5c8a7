"""Who may do what: every manager-only use case refuses anyone else with NotManager, before
it reads, downloads or stores anything."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.outcomes import ManagerAction, NotManager, Usage
from bot.domain.schedule import PostKind
from bot.domain.target_outcomes import SheetRefused, TargetsSet
from bot.rendering.replies import not_manager
from bot.rendering.texts import Texts
from bot.usecases import publishing
from bot.usecases.incoming import IncomingFile, Sender
from bot.usecases.services import Services

NOW = datetime(2026, 7, 28, 1, 0, tzinfo=UTC)
CHAT = -1001234567890
HEAD = Sender(user_id=200005, name="正所长")
MANAGER = Sender(user_id=100001, name="王总", is_manager=True)
SHEET = "网点,指标,目标,周期\r\n正阳,储蓄,200,月\r\n".encode()


class Untouchable:
    """A file that fails the test if it is read."""

    async def read(self) -> bytes:
        raise AssertionError("downloaded the file")


async def test_a_head_may_not_set_targets(services: Services) -> None:
    outcome = await services.targets.command(text="正阳 储蓄 200 月", sender=HEAD, now=NOW)

    assert outcome == NotManager(ManagerAction.TARGET)


async def test_a_heads_sheet_is_never_downloaded(services: Services) -> None:
    sheet = IncomingFile("targets.csv", 1_000, Untouchable().read)

    outcome = await services.targets.import_sheet(sheet, sender=HEAD, now=NOW)

    assert outcome == NotManager(ManagerAction.SHEET)


async def test_a_managers_sheet_over_five_megabytes_is_refused_unread(services: Services) -> None:
    sheet = IncomingFile("targets.csv", 6 * 1024 * 1024, Untouchable().read)

    outcome = await services.targets.import_sheet(sheet, sender=MANAGER, now=NOW)

    assert outcome == SheetRefused("too_large")


async def test_a_managers_sheet_is_imported(services: Services) -> None:
    async def read() -> bytes:
        return SHEET

    sheet = IncomingFile("targets.csv", len(SHEET), read)

    outcome = await services.targets.import_sheet(sheet, sender=MANAGER, now=NOW)

    assert isinstance(outcome, TargetsSet)


async def test_a_head_may_not_bind_members(services: Services) -> None:
    outcome = await services.roster.bind(
        who=300001, name=None, branch_word="正阳", sender=HEAD, now=NOW
    )

    assert outcome == NotManager(ManagerAction.BIND)


async def test_a_bind_that_names_nobody_asks_for_its_usage(services: Services) -> None:
    assert (
        await services.roster.bind(who=None, name=None, branch_word="", sender=MANAGER, now=NOW)
        == Usage()
    )


async def test_a_head_may_not_post_on_demand(services: Services) -> None:
    outcome = await publishing.post_now(services, HEAD, CHAT, (CHAT, 7, 0), PostKind.MORNING, NOW)

    assert outcome == NotManager(ManagerAction.POST)
    assert await services.outbox.waiting() == []


async def test_a_head_may_not_start_end_or_cancel_a_contest(services: Services) -> None:
    contests = services.contests

    assert contests.may_create(HEAD) == NotManager(ManagerAction.PK)
    assert await contests.end(CHAT, "", sender=HEAD, now=NOW) == NotManager(ManagerAction.PK)
    assert await contests.cancel(CHAT, "", sender=HEAD, now=NOW) == NotManager(ManagerAction.PK)
    assert contests.may_create(MANAGER) is None


@pytest.mark.parametrize(
    ("action", "reply"),
    [
        (ManagerAction.TARGET, "只有管理员可以设定目标"),
        (ManagerAction.BIND, "只有管理员可以绑定成员"),
        (ManagerAction.POST, "只有管理员可以手动发送定时消息"),
        (ManagerAction.PK, "只有管理员可以新建、结束或取消PK赛"),
        (ManagerAction.SCORE, "只有管理员可以评分"),
        (ManagerAction.APPROVE, "只有管理员可以批准补报"),
        (ManagerAction.SHEET, "只有管理员可以设定目标"),
    ],
)
def test_each_refusal_says_what_only_managers_may_do(action: ManagerAction, reply: str) -> None:
    assert not_manager(NotManager(action), Texts("zh-CN")) == reply
