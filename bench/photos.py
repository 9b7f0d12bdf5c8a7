"""How long visit photos take on SQLite and a local folder: an album's intake, and the weekly
photo table with its contact sheets for 300 branches.

Intake: albums of ten phone photos sent as files (4000×3000 JPEG with EXIF and a location)
through Visiting.take, the download replaced by bytes in memory, since Telegram is the one
part not here: Pillow's checks, the location removed, the copy written, the rows stored.
Weekly: 300 branches post two photos each working day of a week (3,000 photos at Telegram's
compressed size); composing.compose_photos counts them, reads the first 90 back and draws
three contact sheets, as the Monday summary does.

Run: .venv/bin/python bench/photos.py [--runs 5] [--branches 300]
     (targets: intake median under 0.5 s a photo, weekly median under 5 s; exit status 1
     when either misses)
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import resource
import statistics
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from time import perf_counter

from charts import bench_config

from bot.demo.pictures import visit_photo
from bot.domain.periods import PeriodKind, period_containing
from bot.domain.visit_outcomes import VisitTaken
from bot.storage import migrations
from bot.storage.unit_of_work import Database
from bot.storage.visits import NewPhoto
from bot.usecases.composing import compose_photos
from bot.usecases.incoming import IncomingAlbum, IncomingPhoto, Sender
from bot.usecases.services import Services

PHOTO_TARGET, WEEKLY_TARGET = 0.5, 5.0
WEEK = period_containing(PeriodKind.WEEK, date(2026, 9, 21))
CHAT, MANAGER, ALBUM = -1001234567890, 100001, 10


async def intake(services: Services, runs: int) -> list[float]:
    """Seconds per photo of each album after the first."""

    def camera(seed: int) -> bytes:
        return visit_photo(seed, taken_at=datetime(2026, 9, 21, 10), located=True, size=4000)

    print(f"a camera file: {len(camera(1)) / 1024:.0f} KB, 4000×3000")
    # A picture of its own for each photo: the same one again would be a repeat, not stored.
    files: dict[str, bytes] = {}

    async def fetch(file_id: str) -> bytes:
        return files[file_id]

    sender = Sender(MANAGER, "王总", is_manager=True)
    sent = datetime.combine(WEEK.first, time(17), services.config.timezone)
    per_photo = []
    for run in range(runs + 1):
        photos = tuple(
            IncomingPhoto(
                run * ALBUM + n, f"BQAD{run}-{n}", f"u{run}-{n}", None,
                caption="" if n else "网点001 走访照片",
            )
            for n in range(ALBUM)
        )  # fmt: skip
        files.update((photo.file_id, camera(photo.message_id)) for photo in photos)
        album = IncomingAlbum(CHAT, f"album{run}", sender, sent, photos)
        started = perf_counter()
        outcome = await services.visits.take(album, fetch, now=sent)
        elapsed = perf_counter() - started
        assert isinstance(outcome, VisitTaken), outcome
        assert outcome.added == ALBUM, outcome
        if run:
            per_photo.append(elapsed / ALBUM)
    return per_photo


async def seed_week(services: Services, folder: Path) -> int:
    """Two photos a working day for every branch, written as the bot writes them."""
    config = services.config
    pictures = [visit_photo(seed) for seed in range(20)]
    count = 0
    days = list(config.calendar.working_days(WEEK.first, WEEK.last))
    async with services.database.transaction() as uow:
        for day in days:
            for number, branch in enumerate(config.catalogue.branches):
                visit = await uow.visits.open(
                    chat_id=CHAT, album=f"{day}-{number}", branch=branch.name, day=day,
                    user_id=MANAGER, now=datetime.now(config.timezone),
                )  # fmt: skip
                for n in range(2):
                    count += 1
                    data = pictures[count % len(pictures)]
                    key = f"{day.isoformat()}/{branch.short_name}/w{count}.jpg"
                    (folder / key).parent.mkdir(parents=True, exist_ok=True)
                    (folder / key).write_bytes(data)
                    photo = NewPhoto(
                        message_id=count, file_id=f"AgAD{count}", file_unique_id=f"w{count}",
                        width=640, height=480, file_size=len(data), stored_key=key,
                        stored_size=len(data), taken_at=None, caption="" if n else "走访照片",
                    )  # fmt: skip
                    await uow.visits.add(visit.id, CHAT, photo, datetime.now(config.timezone))
    return count


async def weekly(services: Services, runs: int) -> list[float]:
    totals = []
    for run in range(runs + 1):
        started = perf_counter()
        lines, sheet = await compose_photos(services, services.config, WEEK, "9月21日—9月27日")
        total = perf_counter() - started
        if run:
            totals.append(total)
        else:
            assert sheet is not None
            sizes = ", ".join(f"{len(png) / 1024:.0f} KB" for png in sheet.photos)
            print(f"first run: {total:.2f} s, {len(lines)} lines, sheets {sizes}")
    return totals


async def bench(folder: Path, branches: int, runs: int) -> bool:
    url = f"sqlite+aiosqlite:///{folder}/bench.db"
    await asyncio.to_thread(migrations.upgrade, url)
    config = bench_config(branches, url)
    photos = folder / "photos"
    config = dataclasses.replace(
        config, photos=dataclasses.replace(config.photos, location=str(photos))
    )
    database = Database(url)
    services = Services(database, config)
    try:
        await services.roster.sync()
        per_photo = await intake(services, runs)
        seeded = await seed_week(services, photos)
        print(f"seeded the week: {seeded} photos of {branches} branches")
        totals = await weekly(services, runs)
    finally:
        await database.dispose()
    photo_median, weekly_median = statistics.median(per_photo), statistics.median(totals)
    print(f"intake: median {photo_median:.3f} s a photo, max {max(per_photo):.3f} s")
    print(f"weekly photos: median {weekly_median:.2f} s, max {max(totals):.2f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")
    met = photo_median <= PHOTO_TARGET and weekly_median <= WEEKLY_TARGET
    print(f"targets: {PHOTO_TARGET:g} s a photo, {WEEKLY_TARGET:g} s weekly: "
          f"{'met' if met else 'MISSED'}")  # fmt: skip
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--branches", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zhanbao-bench-") as folder:
        met = asyncio.run(bench(Path(folder), args.branches, args.runs))
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
