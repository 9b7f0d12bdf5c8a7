"""Visit photos in words: the answer to an album and the weekly table, as plain text."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from bot.domain.catalogue import Branch, Catalogue
from bot.domain.visit_outcomes import (
    Lookalike,
    OnlyRepeats,
    PhotoProblem,
    PhotosRefused,
    Repeat,
    VisitTaken,
)
from bot.domain.visits import tally
from bot.rendering.texts import Texts
from bot.rendering.visits import visit_reply, week_lines

ZH = Texts("zh-CN")
MONDAY = date(2026, 7, 27)
WEEK = [MONDAY + timedelta(days=n) for n in range(5)]


def test_an_album_is_answered_in_one_line_with_its_total(catalogue: Catalogue) -> None:
    taken = VisitTaken(visit_id=1, branch="正阳营业所", day=MONDAY, added=3, total=3)

    assert visit_reply(taken, ZH, catalogue, stale_days=3) == "正阳 7月27日 走访照片 3张 ✓"


def test_each_kind_of_refusal_is_counted_on_its_own_line(catalogue: Catalogue) -> None:
    refused = PhotosRefused((PhotoProblem.TOO_BIG, PhotoProblem.NOT_AN_IMAGE, PhotoProblem.TOO_BIG))

    assert visit_reply(refused, ZH, catalogue, stale_days=3) == (
        "❌ 未保存：\n2个文件超过20MB，未保存，请压缩后再发\n1个文件不是图片，未保存"
    )


def test_a_branch_no_longer_configured_keeps_its_full_name(catalogue: Catalogue) -> None:
    repeat = OnlyRepeats((Repeat("北关营业所", MONDAY),))

    assert visit_reply(repeat, ZH, catalogue, stale_days=3) == (
        "♻️ 1张以前发过（北关营业所 7月27日），不重复计数"
    )


def test_past_thirty_branches_the_week_lists_only_who_missed_days(catalogue: Catalogue) -> None:
    branches = tuple(Branch(f"网点{i:02}营业所", f"网点{i:02}") for i in range(1, 32))
    many = dataclasses.replace(catalogue, branches=branches)
    photos = [(branch.name, day) for branch in branches[2:] for day in WEEK]
    photos += [("网点02营业所", MONDAY)]

    lines = week_lines(tally(photos, WEEK), WEEK, (), ZH, many, stale_days=3)

    assert lines[1:] == ["29个网点每个工作日都有照片；2个网点有缺：", "网点01 缺5天、网点02 缺4天"]


def test_old_photos_are_listed_by_branch_and_day(catalogue: Catalogue) -> None:
    stale = [("正阳营业所", MONDAY), ("正阳营业所", MONDAY), ("北关营业所", MONDAY)]

    lines = week_lines(tally([], WEEK), WEEK, stale, ZH, catalogue, stale_days=3)

    assert lines[-1] == "⚠️ 旧照片（拍摄早于3天前）：正阳 7月27日 2张、北关营业所 7月27日 1张"


def test_pictures_known_by_content_are_answered_with_their_days(catalogue: Catalogue) -> None:
    repeats = (
        Repeat("正阳营业所", MONDAY, alike=True),
        Repeat("正阳营业所", MONDAY - timedelta(3), alike=True),
    )

    assert visit_reply(OnlyRepeats(repeats), ZH, catalogue, stale_days=3) == (
        "♻️ 2张与7月24日、7月27日的照片相同，不重复计数"
    )


def test_a_file_sent_before_and_a_picture_known_by_content_get_a_line_each(
    catalogue: Catalogue,
) -> None:
    repeats = (Repeat("姜家营业所", MONDAY), Repeat("正阳营业所", MONDAY, alike=True))

    assert visit_reply(OnlyRepeats(repeats), ZH, catalogue, stale_days=3) == (
        "♻️ 1张以前发过（姜家 7月27日），不重复计数\n♻️ 1张与7月27日的照片相同，不重复计数"
    )


def test_photos_another_branch_sent_before_are_counted_by_branch_and_day(
    catalogue: Catalogue,
) -> None:
    earlier = MONDAY - timedelta(days=4)
    seen = [Lookalike("西环路营业所", MONDAY, "正阳营业所", earlier)] * 2

    lines = week_lines(tally([], WEEK), WEEK, (), ZH, catalogue, stale_days=3, lookalikes=seen)

    assert lines[-1] == "⚠️ 西环路 7月27日的2张照片与正阳 7月23日的相同"


def test_in_english_a_photo_another_branch_sent_before_reads_as_a_sentence(
    catalogue: Catalogue,
) -> None:
    seen = [Lookalike("西环路营业所", MONDAY, "正阳营业所", MONDAY - timedelta(days=4))]

    lines = week_lines(
        tally([], WEEK), WEEK, (), Texts("en"), catalogue, stale_days=3, lookalikes=seen
    )

    assert lines[-1] == "⚠️ 1 photo(s) of 西环路 on 27 Jul the same as 正阳's of 23 Jul"
