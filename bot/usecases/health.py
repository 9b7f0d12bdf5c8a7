"""The start-up checks that need no Telegram: the schema, the photo store, the chart font.

Each says in one line what works or what to fix, so `python -m bot doctor` and the log
at start-up tell a deployment before the branch heads notice.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from bot.adapters.photo_store import open_store
from bot.config.settings import Config
from bot.domain.chat_moves import ChatMoves
from bot.rendering.texts import Texts
from bot.storage.migrations import current_revision, head_revision
from bot.storage.unit_of_work import Database
from bot.usecases.services import Services

# What the photo check writes, and where: a file of its own beside the days' folders.
PROBE_KEY, PROBE = "doctor/probe.txt", b"zhanbao"
# Characters every chart draws: a font without them shows boxes.
CJK_SAMPLE = "储蓄保险营业所积分目标完成率时间进度"


@dataclass(frozen=True, slots=True)
class Finding:
    ok: bool
    text: str


async def examine_storage(services: Services) -> list[Finding]:
    """The database's schema, the photo store and the chart font, in that order."""
    config = services.config
    texts = Texts(config.language)
    findings = [
        await _schema(services.database, texts),
        await _photos(config, texts),
        _font(config, texts),
    ]
    return findings + _sole_use(services.database, texts)


def _sole_use(database: Database, texts: Texts) -> list[Finding]:
    """SQLite serves one process: a bot that found another on its file says so, and
    `doctor` run beside a bot says one is running."""
    if not database.single_process:
        return []
    if database.sole_use.refused:
        return [Finding(False, texts("doctor.sqlite_shared"))]
    if database.sole_use.in_use():
        return [Finding(True, texts("doctor.sqlite_running"))]
    return []


async def known_moves(services: Services) -> ChatMoves:
    """The chats that moved, or none when the database cannot say (not upgraded yet: the
    schema check says so)."""
    try:
        return await services.roster.moves()
    except SQLAlchemyError:
        return ChatMoves()


async def _schema(database: Database, texts: Texts) -> Finding:
    try:
        async with database.engine.connect() as connection:
            current = await connection.run_sync(current_revision)
    except (SQLAlchemyError, OSError) as error:
        return Finding(False, texts("doctor.database_error", error=error))
    head = head_revision()
    if current != head:
        return Finding(False, texts("doctor.schema_behind", current=current or "-", head=head))
    return Finding(True, texts("doctor.schema_ok", head=head))


def _font(config: Config, texts: Texts) -> Finding:
    """The chart font must be readable and draw Chinese, or every label is a row of boxes."""
    # Imported here: matplotlib takes a second to load and only this check needs it.
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from bot.rendering.fonts import FontError, chart_font

    try:
        family = chart_font(config.font_path)
    except FontError:
        return Finding(False, texts("doctor.font_missing_file", font=config.font_path))
    path = font_manager.findfont(family, fallback_to_default=False)
    face = FT2Font(path)
    if all(face.get_char_index(ord(glyph)) for glyph in CJK_SAMPLE):
        return Finding(True, texts("doctor.font_ok", font=f"{family} ({path})"))
    return Finding(False, texts("doctor.font_none", font=family))


async def _photos(config: Config, texts: Texts) -> Finding:
    """Visit photos must be writable where they are kept, or every one would be refused."""
    photos = config.photos
    store = open_store(photos.location, endpoint_url=photos.endpoint_url, region=photos.region)
    try:
        await store.put(PROBE_KEY, PROBE)
        stored = await store.size(PROBE_KEY)
    except Exception as error:  # a full disk, a missing bucket, refused keys: all say "fix it"
        return Finding(False, texts("doctor.photos_error", where=store.where(), error=error))
    if stored != len(PROBE):
        return Finding(False, texts("doctor.photos_error", where=store.where(), error=stored))
    return Finding(True, texts("doctor.photos_ok", where=store.where()))
