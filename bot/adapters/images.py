"""The one place that reads the images staff post: is it a picture, when was it taken, and a
copy safe to keep and show back to the group (without the GPS location a file may carry)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from PIL import Image, ImageOps, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

from bot.domain.photo_hashes import COLUMNS, ROWS, Fingerprint, difference_hash

# Phone cameras go up to 50 MP (8160x6120 = 49.9 MP, 8192x6144 = 50.3 MP), and a panorama
# stitched by a phone can be larger still; 60 MP accepts all of those with some margin while
# bounding the memory one decode takes (60 MP RGB = 180 MB). It is also below Pillow's own
# limit (Image.MAX_IMAGE_PIXELS, about 89.5 MP), so Pillow's check never fires for a picture
# we would accept.
DEFAULT_MAX_PIXELS = 60_000_000
# Telegram sends photos at up to 1280 px; a camera file over 2 MB or twice that size is shown
# back through a copy of that size, which is also all a contact sheet's thumbnail needs.
PREVIEW_SIDE, PREVIEW_ABOVE_BYTES = 1280, 2 * 1024 * 1024

# We construct the plugins' image classes ourselves rather than calling Image.open(): Image.open
# runs Pillow's decompression-bomb check, against the process-wide Image.MAX_IMAGE_PIXELS, before
# we can see the size, and warns above ~89.5 MP. Silencing that would need either
# warnings.catch_warnings(), which swaps the process-global filter list and so is not
# thread-safe before Python 3.14, or changing MAX_IMAGE_PIXELS, which is global too. The plugin
# classes only parse the header, leaving the limit to us; only WebP's still checks (it allocates
# its canvas early) and then raises, never warns, and only above twice Pillow's limit, which is
# well above ours. JpegImageFile also reads an iPhone's MPO as the JPEG it starts with.
_OPENERS = (
    JpegImagePlugin.JpegImageFile,
    PngImagePlugin.PngImageFile,
    WebPImagePlugin.WebPImageFile,
)
_HEIF_BRANDS = (b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypmif1", b"ftypmsf1", b"ftypavif")
_OTHER_SIGNATURES = (b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")
_SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# What Pillow raises on bytes that are not (or no longer) a well-formed image.
UNREADABLE = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError)

_ORIENTATION = 0x0112
# How EXIF's orientations 2 to 8 are turned upright, as ImageOps.exif_transpose turns them.
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_QUARTER_TURNS = (
    Image.Transpose.TRANSPOSE,
    Image.Transpose.ROTATE_270,
    Image.Transpose.TRANSVERSE,
    Image.Transpose.ROTATE_90,
)
_DATE_TIME = 0x0132
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATE_TIME_ORIGINAL = 0x9003


@dataclass(frozen=True, slots=True)
class Picture:
    data: bytes = field(repr=False)
    """The copy to keep: the original bytes, or re-encoded without the GPS location."""
    width: int
    height: int
    format: str
    """"JPEG", "PNG" or "WEBP" (an MPO is its JPEG)."""
    suffix: str
    """".jpg", ".png" or ".webp", for the kept file's name."""
    taken_at: datetime | None
    """The local wall-clock capture time from EXIF, which has no zone."""
    located: bool
    """The original carried a GPS location, which `data` no longer does."""
    received: int
    """The length of the bytes read, as sent; `data` is shorter without a location."""
    fingerprint: Fingerprint
    """The bytes' SHA-256 and the upright picture's difference hash: the same picture sent
    again as a new file is known by them."""
    preview: bytes | None = field(default=None, repr=False)
    """A smaller JPEG to show back, when the picture is too big to send as a photo quickly
    or at all (Telegram takes photos up to 10 MB); None when `data` itself will do."""


class ImageProblem(StrEnum):
    NOT_AN_IMAGE = "not_image"
    UNSUPPORTED = "unsupported"
    """An image, but in a format the bot does not keep (an iPhone's HEIC sent as a file)."""
    TOO_MANY_PIXELS = "too_many_pixels"


