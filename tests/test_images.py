"""What the bot accepts as a picture, the capture time it reads, and the copy it keeps."""

from __future__ import annotations

import io
import random
from datetime import datetime

import pytest
from PIL import Image
from PIL.JpegImagePlugin import get_sampling

from bot.adapters.images import DEFAULT_MAX_PIXELS, ImageProblem, Picture, read_picture
from bot.demo.pictures import visit_photo

ORIENTATION, DATE_TIME, DATE_TIME_ORIGINAL = 0x0112, 0x0132, 0x9003
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
GPS = {1: "N", 2: (45.0, 30.0, 0.0), 3: "E", 4: (9.0, 11.0, 0.0)}


def camera_exif(
    *, original: object = None, changed: object = None, gps: bool = False
) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    if changed is not None:
        exif[DATE_TIME] = changed
    if original is not None:
        exif.get_ifd(EXIF_IFD)[DATE_TIME_ORIGINAL] = original
    if gps:
        exif.get_ifd(GPS_IFD).update(GPS)
    return exif


def encode(
    fmt: str = "JPEG", size: tuple[int, int] = (64, 48), mode: str = "RGB", **options: object
) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "teal" if mode == "RGB" else 0).save(buffer, fmt, **options)
    return buffer.getvalue()


def picture(data: bytes, **options: int) -> Picture:
    result = read_picture(data, **options)
    assert isinstance(result, Picture)
    return result


@pytest.mark.parametrize(("fmt", "suffix"), [("JPEG", ".jpg"), ("PNG", ".png"), ("WEBP", ".webp")])
def test_jpeg_png_and_webp_are_pictures(fmt: str, suffix: str) -> None:
    result = picture(encode(fmt, (64, 48)))
    assert (result.format, result.suffix, result.width, result.height) == (fmt, suffix, 64, 48)


def test_an_iphone_mpo_is_a_jpeg() -> None:
    second = Image.new("RGB", (64, 48), "red")
    result = picture(encode("MPO", save_all=True, append_images=[second]))
    assert (result.format, result.suffix) == ("JPEG", ".jpg")


def test_a_compressed_photo_has_no_capture_time_and_is_kept_byte_for_byte() -> None:
    data = encode("JPEG")
    result = picture(data)
    assert result.data == data
    assert result.taken_at is None
    assert not result.located


def test_the_capture_time_is_exif_date_time_original() -> None:
    exif = camera_exif(original="2026:07:20 10:15:00", changed="2026:07:21 08:00:00")
    assert picture(encode(exif=exif)).taken_at == datetime(2026, 7, 20, 10, 15)


def test_without_date_time_original_the_capture_time_is_exif_date_time() -> None:
    exif = camera_exif(changed="2026:07:21 08:00:00")
    assert picture(encode(exif=exif)).taken_at == datetime(2026, 7, 21, 8, 0)


@pytest.mark.parametrize(
    "value", ["0000:00:00 00:00:00", "    :  :     :  :  ", "2026:13:45 99:00:00", "yesterday", 7]
)
def test_a_malformed_capture_time_is_no_capture_time(value: object) -> None:
    result = picture(encode(exif=camera_exif(original=value, changed=value)))
    assert result.taken_at is None


def test_a_picture_without_gps_is_kept_unchanged_with_its_exif() -> None:
    data = encode(exif=camera_exif(original="2026:07:20 10:15:00"))
    result = picture(data)
    assert result.data == data
    assert not result.located


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_gps_is_removed_but_the_capture_time_is_kept(fmt: str) -> None:
    data = encode(fmt, (64, 48), exif=camera_exif(original="2026:07:20 10:15:00", gps=True))
    assert GPS_IFD in Image.open(io.BytesIO(data)).getexif()  # the test image really has GPS

    result = picture(data)

    assert result.located
    kept = Image.open(io.BytesIO(result.data))
    exif = kept.getexif()
    assert GPS_IFD not in exif
    assert exif.get_ifd(GPS_IFD) == {}
    assert exif[ORIENTATION] == 6
    assert exif.get_ifd(EXIF_IFD)[DATE_TIME_ORIGINAL] == "2026:07:20 10:15:00"
    assert (kept.format, kept.size) == (fmt, (64, 48))
    assert picture(result.data).taken_at == datetime(2026, 7, 20, 10, 15)


