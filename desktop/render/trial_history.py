"""The trial history chart without Qt: status styles, where each point goes, the tooltip and the text
alternative. The widget measures text and paints; everything it places comes from `layout_history`.

One lane per phase (phase order, "phase not stated" last). Where any trial has a posted date, x is a
time axis and trials with no date sit in a "date not stated" strip at the right end of their lane;
where none has one, each lane is a row of markers grouped by status. Markers that would overlap stack
across the lane, so a burst of trials in one month reads as a column, not as one dot.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from ..ingest.clean import phase_rank
from ..labels import phase_label, worded
from ..store.results import NOT_LINKED, NOT_STATED, TrialHistory, TrialPoint
from .html import esc


@dataclass(frozen=True)
class StatusStyle:
    """How a status is drawn: a marker shape per group (so colour is never the only cue), an Okabe–Ito
    colour with a lighter variant for dark backgrounds, and solid or hollow to tell two statuses of one
    colour apart."""

    group: str
    shape: str  # "triangle" (stopped early), "circle" (ended), "square" (open or under way), "ring" (unknown)
    light: str
    dark: str
    hollow: bool = False


_STOPPED = ("stopped early", "triangle")
_ENDED = ("ended", "circle")
_OPEN = ("open or under way", "square")
_UNKNOWN = ("unknown", "ring")
_VERMILLION, _PURPLE, _ORANGE = ("#D55E00", "#FF8C42"), ("#CC79A7", "#E89AC7"), ("#E69F00", "#F0B840")
_BLUE, _GREEN, _SKY = ("#0072B2", "#4DA6E0"), ("#009E73", "#2FC496"), ("#56B4E9", "#7CC8F2")
_YELLOW = ("#E0CC00", "#F0E442")  # Okabe–Ito yellow, a shade deeper on light backgrounds
_GREY = ("#7F7F7F", "#A0A0A0")
# In legend order: the statuses that end a trial early first, so a wave of terminations leads.
STATUS_STYLES: dict[str | None, StatusStyle] = {
    "Terminated": StatusStyle(*_STOPPED, *_VERMILLION),
    "Withdrawn": StatusStyle(*_STOPPED, *_PURPLE),
    "Suspended": StatusStyle(*_STOPPED, *_ORANGE),
    "Temporarily halted": StatusStyle(*_STOPPED, *_ORANGE, hollow=True),
    "Completed": StatusStyle(*_ENDED, *_BLUE),
    "Ended": StatusStyle(*_ENDED, *_BLUE, hollow=True),
    "Active, not recruiting": StatusStyle(*_OPEN, *_GREEN),
    "Ongoing": StatusStyle(*_OPEN, *_GREEN, hollow=True),
    "Recruiting": StatusStyle(*_OPEN, *_SKY),
    "Not yet recruiting": StatusStyle(*_OPEN, *_SKY, hollow=True),
    "Authorised": StatusStyle(*_OPEN, *_YELLOW),
    "Enrolling by invitation": StatusStyle(*_OPEN, *_YELLOW, hollow=True),
    "Unknown": StatusStyle(*_UNKNOWN, *_GREY),
    None: StatusStyle(*_UNKNOWN, *_GREY, hollow=True),
}
# The registries' rarer statuses, drawn as the status they are closest to (the legend and tooltips still
# name them): a chart of fourteen distinct looks is already as many as a reader can tell apart.
DRAWN_AS = {
    "Prematurely ended": "Terminated", "Stopped": "Terminated", "Stopped early": "Terminated",
    "Not authorised": "Withdrawn", "Revoked": "Withdrawn", "Cancelled": "Withdrawn", "Expired": "Withdrawn",
    "Halted": "Temporarily halted", "Restarted": "Ongoing",
    "Closed: follow-up complete": "Completed",
    "No longer recruiting": "Active, not recruiting", "Ongoing, recruitment ended": "Active, not recruiting",
    "Closed: follow-up continuing": "Active, not recruiting",
    "Ongoing, recruiting": "Recruiting", "Ongoing, not yet recruiting": "Not yet recruiting",
    "Available": "Unknown", "No longer available": "Unknown", "Temporarily not available": "Unknown",
    "Approved for marketing": "Unknown", "Withheld": "Unknown",
}
STATUS_NOT_STATED = "Status not stated"
_STATUS_ORDER = {status: number for number, status in enumerate(STATUS_STYLES)}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def status_style(status: str | None) -> StatusStyle:
    return STATUS_STYLES.get(DRAWN_AS.get(status, status), STATUS_STYLES["Unknown"])


def status_name(status: str | None) -> str:
    return status or STATUS_NOT_STATED


def status_counts(points: Sequence[TrialPoint]) -> list[tuple[str | None, int]]:
    """(status, count) for the statuses present, in legend order."""
    counts = Counter(point.status for point in points)
    return sorted(counts.items(), key=lambda item: (_STATUS_ORDER.get(item[0], len(_STATUS_ORDER)), item[0] or ""))


def lane_label(phase: str | None) -> str:
    return phase_label(phase) if phase else "Phase not stated"


def phase_order(phases) -> list[str | None]:
    """Distinct phases in phase order, "not stated" (None) last."""
    return sorted(set(phases), key=lambda phase: (phase is None, phase_rank(phase) or 0.0, phase or ""))


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True)
class Lane:
    phase: str | None
    label: str
    count: int
    top: float
    bottom: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class HistoryLayout:
    """Pixel positions for one size. `positions[i]` is the centre of `points[i]`; `order` lists the
    point indices left to right (then top to bottom), the order keyboard focus moves in."""

    lanes: tuple[Lane, ...]
    positions: tuple[tuple[float, float], ...]
    order: tuple[int, ...]
    dated: bool
    axis: tuple[float, float] | None      # x range of the time axis
    undated: tuple[float, float] | None   # x range of the "date not stated" strip
    ticks: tuple[Tick, ...]
    first: date | None = None
    last: date | None = None
    overlaps: int = 0  # markers drawn over another because their lane had no room left there


# How the chart names each date it can place trials by (store.trial_queries.PLACED_BY).
# (what a trial did then, what the date is called)
DATE_WORDS = {"posted": ("posted", "posted date"), "start": ("started", "start date")}


def placed_date(point: TrialPoint, by: str = "posted") -> date | None:
    """The date a point is placed by, as a date: an ISO day, or a month ("2023-03", as registries give start
    dates) placed at its first day; None where the sources give none."""
    value = getattr(point, by)
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else date.fromisoformat(f"{value[:7]}-01")
    except ValueError:
        return None



def layout_history(points: Sequence[TrialPoint], plot: Box, pitch: float, strip_min: float = 0.0,
                   tick_min: float = 48.0, by: str = "posted") -> HistoryLayout:
    """Where each point goes in `plot`, x by its date `by`: markers `pitch` apart, the undated strip at
    least `strip_min` wide, year (or month) ticks at least `tick_min` apart."""
    phases = phase_order(p.phase for p in points)
    lane_height = plot.height / max(1, len(phases))
    counts = Counter(p.phase for p in points)
    lanes = tuple(Lane(ph, lane_label(ph), counts[ph], plot.top + n * lane_height, plot.top + (n + 1) * lane_height)
                  for n, ph in enumerate(phases))
    lane_of = {lane.phase: lane for lane in lanes}
    rows = max(1, int((lane_height - 2) // pitch))  # markers that fit across a lane
    dates = [placed_date(p, by) for p in points]
    positions: list[tuple[float, float]] = [(0.0, 0.0)] * len(points)
    overlaps = 0

    def stack_y(lane: Lane, slot: int) -> float:
        """Row `slot` of a lane: the centre first, then alternately below and above; past the lane's
        room markers overlap."""
        slot %= rows
        offset = (slot + 1) // 2 * (1 if slot % 2 else -1)
        centre = (lane.top + lane.bottom) / 2 - (pitch / 2 if rows % 2 == 0 else 0.0)
        return centre + offset * pitch

    def pack(indices: list[int], left: float, width: float) -> None:
        """A lane's markers in rows from the centre outwards, grouped by status."""
        nonlocal overlaps
        columns = max(1, int(width // pitch))
        for lane in lanes:
            mine = sorted((i for i in indices if points[i].phase == lane.phase),
                          key=lambda i: (_STATUS_ORDER.get(points[i].status, len(_STATUS_ORDER)), points[i].key))
            for n, i in enumerate(mine):
                positions[i] = (left + pitch / 2 + (n % columns) * pitch, stack_y(lane, n // columns))
            overlaps += max(0, len(mine) - columns * rows)

    dated_indices = [i for i, d in enumerate(dates) if d is not None]
    undated_indices = [i for i, d in enumerate(dates) if d is None]
    if not dated_indices:
        pack(undated_indices, plot.left, plot.width)
        return HistoryLayout(lanes, tuple(positions), _reading_order(positions), False, None, None, (),
                             overlaps=overlaps)

    undated: tuple[float, float] | None = None
    axis_right = plot.right
    if undated_indices:
        per_lane = max(Counter(points[i].phase for i in undated_indices).values())
        wanted = max(strip_min, -(-per_lane // rows) * pitch + pitch)
        strip = min(wanted, max(strip_min, plot.width * 0.3))
        undated = (plot.right - strip, plot.right)
        axis_right = undated[0] - pitch
        pack(undated_indices, undated[0], strip)
    axis = (plot.left + pitch / 2, axis_right - pitch / 2)
    first = min(dates[i] for i in dated_indices)
    last = max(dates[i] for i in dated_indices)
    start, end, ticks = _time_scale(first, last, axis, tick_min)
    span = (end - start).days

    def x_of(day: date) -> float:
        return axis[0] + (day - start).days / span * (axis[1] - axis[0])

    # Left to right, each marker takes the row nearest the lane's centre that is free at its x;
    # only the last marker of each row can be in the way, so this is linear in the points.
    row_ends: dict[str | None, list[float]] = {lane.phase: [float("-inf")] * rows for lane in lanes}
    for i in sorted(dated_indices, key=lambda i: (dates[i], points[i].key)):
        x, ends = x_of(dates[i]), row_ends[points[i].phase]
        slot = next((n for n in range(rows) if ends[n] <= x - pitch), None)
        if slot is None:  # the lane is full here: overlap where the overlap is least
            slot = min(range(rows), key=lambda n: ends[n])
            overlaps += 1
        ends[slot] = x
        positions[i] = (x, stack_y(lane_of[points[i].phase], slot))
    return HistoryLayout(lanes, tuple(positions), _reading_order(positions), True, axis, undated,
                         tuple(Tick(x_of(day), label) for day, label in ticks), first, last, overlaps)


def _reading_order(positions: Sequence[tuple[float, float]]) -> tuple[int, ...]:
    return tuple(sorted(range(len(positions)), key=lambda i: (round(positions[i][0], 1), positions[i][1])))


def _time_scale(first: date, last: date, axis: tuple[float, float], tick_min: float
                ) -> tuple[date, date, list[tuple[date, str]]]:
    """Whole years around the dates (whole months under two years), and ticks no closer than `tick_min`."""
    room = max(1.0, axis[1] - axis[0])
    if (last - first).days >= 730:
        start, end = date(first.year, 1, 1), date(last.year + 1, 1, 1)
        years = end.year - start.year
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if room * s / years >= tick_min or s == 100)
        return start, end, [(date(y, 1, 1), str(y)) for y in range(start.year, end.year + 1, step)]
    start = date(first.year, first.month, 1)
    end_month = last.year * 12 + last.month  # the month after `last`, counted from year 0
    end = date(end_month // 12, end_month % 12 + 1, 1)
    months = end_month - (start.year * 12 + start.month - 1)
    step = next(s for s in (1, 2, 3, 6, 12) if room * s / months >= tick_min or s == 12)
    ticks = []
    for n in range(0, months + 1, step):
        month = start.year * 12 + start.month - 1 + n
        day = date(month // 12, month % 12 + 1, 1)
        ticks.append((day, f"{MONTHS[day.month - 1]} {day.year}"))
    return start, end, ticks


def tooltip_html(point: TrialPoint) -> str:
    """The hover text: which trial, and its phase, status and date as the source wrote them (a registry's code
    beside the value it stands for, as the trial dialog shows it)."""
    phase, status = _worded(point)
    rows = (("Drug", point.drug or NOT_LINKED), ("Phase", phase), ("Status", status),
            ("Posted", point.posted_text), *((("Start", point.start_text or point.start),) if point.start else ()))
    lines = [f"<b>{esc(point.label)}</b>"]
    if point.title and point.title != point.label:
        lines.append(esc(point.title))
    lines += [f"{name}: {esc(value) if value else '<i>' + NOT_STATED + '</i>'}" for name, value in rows]
    return "<br>".join(lines)


def point_text(point: TrialPoint) -> str:
    """One point in words, for screen readers and the status line."""
    phase, status = _worded(point)
    return (f"{point.label}: {phase or 'phase ' + NOT_STATED}, {status or 'status ' + NOT_STATED}, "
            f"posted {point.posted_text or NOT_STATED}")


def _worded(point: TrialPoint) -> tuple[str | None, str | None]:
    return worded("phase", point.phase, point.phase_text), worded("status", point.status, point.status_text)


def describe(history: TrialHistory) -> str:
    """The picture in words: how many trials, over which years, by status and by phase."""
    points = history.points
    if not points:
        return "No trials to chart."
    verb, noun = DATE_WORDS[history.by]
    shown = f"{len(points):,} trials" if not history.truncated else \
        f"{len(points):,} most recently {verb} of {history.total:,} trials"
    dates = sorted(d for d in (placed_date(p, history.by) for p in points) if d is not None)
    if not dates:
        when = f"none with a {noun}"
    else:
        years = str(dates[0].year) if dates[0].year == dates[-1].year else f"{dates[0].year}–{dates[-1].year}"
        undated = len(points) - len(dates)
        when = f"{len(dates):,} {verb} {years}" + (f", {undated:,} with no {noun}" if undated else "")
    by_status = ", ".join(f"{status_name(s)} {n:,}" for s, n in status_counts(points))
    phases = Counter(p.phase for p in points)
    by_phase = ", ".join(f"{lane_label(phase)} {phases[phase]:,}" for phase in phase_order(phases))
    return f"{shown}; {when}. By status: {by_status}. By phase: {by_phase}."
