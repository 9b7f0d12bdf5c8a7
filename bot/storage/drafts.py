"""The wizard drafts' reads and writes. A draft is taken by deleting it: the one statement
that returns it also removes it, so of two presses of one button (on one instance or two)
only one ever gets the draft to answer."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import ColumnElement, Row, and_, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.contest_form import Draft
from bot.storage.draft_tables import WizardDraft
from bot.storage.upsert import insert

COLUMNS = (WizardDraft.user_id, WizardDraft.started_at, WizardDraft.message_id, WizardDraft.answers)


class Drafts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def keep(self, chat_id: int, draft: Draft, *, now: datetime) -> None:
        """Keep `draft` under the message that asks its next step (it must have been shown).
        Kept there again, the newer draft replaces the older."""
        if draft.message_id is None:
            raise ValueError("a draft is kept under the message asking its step: show it first")
        row = {
            "chat_id": chat_id, "message_id": draft.message_id, "user_id": draft.user_id,
            "started_at": draft.started, "created_at": now,
            "answers": json.dumps(list(draft.answers), ensure_ascii=False),
        }  # fmt: skip
        statement = insert(self._session, WizardDraft).values(row)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["chat_id", "message_id"],
                set_={k: v for k, v in row.items() if k not in ("chat_id", "message_id")},
            )
        )

    async def peek(self, chat_id: int, message_id: int) -> Draft | None:
        """The draft kept under the message, left where it is."""
        statement = select(*COLUMNS).where(_under(chat_id, message_id))
        row = (await self._session.execute(statement)).one_or_none()
        return None if row is None else _draft(row)

    async def take(self, chat_id: int, message_id: int) -> Draft | None:
        """The draft kept under the message, deleted in the same statement: None when there
        is none, or when someone took it first."""
        statement = delete(WizardDraft).where(_under(chat_id, message_id)).returning(*COLUMNS)
        row = (await self._session.execute(statement)).one_or_none()
        return None if row is None else _draft(row)

    async def forget_before(self, cutoff: datetime) -> int:
        """Delete the drafts started before `cutoff`; how many there were."""
        result = await self._session.execute(
            delete(WizardDraft).where(WizardDraft.started_at < cutoff)
        )
        return result.rowcount or 0


def _under(chat_id: int, message_id: int) -> ColumnElement[bool]:
    return and_(WizardDraft.chat_id == chat_id, WizardDraft.message_id == message_id)


def _draft(row: Row[tuple[int, datetime, int, str]]) -> Draft:
    user_id, started, message_id, answers = row
    return Draft(user_id, started, message_id, tuple(json.loads(answers)))
