"""Which chats' messages go now, and which together: each chat at its pacer's turn, one
message a send, except that what piled up while a chat waited goes as one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.chat import neighbours
from bot.chat.moves import Moves
from bot.chat.pacing import Pacer
from bot.domain.outgoing import Elsewhere, Picked, Queued, mergeable

LOOK_AGAIN = 5.0
"""Seconds between reads of the outbox when nothing said it has more."""


class Picker:
    def __init__(self, pacer: Pacer, moves: Moves) -> None:
        self._pacer = pacer
        self._moves = moves
        self.taken = neighbours.Taken()
        """Chats another instance was sending to."""
        self._waited: set[int] = set()
        """Chats whose queue had to wait for its turn: what piled up there is merged."""
        self.soonest = LOOK_AGAIN
        """Seconds until the next chat's turn, as the last pick found."""

    def pick(
        self, queue: Sequence[Queued], elsewhere: Elsewhere, skip: Callable[[int], bool]
    ) -> Picked:
        """A batch for every chat whose turn it is (but those to `skip`), its pacer's turn
        taken; what other instances sent lately counted first."""
        current = self._moves.current
        for outbox_id, chat_id, ago, count in elsewhere:
            self._pacer.elsewhere(current(chat_id), [(outbox_id, ago, count)])
        self.soonest, picked = LOOK_AGAIN, []
        for chat_id, items in _by_chat(queue).items():
            if skip(chat_id):
                continue
            if (taken := self.taken.wait(chat_id)) > 0:
                self.soonest = min(self.soonest, taken)
                continue
            target = current(chat_id)  # paced where it goes
            if (wait := self._pacer.wait(target, _weight(items[0]))) > 0:
                self._waited.add(chat_id)
                self.soonest = min(self.soonest, wait)
                continue
            batch = items[:1]
            if chat_id in self._waited and items[0].message.line is not None:
                merged = mergeable(items)
                batch = merged if len(merged) > 1 else batch
            self._waited.discard(chat_id)
            self._pacer.take(target, _weight(batch[0]))
            picked.append(batch)
        return picked

    def due(self, queue: Sequence[Queued]) -> bool:
        """Whether some chat's oldest message may go now, weighed as `pick` weighs it: an
        album of five waits for five of the group's turns, not for one."""
        current = self._moves.current
        return any(
            self.taken.wait(chat_id) <= 0
            and self._pacer.wait(current(chat_id), _weight(items[0])) <= 0
            for chat_id, items in _by_chat(queue).items()
        )


def _by_chat(queue: Sequence[Queued]) -> dict[int, list[Queued]]:
    """The queue by chat, each chat's messages oldest first, as they go."""
    chats: dict[int, list[Queued]] = {}
    for item in queue:
        chats.setdefault(item.message.chat_id, []).append(item)
    return chats


def _weight(item: Queued) -> int:
    """What a message counts toward its chat's limits: an album, each of its photos."""
    return max(1, item.photos)
