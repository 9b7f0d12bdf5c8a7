"""The summary's three charts: from a Summary to the data each chart draws, then to PNGs.

Decides what a chart shows (which branches get a line, which target is the
headline); the drawing itself is bot/rendering/charts.py, left to the caller to run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial

from bot.domain.catalogue import Catalogue
from bot.domain.summary import Summary
from bot.rendering.chart_layout import Drawing
from bot.rendering.charts import (
    REST_COLOUR,
    Bar,
    Panel,
    Series,
    branch_colours,
    completion_chart,
    points_chart,
    trend_chart,
)
from bot.rendering.progress import metric_name, percent, period_label
from bot.rendering.replies import day_label, number
from bot.rendering.texts import Texts

# More branches than this, and the trend shows the leaders plus the others' average.
TREND_LINES = 8


def summary_charts(
    summary: Summary, *, texts: Texts, catalogue: Catalogue, main_metrics: Sequence[str], font: str
) -> list[Drawing]:
    """The points, trend and (when the month has targets) completion charts, each ready to
    draw: a caller draws them side by side (usecases.composing.drawn)."""
    colours = branch_colours([b.name for b in catalogue.branches])
    period = period_label(summary.period, texts)
    subtitle = texts("chart.subtitle", period=period, through=day_label(summary.through, texts))
    gap = _gap(texts)
    charts: list[Drawing] = [
        partial(
            points_chart,
            title=texts(f"chart.points.title.{summary.period.kind.value}"),
            subtitle=subtitle,
            bars=[
                Bar(
                    label=row.branch,
                    value=row.value,
                    colour=colours[row.branch],
                    target=summary.points_targets.get(row.branch),
                    value_text=number(row.value),
                )
                for row in summary.ranking
            ],
            target_label=texts("chart.points.target"),
            gap_label=gap,
            font=font,
        ),
        partial(
            trend_chart,
            title=texts("chart.trend.title"),
            subtitle=subtitle,
            days=[_day(day, texts) for day in _days(summary)],
            panels=trend_panels(summary, texts, catalogue, main_metrics, colours),
            font=font,
        ),
    ]
    if summary.headline is not None:
        charts.append(_completion(summary, summary.headline, texts, catalogue, colours, font))
    return charts


def _gap(texts: Texts) -> Callable[[int], str]:
    return lambda count: texts("chart.gap", count=count)


def _days(summary: Summary) -> list[date]:
    return [day for day in summary.period.days() if day <= summary.through]


def _day(day: date, texts: Texts) -> str:
    return texts(
        "chart.day", month=day.month, day=day.day, weekday=texts(f"weekday.{day.weekday()}")
    )


def trend_panels(
    summary: Summary,
    texts: Texts,
    catalogue: Catalogue,
    main_metrics: Sequence[str],
    colours: dict[str, str],
) -> list[Panel]:
    """One panel per main metric; a line per branch, or for many branches the leaders by
    points and the average of the rest, so the chart stays readable. The average is of
    those of the rest who reported that day, as a branch's line is of the days it did: a
    weekend or holiday no one reported is a gap, not a fall to 0."""
    ranked = [row.branch for row in summary.ranking]
    shown = ranked if len(ranked) <= TREND_LINES else ranked[: TREND_LINES - 1]
    rest = [branch for branch in ranked if branch not in shown]
    days = _days(summary)
    panels = []
    for key in main_metrics:
        metric = catalogue.metric(key)

        def value(branch: str, day: date, key: str = key) -> float | None:
            # A branch that reported leaves out what it did not do: 0, not a gap.
            reported = summary.figures.get(day, {}).get(branch)
            return reported.get(key, 0.0) if reported else None

        series = [
            Series(branch, colours[branch], tuple(value(branch, day) for day in days))
            for branch in shown
        ]
        if rest:
            average = tuple(_average([value(b, day) for b in rest]) for day in days)
            label = texts("chart.trend.rest", count=len(rest))
            series.append(Series(label, REST_COLOUR, average))
        title = texts("chart.unit", metric=metric.name, unit=metric.unit)
        panels.append(Panel(title, tuple(series)))
    return panels


def _average(values: Sequence[float | None]) -> float | None:
    reported = [value for value in values if value is not None]
    return sum(reported) / len(reported) if reported else None


def _completion(
    summary: Summary,
    metric: str,
    texts: Texts,
    catalogue: Catalogue,
    colours: dict[str, str],
    font: str,
) -> Drawing:
    rows = sorted(
        (p for p in summary.month_progress if p.metric == metric), key=lambda p: -p.completion
    )
    time = rows[0].time_progress
    month = period_label(rows[0].period, texts)
    return partial(
        completion_chart,
        title=texts("chart.completion.title", metric=metric_name(metric, texts, catalogue)),
        subtitle=texts("chart.subtitle", period=month, through=day_label(summary.through, texts)),
        bars=[
            Bar(
                label=p.branch,
                value=p.completion,
                colour=colours[p.branch],
                value_text=percent(p.completion),
                flagged=p.behind,
            )
            for p in rows
        ],
        time_progress=time,
        time_label=texts("chart.completion.time", time=percent(time)),
        gap_label=_gap(texts),
        font=font,
    )
