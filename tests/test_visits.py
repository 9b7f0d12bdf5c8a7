"""Visit photos as evidence, in plain data: the day a photo is for, old photos, tallies."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.catalogue import Catalogue
from bot.domain.visits import is_stale, named_branch, photo_day, spread, tally

SENT = date(2026, 7, 28)


def test_a_photo_is_for_the_day_it_was_sent() -> None:
    assert photo_day("走访照片", SENT) == SENT


def test_a_caption_date_names_the_day_of_a_late_photo() -> None:
    assert photo_day("7月27日 走访照片", SENT) == date(2026, 7, 27)
    assert photo_day("昨天走访 商户3户", SENT) == date(2026, 7, 27)


def test_a_caption_date_without_a_year_is_the_nearest_such_day_as_in_reports() -> None:
    assert photo_day("12月31日 走访", date(2027, 1, 2)) == date(2026, 12, 31)


def test_a_caption_date_yet_to_come_leaves_the_photo_on_the_day_it_was_sent() -> None:
    assert photo_day("7月30日 走访", SENT) == SENT


def test_an_impossible_caption_date_is_ignored() -> None:
    assert photo_day("7月32日 走访", SENT) == SENT


def test_a_date_right_after_the_branch_counts_too(catalogue: Catalogue) -> None:
    assert photo_day("正阳 7月26日 走访照片", SENT, catalogue.branches) == date(2026, 7, 26)
    assert photo_day("【正阳营业所】7月26日走访", SENT, catalogue.branches) == date(2026, 7, 26)


def test_only_a_date_at_the_head_of_a_caption_counts() -> None:
    assert photo_day("走访 幸福小区5号 商户3户", SENT) == SENT
    assert photo_day("【7月27日】走访照片", SENT) == date(2026, 7, 27)


def test_a_photo_without_a_capture_time_is_never_stale() -> None:
    assert not is_stale(None, SENT, 3)


def test_a_photo_taken_more_than_the_allowed_days_before_is_stale() -> None:
    assert is_stale(datetime(2026, 7, 24, 23, 59), SENT, 3)
    assert not is_stale(datetime(2026, 7, 25, 0, 0), SENT, 3)


def test_the_branch_a_caption_names_first_is_found_by_any_spelling(
    catalogue: Catalogue,
) -> None:
    found = named_branch("利民 走访，和姜家一起", catalogue.branches)
    assert found is not None
    assert found.name == "利民城营业所"
    assert named_branch("走访照片", catalogue.branches) is None


def test_a_tally_counts_photos_per_branch_and_day() -> None:
    days = [date(2026, 7, 27), SENT]
    counted = tally([("正阳", SENT), ("正阳", SENT), ("姜家", date(2026, 7, 27))], days)

    assert counted.of("正阳", SENT) == 2
    assert counted.total("正阳") == 2
    assert counted.days_without("正阳", days) == 1


def test_spreading_puts_every_groups_first_photo_before_any_second() -> None:
    photos = [("正阳", 1), ("正阳", 2), ("正阳", 3), ("姜家", 1), ("东城", 1), ("东城", 2)]

    assert spread(photos, lambda photo: photo[0]) == [
        ("正阳", 1), ("姜家", 1), ("东城", 1), ("正阳", 2), ("东城", 2), ("正阳", 3),
    ]  # fmt: skip
