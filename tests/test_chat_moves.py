"""Following a group that became a supergroup: its ids, old and new."""

from __future__ import annotations

from bot.domain.chat_moves import ChatMoves

GROUP, SUPERGROUP = -4012345678, -1004012345678


def test_a_chat_that_moved_is_sent_to_at_its_new_id() -> None:
    assert ChatMoves({GROUP: SUPERGROUP}).current(GROUP) == SUPERGROUP


def test_a_chat_that_never_moved_keeps_its_id() -> None:
    assert ChatMoves().current(GROUP) == GROUP


def test_both_ids_name_the_same_chat() -> None:
    moves = ChatMoves({GROUP: SUPERGROUP})

    assert moves.family(GROUP) == moves.family(SUPERGROUP) == {GROUP, SUPERGROUP}


def test_the_new_id_is_served_as_the_configured_old_one() -> None:
    moves = ChatMoves({GROUP: SUPERGROUP})

    assert moves.served(SUPERGROUP, configured={GROUP}) == GROUP
    assert moves.served(SUPERGROUP, configured={SUPERGROUP}) == SUPERGROUP
    assert moves.served(-1009999, configured={GROUP}) is None


def test_a_loop_of_moves_does_not_hang() -> None:
    assert ChatMoves({GROUP: SUPERGROUP, SUPERGROUP: GROUP}).current(GROUP) in {GROUP, SUPERGROUP}
