"""The pacer's arithmetic: when a chat may next be sent to, as Telegram counts."""

from __future__ import annotations

from bot.chat.pacing import Pacer
from bot.config.telegram import TelegramLimits

GROUP = -1001234567890
PRIVATE = 200005


class Seconds:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _pacer(per_minute: int = 20, per_second: int = 30) -> tuple[Pacer, Seconds]:
    seconds = Seconds()
    limits = TelegramLimits(group_messages_per_minute=per_minute, messages_per_second=per_second)
    return Pacer(limits, monotonic=seconds), seconds


def test_a_group_that_had_twenty_messages_waits_until_the_first_is_a_minute_old() -> None:
    pacer, seconds = _pacer()
    for _ in range(20):
        pacer.take(GROUP)
        seconds.now += 1

    assert pacer.wait(GROUP) == 40


def test_a_private_chat_is_not_held_to_the_groups_limit() -> None:
    pacer, _ = _pacer(per_second=0)
    for _ in range(25):
        pacer.take(PRIVATE)

    assert pacer.wait(PRIVATE) == 0


def test_the_overall_rate_holds_every_chat() -> None:
    pacer, _ = _pacer(per_second=2)
    pacer.take(GROUP)
    pacer.take(PRIVATE)

    assert pacer.wait(-1009999) == 1


def test_a_flood_wait_holds_its_chat_for_the_seconds_named() -> None:
    pacer, seconds = _pacer()
    pacer.hold(GROUP, 7)
    seconds.now += 3

    assert (pacer.wait(GROUP), pacer.wait(-1009999)) == (4, 0)


def test_zero_limits_never_wait() -> None:
    pacer, _ = _pacer(per_minute=0, per_second=0)
    for _ in range(100):
        pacer.take(GROUP)

    assert pacer.wait(GROUP) == 0


def test_an_album_waits_until_there_is_room_for_every_photo() -> None:
    pacer, seconds = _pacer()
    for _ in range(15):
        pacer.take(GROUP)
        seconds.now += 1

    # Sent at 0–14 s, now 15 s: ten photos fit once the fifth (4 s) is a minute old.
    assert pacer.wait(GROUP, 10) == 64 - 15


def test_what_other_instances_sent_to_a_group_counts_toward_its_minute() -> None:
    pacer, _ = _pacer(per_minute=3)
    pacer.take(GROUP)
    pacer.elsewhere(GROUP, [(71, 30.0, 1), (72, 10.0, 1)])  # sent 30 s and 10 s ago

    assert pacer.wait(GROUP) == 30  # the oldest of the three is a minute old in 30 s


def test_another_instance_s_send_is_counted_once_however_often_it_is_read() -> None:
    pacer, _ = _pacer(per_minute=3)
    for _ in range(3):
        pacer.elsewhere(GROUP, [(71, 5.0, 1)])

    assert pacer.wait(GROUP) == 0


def test_another_instance_s_album_counts_each_photo() -> None:
    pacer, _ = _pacer(per_minute=5)
    pacer.elsewhere(GROUP, [(71, 20.0, 4)])

    assert pacer.wait(GROUP, 2) == 40
