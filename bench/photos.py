"""How long visit photos take on SQLite and a local folder: an album's intake, and the weekly
photo table with its contact sheets for 300 branches.

Intake: albums of ten phone photos sent as files (4000×3000 JPEG with EXIF and a location)
through Visiting.take, the download replaced by bytes in memory, since Telegram is the one
part not here: Pillow's checks, the location removed, the copy written, the rows stored.
Weekly: 300 branches post two photos each working day of a week (3,000 photos at Telegram's
compressed size); composing.compose_photos counts them, reads the first 90 back and draws
three contact sheets, as the Monday summary does.
Lookalikes: 300 branches' two photos a day for 180 days, with random hashes; an album of ten
is looked up among other branches' photos of its 90 days around (one a copy 2 bits off a
stored one), by the hash bands' indexes, and by reading the window's hashes for comparison;
the lookup's query plan is printed.

Run: .venv/bin/python bench/photos.py [--runs 5] [--branches 300]
     (targets: intake median under 0.5 s a photo, weekly median under 5 s; exit status 1
     when either misses)
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import random
import resource
import statistics
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import perf_counter

from charts import bench_config
from sqlalchemy import event, insert, select

from bot.demo.pictures import visit_photo
from bot.domain.periods import PeriodKind, period_containing
from bot.domain.photo_hashes import Fingerprint, alike, window
from bot.domain.visit_outcomes import VisitTaken
from bot.storage import migrations
from bot.storage.photo_hashes import content_columns
from bot.storage.photo_tables import VisitPhoto, VisitRow
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


async def seed_hashes(services: Services, last: date) -> list[tuple[int, int, Fingerprint]]:
    """Two photos a day for every branch for 180 days to `last`, random hashes, written in
    bulk: (days before `last`, branch number, hash) each. Only the rows matter here."""
    rng, prints, now = random.Random(27), [], datetime.now(services.config.timezone)
    async with services.database.transaction() as uow:
        ids = [await uow.branches.id(branch.name) for branch in services.config.catalogue.branches]
        for back in range(180):
            day, albums = last - timedelta(days=back), [f"h{back}-{n}" for n in range(len(ids))]
            await uow.session.execute(insert(VisitRow), [
                {"chat_id": CHAT, "album": album, "branch_id": branch_id, "day": day,
                 "user_id": MANAGER, "created_at": now}
                for album, branch_id in zip(albums, ids, strict=True)
            ])  # fmt: skip
            rows = await uow.session.execute(
                select(VisitRow.album, VisitRow.id).where(VisitRow.album.in_(albums))
            )
            visits, photos = dict(rows.all()), []
            for number, album in [*enumerate(albums)] * 2:
                hashed = Fingerprint(f"{rng.getrandbits(256):064x}", rng.getrandbits(64))
                prints.append((back, number, hashed))
                photos.append({
                    "visit_id": visits[album], "chat_id": CHAT, "message_id": -len(prints),
                    "file_id": "-", "file_unique_id": f"h{len(prints)}", "width": 640,
                    "height": 480, "file_size": 1, "stored_key": "-", "stored_size": 1,
                    "caption": "", "received_at": now, **content_columns(hashed),
                })  # fmt: skip
            await uow.session.execute(insert(VisitPhoto), photos)
    return prints


async def lookalikes(services: Services, runs: int) -> tuple[list[float], list[float]]:
    """Seconds for an album's lookup by the bands, and by reading the window's hashes."""
    last = WEEK.first
    prints = await seed_hashes(services, last)
    rng, branch = random.Random(5), services.config.catalogue.branches[0].name
    others = [hashed for back, number, hashed in prints if back <= 90 and number]
    first_day, _ = window(last)
    by_bands, by_reading = [], []
    for run in range(runs + 1):
        stored = rng.choice(others)
        copy = Fingerprint("copy", stored.dhash ^ 1 << rng.randrange(64) ^ 1 << rng.randrange(64))
        album = [copy, *(Fingerprint(f"n{n}", rng.getrandbits(64)) for n in range(9))]
        started = perf_counter()
        async with services.database.transaction() as uow:
            found = await uow.photo_hashes.elsewhere(branch, last, album)
        by_bands.append(perf_counter() - started)
        assert [image.fingerprint for image in found] == [stored], found
        started = perf_counter()
        async with services.database.transaction() as uow:
            rows = await uow.session.execute(
                select(VisitPhoto.sha256, VisitPhoto.dhash)
                .join(VisitRow, VisitRow.id == VisitPhoto.visit_id)
                .where(VisitRow.day.between(first_day, last), VisitPhoto.dhash.is_not(None))
            )
            read = [Fingerprint(sha, dhash) for sha, dhash in rows]
            assert any(alike(p, r) for p in album for r in read)
        by_reading.append(perf_counter() - started)
        if not run:
            print(f"seeded {len(prints)} hashed photos of 180 days, {len(read)} in the window")
            await explain(services, branch, last, album)
    return by_bands[1:], by_reading[1:]


async def explain(services: Services, branch: str, day: date, album: list[Fingerprint]) -> None:
    """The lookup's query plans, from the statements the repository sends."""
    sent: list[tuple[str, object]] = []

    def keep(_connection: object, _cursor: object, statement: str, parameters: object,
             *_: object) -> None:  # fmt: skip
        if statement.startswith("SELECT") and "FROM branches" not in statement:
            sent.append((statement, parameters))

    engine = services.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", keep)
    async with services.database.transaction() as uow:
        await uow.photo_hashes.elsewhere(branch, day, album)
    event.remove(engine, "before_cursor_execute", keep)
    postgres = services.database.engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
    async with services.database.transaction() as uow:
        connection = await uow.session.connection()
        if postgres:
            await connection.exec_driver_sql("ANALYZE")  # as autovacuum would, after a bulk load
        for statement, parameters in sent:
            rows = (await connection.exec_driver_sql(statement, parameters)).all()
            print(f"a query of the lookup, {len(rows)} rows:")
            for line in await connection.exec_driver_sql(prefix + statement, parameters):
                print("   ", line[-1])


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
        by_bands, by_reading = await lookalikes(services, runs)
    finally:
        await database.dispose()
    photo_median, weekly_median = statistics.median(per_photo), statistics.median(totals)
    print(f"intake: median {photo_median:.3f} s a photo, max {max(per_photo):.3f} s")
    print(f"weekly photos: median {weekly_median:.2f} s, max {max(totals):.2f} s")
    print(f"lookalikes of an album: median {statistics.median(by_bands) * 1000:.1f} ms by the "
          f"bands, {statistics.median(by_reading) * 1000:.0f} ms reading the window")  # fmt: skip
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