def read_picture(data: bytes, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> Picture | ImageProblem:
    """Judge the bytes alone, since the declared mime type and file name are the sender's word.

    Only JPEG, PNG and WebP are pictures: what phones and PCs produce and Telegram shows. The
    size is checked from the header before any pixel is decoded, so a small file claiming a huge
    image costs nothing; then the whole image is decoded so a truncated file is refused now rather
    than when shown. Pure and free of global state, so it may run in `asyncio.to_thread`.
    """
    try:
        image = open_image(data)
    except Image.DecompressionBombError:
        return ImageProblem.TOO_MANY_PIXELS
    if image is None:
        return ImageProblem.UNSUPPORTED if _other_image(data) else ImageProblem.NOT_AN_IMAGE
    width, height = image.size
    if width * height > max_pixels:
        return ImageProblem.TOO_MANY_PIXELS
    try:
        image.load()
        exif = image.getexif()
    except UNREADABLE:
        return ImageProblem.NOT_AN_IMAGE
    located = _GPS_IFD in exif
    try:
        # Before the preview, which shrinks the image in place.
        fingerprint = Fingerprint(hashlib.sha256(data).hexdigest(), _dhash(image, exif))
        kept = _without_gps(image, exif) if located else data
        preview = _preview(image) if _too_big_to_show(data, width, height) else None
    except UNREADABLE:
        return ImageProblem.NOT_AN_IMAGE
    return Picture(
        data=kept,
        width=width,
        height=height,
        format=str(image.format),
        suffix=_SUFFIXES[str(image.format)],
        taken_at=_taken_at(exif),
        located=located,
        received=len(data),
        fingerprint=fingerprint,
        preview=preview,
    )


def _other_image(data: bytes) -> bool:
    """HEIC/HEIF, GIF, TIFF or BMP by their signature: told apart from a PDF so the sender
    learns to send it as a photo, which Telegram converts to JPEG."""
    return data[4:12] in _HEIF_BRANDS or data.startswith(_OTHER_SIGNATURES)


def open_image(data: bytes) -> Image.Image | None:
    """The image's header read, pixels not yet decoded; None for anything but JPEG, PNG, WebP."""
    for opener in _OPENERS:
        try:
            return opener(io.BytesIO(data))
        except UNREADABLE:
            continue
    return None


def square_thumbnail(data: bytes, side: int) -> Image.Image | None:
    """A square centre crop of `side` pixels, upright, in RGB; None if it cannot be read.

    A JPEG is decoded straight at 1/2 to 1/8 scale (draft), which halves the time a phone
    photo takes and leaves a small image to crop and resample; what remains is reading the
    compressed data, which grows with the file.
    """
    try:
        image = open_image(data)
        if image is None or image.width * image.height > DEFAULT_MAX_PIXELS:
            return None
        image.draft("RGB", (side, side))
        upright = ImageOps.exif_transpose(image)
        return ImageOps.fit(_rgb(upright), (side, side), Image.Resampling.LANCZOS)
    except (*UNREADABLE, Image.DecompressionBombError):
        return None


def _rgb(image: Image.Image) -> Image.Image:
    """Transparent parts on white, as Telegram shows them, rather than on black."""
    if not image.has_transparency_data:
        return image.convert("RGB")
    white = Image.new("RGBA", image.size, "white")
    return Image.alpha_composite(white, image.convert("RGBA")).convert("RGB")


def _dhash(image: Image.Image, exif: Image.Exif) -> int:
    """The difference hash of the picture as shown, upright, so a camera file and Telegram's
    upright copy of it agree. Averaging whole patches (BOX) straight from the decoded image
    costs about 25 ms for 12 MP and makes no full-size grayscale copy."""
    orientation = exif.get(_ORIENTATION)
    turn = _UPRIGHT.get(orientation) if isinstance(orientation, int) else None
    turned = turn in _QUARTER_TURNS
    source = image if image.mode in ("L", "RGB") else _rgb(image)
    small = source.resize((ROWS, COLUMNS) if turned else (COLUMNS, ROWS), Image.Resampling.BOX)
    upright = small.transpose(turn) if turn is not None else small
    return difference_hash(upright.convert("L").tobytes())


def _taken_at(exif: Image.Exif) -> datetime | None:
    """DateTimeOriginal is when the shutter fired; DateTime, when the file was last changed, is
    the best guess left when a camera wrote only that. Cameras without a clock write zeros."""
    try:
        candidates = (exif.get_ifd(_EXIF_IFD).get(_DATE_TIME_ORIGINAL), exif.get(_DATE_TIME))
    except UNREADABLE:
        return None
    for value in candidates:
        if isinstance(value, str):
            try:
                return datetime.strptime(value.strip(" \x00"), "%Y:%m:%d %H:%M:%S")
            except ValueError:
                continue
    return None


def _too_big_to_show(data: bytes, width: int, height: int) -> bool:
    return len(data) > PREVIEW_ABOVE_BYTES or max(width, height) > PREVIEW_SIDE * 2


def _preview(image: Image.Image) -> bytes:
    """Upright, at most PREVIEW_SIDE on its longest side, as Telegram compresses photos, and
    without any EXIF: what is shown back to the group carries no location either."""
    # Shrunk in place, as nothing reads the full image after this: no second 60 MP copy.
    # Halving by whole factors first, then one fine resample, is quicker than one.
    image.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE), Image.Resampling.LANCZOS, reducing_gap=2.0)
    upright = ImageOps.exif_transpose(image).convert("RGB")
    out = io.BytesIO()
    upright.save(out, "JPEG", quality=85)
    return out.getvalue()


def _without_gps(image: Image.Image, exif: Image.Exif) -> bytes:
    """Re-encode with the rest of the EXIF (capture time, orientation) but no GPS IFD.

    JPEG keeps its own quantisation tables and subsampling, so the copy loses no visible quality.
    Pillow writes no XMP unless told to, so a location repeated there goes too.
    """
    del exif[_GPS_IFD]
    options: dict[str, Any] = {"exif": exif.tobytes()}
    if icc_profile := image.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    if image.format == "JPEG":
        options |= {"quality": "keep", "progressive": bool(image.info.get("progressive"))}
        if dpi := image.info.get("dpi"):
            options["dpi"] = dpi
    elif image.format == "WEBP":
        options["quality"] = 90
    out = io.BytesIO()
    image.save(out, image.format, **options)
    return out.getvalue()
