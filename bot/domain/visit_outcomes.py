"""What the visit-photo use cases tell the chat layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.outcomes import Anonymous, DayContext, Ignored, ReportOutcome, Unbound
from bot.domain.visits import PhotoTally


class PhotoProblem(StrEnum):
    """Why an image was not stored."""

    TOO_BIG = "too_big"
    NOT_AN_IMAGE = "not_image"
    UNSUPPORTED = "unsupported"
    TOO_MANY_PIXELS = "too_many_pixels"
    UNREACHABLE = "unreachable"
    UNSTORED = "unstored"


@dataclass(frozen=True, slots=True)
class Repeat:
    """An image that was stored before, for this branch and day."""

    branch: str
    day: date
    alike: bool = False
    """Known by its picture, in a new file: an earlier photo of the branch's, or of the album
    at hand, shows the same."""


@dataclass(frozen=True, slots=True)
class Lookalike:
    """A photo counted for its branch that shows the same picture as another branch's earlier
    one: not for the bot to refuse, but for managers to look at."""

    branch: str
    day: date
    earlier_branch: str
    earlier_day: date


@dataclass(frozen=True, slots=True)
class VisitTaken:
    """What one album (or photo) added to its branch's visit of the day."""

    visit_id: int
    branch: str
    day: date
    added: int
    total: int
    """The visit's photos so far, late items of an album included."""
    repeats: tuple[Repeat, ...] = ()
    refused: tuple[PhotoProblem, ...] = ()
    stale: tuple[date, ...] = ()
    """The capture days of the old photos among those added."""
    when: DayContext | None = None
    """For naming the day in the answer: a caption's other day gets its weekday."""
    report: ReportOutcome | None = None
    """What the caption's figures did, when it had any."""
    late: bool = False
    """Items of an album already answered: they are told as added to it."""


@dataclass(frozen=True, slots=True)
class PhotosRefused:
    """Nothing of the album could be stored."""

    problems: tuple[PhotoProblem, ...]


@dataclass(frozen=True, slots=True)
class OnlyRepeats:
    """Every image had been stored before: nothing is counted again."""

    repeats: tuple[Repeat, ...]
    refused: tuple[PhotoProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class NoPhotoBranch:
    """A manager's photos without a branch in the caption: whose visit is it?"""


@dataclass(frozen=True, slots=True)
class StoredImage:
    """A stored photo read back for showing."""

    data: bytes
    branch: str
    day: date
    stale: bool


@dataclass(frozen=True, slots=True)
class PhotosOfDay:
    """`/photos 正阳 7月27日`: the day's photos, oldest first."""

    branch: str
    day: date
    images: tuple[StoredImage, ...]
    """The first of them, as many as are shown at once."""
    count: int


@dataclass(frozen=True, slots=True)
class PhotoWeek:
    """The photos of a summary's period: counted per branch and day, and the first ones
    read back for the contact sheet."""

    tally: PhotoTally
    stale: tuple[tuple[str, date], ...]
    """Branch and day of each old photo."""
    images: tuple[StoredImage, ...]
    count: int
    lookalikes: tuple[Lookalike, ...] = ()


VisitOutcome = (
    Ignored | VisitTaken | OnlyRepeats | PhotosRefused | NoPhotoBranch | Unbound | Anonymous
)
