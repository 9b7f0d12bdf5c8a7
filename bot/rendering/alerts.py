"""What the managers are told when something goes wrong out of the groups' sight."""

from __future__ import annotations

from bot.rendering.texts import Texts


def post_failed_text(texts: Texts, *, where: str, time: str, kind: str, error: str) -> str:
    """`where`: the chat's name in 「」 when the bot serves several, else empty."""
    post = texts(f"post.kind.{kind}")
    return texts("alert.post_failed", where=where, time=time, post=post, error=error)


def downtime_text(
    texts: Texts, *, where: str, time: str, kind: str, since: str, until: str, made: bool
) -> str:
    """ "08:30 晨报 补发：机器人 07:10—09:05 未运行", or that it was not made at all."""
    return texts(
        "alert.caught_up" if made else "alert.missed",
        where=where, time=time, post=texts(f"post.kind.{kind}"), since=since, until=until,
    )  # fmt: skip


def sending_text(texts: Texts, *, chat: str, count: int, error: str) -> str:
    return texts("alert.sending", chat=chat, count=count, error=error)


def photo_store_text(texts: Texts, *, where: str, error: str) -> str:
    return texts("alert.photo_store", where=where, error=error)
