"""The `/pk new` wizard's form, without Telegram: the steps, the answers, and what they make."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.config.settings import Config
from bot.domain.catalogue import Catalogue
from bot.domain.contest_form import (
    DECISIONS,
    NO_REWARD,
    PERIODS,
    SIDES,
    Choice,
    Decision,
    Draft,
    Refusal,
    Step,
    buttons,
    choices,
)
from bot.domain.contest_input import ContestSpec, read_contest
from bot.domain.contests import Rule, Scoring

MANAGER, OTHER_MANAGER = 100001, 100002
STARTED = datetime(2026, 6, 29, 1, 0, tzinfo=UTC)
TODAY = date(2026, 6, 29)


def _new() -> Draft:
    return Draft(MANAGER, STARTED)


def _button(words: str, offered: tuple[Choice, ...]) -> Choice:
    [choice] = [c for c in offered if c.words == words]
    return choice


def _finished(reward: str = "获胜网点每人奖励100元") -> Draft:
    return (
        _new()
        .answered("七月 储蓄赛")
        .answered("7/1-7/31")
        .answered("储蓄,保险")
        .answered("正阳:姜家 四明:东城")
        .answered(reward)
    )


def test_the_steps_ask_name_period_scoring_sides_then_reward() -> None:
    draft, asked = _new(), []
    while draft.step is not None:
        asked.append(draft.step)
        draft = draft.answered("答")

    assert asked == [Step.NAME, Step.PERIOD, Step.SCORING, Step.SIDES, Step.REWARD]


def test_a_new_draft_is_not_complete() -> None:
    assert not _new().complete


def test_five_answers_complete_the_form() -> None:
    assert _finished().complete
    assert _finished().step is None


def test_a_typed_name_loses_its_spaces_to_stay_the_forms_first_word() -> None:
    assert _new().answered(" 七月 储蓄赛 ").answers == ("七月储蓄赛",)


def test_a_typed_answer_after_the_name_keeps_its_spaces_but_not_its_margins() -> None:
    draft = _new().answered("七月储蓄赛").answered(" 7/1 - 7/31 ")

    assert draft.answers == ("七月储蓄赛", "7/1 - 7/31")


def test_a_button_answers_the_step_with_its_words() -> None:
    draft = _new().answered("七月储蓄赛").chosen(_button("本月", PERIODS))

    assert draft.answers == ("七月储蓄赛", "本月")
    assert draft.step is Step.SCORING


def test_answering_leaves_the_earlier_draft_as_it_was() -> None:
    before = _new()

    before.answered("七月储蓄赛")

    assert before.answers == ()


def test_an_answer_waits_for_the_message_that_asks_the_next_step() -> None:
    asked = _new().shown(41)

    answered = asked.answered("七月储蓄赛")

    assert (asked.message_id, answered.message_id) == (41, None)
    assert answered.shown(42).message_id == 42


def test_a_finished_form_takes_no_more_answers() -> None:
    assert _finished().answered("再加一句") == _finished()


def test_the_name_is_typed_so_its_step_has_no_buttons(
    catalogue: Catalogue, example_config: Config
) -> None:
    assert choices(Step.NAME, catalogue, example_config.main_metrics) == ()


def test_the_period_buttons_are_this_and_next_week_and_month(
    catalogue: Catalogue, example_config: Config
) -> None:
    offered = choices(Step.PERIOD, catalogue, example_config.main_metrics)

    assert [c.words for c in offered] == ["本周", "下周", "本月", "下月"]
    assert [c.label for c in offered] == ["this_week", "next_week", "this_month", "next_month"]


def test_the_scoring_buttons_are_points_the_bulletins_metrics_completion_and_the_judged(
    catalogue: Catalogue, example_config: Config
) -> None:
    offered = choices(Step.SCORING, catalogue, example_config.main_metrics)

    assert [c.words for c in offered] == [
        "积分",
        "储蓄",
        "他行揽储",
        "保险",
        "完成率",
        "晨会",
        "服务礼仪",
    ]


def test_a_metrics_button_is_labelled_with_the_metrics_own_name(
    catalogue: Catalogue, example_config: Config
) -> None:
    offered = choices(Step.SCORING, catalogue, example_config.main_metrics)

    assert _button("储蓄", offered).label == ""


def test_the_sides_buttons_pair_by_size_or_make_a_league(
    catalogue: Catalogue, example_config: Config
) -> None:
    assert choices(Step.SIDES, catalogue, example_config.main_metrics) == SIDES
    assert [c.words for c in SIDES] == ["自动", "联赛"]


def test_the_reward_step_offers_no_reward(catalogue: Catalogue, example_config: Config) -> None:
    assert choices(Step.REWARD, catalogue, example_config.main_metrics) == (NO_REWARD,)


def test_a_finished_form_offers_create_and_cancel(
    catalogue: Catalogue, example_config: Config
) -> None:
    assert buttons(_finished(), catalogue, example_config.main_metrics) == DECISIONS
    assert DECISIONS == (Decision.CREATE, Decision.CANCEL)


def test_the_answers_make_the_one_message_form() -> None:
    assert (
        _finished().form
        == "七月储蓄赛 7/1-7/31 储蓄,保险 正阳:姜家 四明:东城 奖励：获胜网点每人奖励100元"
    )


def test_no_reward_leaves_the_reward_out_of_the_form() -> None:
    draft = (
        _new()
        .answered("按钮PK")
        .chosen(_button("本月", PERIODS))
        .answered("储蓄")
        .answered("正阳:姜家 四明:东城")
        .chosen(NO_REWARD)
    )

    assert draft.form == "按钮PK 本月 储蓄 正阳:姜家 四明:东城"


def test_the_assembled_form_reads_as_the_contest_the_answers_describe(
    catalogue: Catalogue,
) -> None:
    spec = read_contest(_finished().form, catalogue=catalogue, today=TODAY)

    assert isinstance(spec, ContestSpec), spec
    assert (spec.name, spec.first, spec.last) == ("七月储蓄赛", date(2026, 7, 1), date(2026, 7, 31))
    assert spec.scoring == Scoring(Rule.METRICS, (("deposit", 1.0), ("insurance", 3.0)))
    pairs = [
        tuple(catalogue.branch(b).short_name for side in match.sides for b in side.branches)
        for match in spec.matches
    ]
    assert pairs == [("正阳", "姜家"), ("四明", "东城")]
    assert spec.reward == "获胜网点每人奖励100元"


def test_a_form_made_of_buttons_reads_as_a_league_of_every_branch(
    catalogue: Catalogue, example_config: Config
) -> None:
    pressed = {Step.PERIOD: "下月", Step.SCORING: "积分", Step.SIDES: "联赛", Step.REWARD: ""}
    draft = _new().answered("夏季联赛")
    while draft.step is not None:
        offered = choices(draft.step, catalogue, example_config.main_metrics)
        draft = draft.chosen(_button(pressed[draft.step], offered))

    spec = read_contest(draft.form, catalogue=catalogue, today=TODAY)

    assert isinstance(spec, ContestSpec), spec
    assert spec.league == tuple(b.name for b in catalogue.branches)
    assert spec.scoring == Scoring(Rule.POINTS)


def test_a_draft_is_good_for_an_hour() -> None:
    assert not _new().expired(STARTED + timedelta(hours=1))


def test_a_draft_expires_after_an_hour() -> None:
    assert _new().expired(STARTED + timedelta(hours=1, seconds=1))


def test_the_starter_may_answer_a_fresh_draft() -> None:
    assert _new().refusal(MANAGER, STARTED + timedelta(minutes=5)) is None


def test_another_manager_may_not_answer_someone_elses_draft() -> None:
    assert _new().refusal(OTHER_MANAGER, STARTED + timedelta(minutes=5)) is Refusal.NOT_YOURS


def test_nobody_may_answer_an_expired_draft_not_even_its_starter() -> None:
    late = STARTED + timedelta(hours=2)

    assert _new().refusal(MANAGER, late) is Refusal.EXPIRED
    assert _new().refusal(OTHER_MANAGER, late) is Refusal.EXPIRED
