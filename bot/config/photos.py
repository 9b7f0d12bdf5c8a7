"""Reading the `[photos]` table: where visit photos are kept and how they are judged."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config.reader import Table

DEFAULT_FOLDER = "./data/photos"
DEFAULT_STALE_DAYS = 3
DEFAULT_SETTLE_SECONDS = 2.0
MAX_SETTLE_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class PhotoSettings:
    location: str
    """A folder, or an S3-compatible bucket as "s3://bucket/prefix"."""
    endpoint_url: str
    """The bucket's endpoint when it is not AWS (MinIO, OSS, COS); empty for AWS."""
    region: str
    stale_days: int
    """A photo taken more than this many days before its day is accepted but flagged."""
    settle_seconds: float
    """How long an album may stay quiet before it is taken as complete."""
    remind: bool
    """Whether the reminder also names the branches without visit photos."""


def read_photos(table: Table) -> PhotoSettings:
    settings = PhotoSettings(
        location=table.str("storage", DEFAULT_FOLDER) or DEFAULT_FOLDER,
        endpoint_url=table.str("s3_endpoint", ""),
        region=table.str("s3_region", ""),
        stale_days=table.int("stale_days", DEFAULT_STALE_DAYS),
        settle_seconds=float(table.number("album_settle_seconds", DEFAULT_SETTLE_SECONDS)),
        # Off unless asked for: a deployment that never used photos is not told daily that
        # every branch lacks them. The shipped example asks for it.
        remind=table.bool("remind", False),
    )
    if settings.stale_days < 0:
        raise table.fail("stale_days", f"must be 0 or more, got {settings.stale_days}")
    if not 0 < settings.settle_seconds <= MAX_SETTLE_SECONDS:
        raise table.fail(
            "album_settle_seconds",
            f"must be more than 0 and at most {MAX_SETTLE_SECONDS:g}, "
            f"got {settings.settle_seconds:g}",
        )
    table.reject_unknown()
    return settings