def test_a_jpeg_stripped_of_gps_keeps_its_quality_and_subsampling() -> None:
    data = encode(quality=60, subsampling="4:4:4", exif=camera_exif(gps=True))
    kept = Image.open(io.BytesIO(picture(data).data))
    original = Image.open(io.BytesIO(data))
    assert kept.quantization == original.quantization
    assert get_sampling(kept) == get_sampling(original) == 0  # 4:4:4
    assert kept.getexif()[ORIENTATION] == 6


def test_a_header_claiming_too_many_pixels_is_refused_before_decoding() -> None:
    header_and_a_little = encode("PNG", (20_000, 20_000), mode="1")[:60]
    assert read_picture(header_and_a_little) is ImageProblem.TOO_MANY_PIXELS


def test_the_limit_is_on_width_times_height() -> None:
    data = encode("PNG", (100, 100))
    assert read_picture(data, max_pixels=9_999) is ImageProblem.TOO_MANY_PIXELS
    assert isinstance(read_picture(data, max_pixels=10_000), Picture)


def test_an_image_pillow_calls_a_bomb_is_simply_too_many_pixels() -> None:
    # 400 MP: Image.open() would raise DecompressionBombError, 100 MP would warn (an error here).
    for size in [(20_000, 20_000), (10_000, 10_000)]:
        assert read_picture(encode("PNG", size, mode="1")) is ImageProblem.TOO_MANY_PIXELS


def test_a_limit_above_pillows_own_lets_a_big_picture_through_without_warning() -> None:
    # 95 MP is above Pillow's default limit (~89.5 MP), where Image.open() would warn.
    result = picture(encode("PNG", (10_000, 9_500), mode="1"), max_pixels=100_000_000)
    assert (result.width, result.height) == (10_000, 9_500)


def test_the_default_limit_accepts_a_50_megapixel_phone_photo() -> None:
    assert 8160 * 6120 <= 8192 * 6144 <= DEFAULT_MAX_PIXELS


def truncated_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 64).convert("RGB").save(buffer, "JPEG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(random.Random(0).randbytes(4096), id="random bytes"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", id="pdf"),
        pytest.param("今日战报：开户 3 户\n".encode(), id="text"),
        pytest.param(b"PK\x03\x04" + bytes(26), id="zip"),
        pytest.param(truncated_jpeg(), id="truncated jpeg"),
        pytest.param(b"\xff\xd8\xff\xe0", id="jpeg magic only"),
    ],
)
def test_bytes_that_are_not_a_whole_picture_are_not_an_image(data: bytes) -> None:
    assert read_picture(data) is ImageProblem.NOT_AN_IMAGE


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_images_in_a_format_not_kept(fmt: str) -> None:
    assert read_picture(encode(fmt)) is ImageProblem.UNSUPPORTED


def test_an_iphone_heic_file_is_an_image_in_a_format_not_kept() -> None:
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)

    assert read_picture(heic) is ImageProblem.UNSUPPORTED


def test_a_big_camera_file_gets_a_small_upright_preview_without_exif() -> None:
    data = visit_photo(1, taken_at=datetime(2026, 7, 27, 10), located=True, size=4000)

    picture = read_picture(data)

    assert isinstance(picture, Picture)
    assert picture.preview is not None
    with Image.open(io.BytesIO(picture.preview)) as preview:
        assert max(preview.size) == 1280
        assert not preview.getexif()


def test_a_photo_of_telegrams_size_needs_no_preview() -> None:
    picture = read_picture(visit_photo(1, size=1280))

    assert isinstance(picture, Picture)
    assert picture.preview is None
