"""Line charts of plan indicators, drawn at build time as inline SVG: no JavaScript, no chart library.

A chart is one picture with a text alternative: ``role="img"`` named by its ``<title>`` and
described by its ``<desc>``, a sentence the caller writes with every number in it, so a screen
reader hears the whole chart at once and the SVG's parts stay out of the accessibility tree.
The title is also shown, above the legend. Series differ by shape (hollow circle = baseline,
filled square = result, diamond on a dashed line = target) and by the legend, never by colour
alone: everything is drawn in currentColor, so the chart follows the page's light or dark theme
and prints in black. Years sit at their real spacing (a point's x is proportional to its fiscal
year), the gridlines' numbers carry the unit, and the axis of years says what it counts.

The viewBox is VIEW_WIDTH units wide and the SVG ``width="100%"``, so the page's CSS sets the
size and the chart scales with zoom. VIEW_WIDTH is about the width of a phone's text column
(358 CSS px at 390 px), so text of FONT units stays at least 12 CSS px there.
Text cannot be measured at build time, so its box is estimated from its characters, on the wide
side (DejaVu Sans and Noto Sans CJK, the widest fonts the site is shown in); every text is then
put where its box meets no other text box, marker or the target line: a value's text tries the
places around its point in turn, and when none is free the plot moves down a line to make room
above it and the chart is laid out again.
The module knows no language: every string comes from the caller, already localized.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from .numbers import decimal_text

KINDS = ("baseline", "result", "target")
VIEW_WIDTH = 360  # user units: about a phone's text column in CSS px, so 1 unit ≈ 1 px there
PAD = 6  # empty margin around everything, so nothing touches the edge of the viewBox
FONT = 14
TITLE_FONT = 15
BOLD = 1.12  # bold text is this much wider
ASCENT, DESCENT = 1.16, 0.29  # of the font size: the box a browser gives a line of text (Noto Sans CJK's)
LINE = 21  # from one line's baseline to the next: more than (ASCENT + DESCENT) × FONT, so boxes never touch
GAP = 2  # the least room between two boxes
PLOT_HEIGHT = 170
KEY_WIDTH = 26  # legend: the shape, then the text
LEGEND_GAP = 14
TICK_GAP = 6  # between a gridline's end and its number; between the plot and the years under it
YEAR_TICK = 4  # the little mark under the axis at every fiscal year
MAX_TICK_INTERVALS = 4  # 3 to 5 gridlines including the lowest
MAX_TICK_EM = VIEW_WIDTH * 0.4 / FONT  # a gridline's number in a unit longer than this ends in "…"
NICE_STEPS = (1, 2, 2.5, 5)
CIRCLE_RADIUS = 5
SQUARE_SIDE = 9
DIAMOND_RADIUS = 7
MARKER_GAP = 3  # between a marker and its value's text
GRID_STYLE = 'stroke="#8c8c8c" stroke-opacity="0.5" stroke-width="1"'  # grey reads on light and dark
DASHES = "6 4"
ELLIPSIS = "…"
CHART_ID = re.compile(r"[a-z0-9-]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # not allowed in XML; newlines would not show anyway

# Estimated advance widths in em, on the wide side of the fonts the site is read in.
NARROW = set(" .,:;'!|()[]ijlft")
WIDE_LATIN = set("%mwMW@")

# Basic Japanese line-breaking rules (kinsoku): these never start or end a line.
NO_LINE_START = set(")]}）」』】〕〉》”’、。，．,.:;：；!?！？%％・ー…")
NO_LINE_START |= set("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")  # small kana
NO_LINE_END = set("([{（「『【〔〈《“‘¥￥$")


@dataclass(frozen=True)
class Point:
    year: int  # the fiscal year: where the point stands on the x axis
    value: float
    kind: str  # "baseline" | "result" | "target"
    text: str  # the value as shown, e.g. "53%" or "¥530,000"


@dataclass(frozen=True)
class ChartSpec:
    chart_id: str  # unique in the page, used for id attributes: [a-z0-9-]
    name: str  # the title, shown and the accessible name, e.g. "Chart: Rate of online procedures"
    description: str  # one sentence stating all the numbers, built by the caller
    points: tuple[Point, ...]  # by year; at most one point of kind "target", and it is last
    series_labels: dict[str, str]  # kind -> legend text
    value_format: str = "{}"  # a gridline's number in the unit: "{}%", "¥{}"
    year_unit: str = ""  # what the years under the plot count: "年度", "FY"


def chartable(values: list[float | None]) -> bool:
    """True when there are two or more numbers (baseline, results and target together)."""
    return sum(1 for v in values if _is_number(v)) >= 2


def chart_svg(spec: ChartSpec) -> Markup:
    """The chart as an inline ``<svg>`` element. Raises ValueError for a spec it cannot draw."""
    _check(spec)
    for rows in range(_most_rows(spec) + 1):  # each try leaves one more line of room above the plot
        drawn = _draw(spec, rows * LINE)
        if drawn is not None:
            return drawn
    raise AssertionError(f"{spec.chart_id}: no room for every value's text")  # _most_rows leaves enough


# --- checks -------------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check(spec: ChartSpec) -> None:
    """Refuse specs that would draw a wrong chart rather than draw it."""
    if not CHART_ID.fullmatch(spec.chart_id):
        raise ValueError(f"chart_id must be [a-z0-9-]+: {spec.chart_id!r}")
    kinds = [p.kind for p in spec.points]
    if any(k not in KINDS for k in kinds):
        raise ValueError(f"point kinds must be one of {KINDS}: {kinds}")
    if "target" in kinds and (kinds.count("target") > 1 or kinds[-1] != "target"):
        raise ValueError("at most one target point, and it must be the last")
    if not all(_is_number(p.value) for p in spec.points) or not chartable([p.value for p in spec.points]):
        raise ValueError("a chart needs two or more points, all finite numbers: check chartable() first")
    years = [p.year for p in _data(spec)]
    if years != sorted(years) or not all(isinstance(year, int) for year in years):
        raise ValueError(f"the points' years must be whole fiscal years in order: {years}")
    missing = [k for k in dict.fromkeys(kinds) if k not in spec.series_labels]
    if missing:
        raise ValueError(f"series_labels has no legend text for {missing}")


def _data(spec: ChartSpec) -> list[Point]:
    """The points joined by the line: the baseline and the results, without the target."""
    return [p for p in spec.points if p.kind != "target"]


def _target(spec: ChartSpec) -> Point | None:
    return spec.points[-1] if spec.points[-1].kind == "target" else None


# --- text: escaping, measuring, wrapping ------------------------------------------------------


def _esc(text: str) -> str:
    return str(escape(CONTROL.sub(" ", text)))


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


@lru_cache(maxsize=None)  # a few hundred distinct characters, measured tens of thousands of times
def _char_em(char: str) -> float:
    # Ambiguous-width characters (…, ○, ×) are full width in Japanese fonts: count them wide,
    # since guessing too wide only leaves room, while guessing too narrow overlaps.
    if unicodedata.east_asian_width(char) in ("W", "F", "A") or char in WIDE_LATIN:
        return 1.0
    if char in NARROW:
        return 0.4
    return 0.72 if char.isupper() else 0.64


def _text_em(text: str) -> float:
    return sum(_char_em(c) for c in text)


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Split text into pieces a line may not break inside, each with whether a space preceded it.

    A run of narrow characters (a Latin word, a number) is one piece; each full-width character
    is its own, since Japanese may break between any two, except across the kinsoku characters.
    """
    pieces: list[list] = []
    space = False
    for char in CONTROL.sub(" ", text):
        if char.isspace():
            space = True
            continue
        previous = pieces[-1][0][-1] if pieces else ""
        joins = pieces and not space and (
            char in NO_LINE_START
            or previous in NO_LINE_END
            or not (_is_wide(char) or _is_wide(previous))
        )
        if joins:
            pieces[-1][0] += char
        else:
            pieces.append([char, space])
        space = False
    return [(piece, spaced) for piece, spaced in pieces]


def _split_to_fit(piece: str, max_em: float) -> list[str]:
    """A piece wider than a line is cut between characters: better than overflowing."""
    parts = [""]
    for char in piece:
        if parts[-1] and _text_em(parts[-1] + char) > max_em:
            parts.append("")
        parts[-1] += char
    return parts


def _wrap(text: str, max_em: float, max_lines: int | None = None) -> list[str]:
    """Lines of at most ``max_em`` estimated width; past ``max_lines`` the last ends in "…"."""
    lines: list[str] = []
    current = ""
    for piece, spaced in _pieces(text):
        for part in _split_to_fit(piece, max_em):
            candidate = current + (" " if spaced and current else "") + part
            if current and _text_em(candidate) > max_em:
                lines.append(current)
                candidate = part
            current = candidate
            spaced = False
    if current:
        lines.append(current)
    return _shorten(lines, max_em, max_lines)


def _shorten(lines: list[str], max_em: float, max_lines: int | None) -> list[str]:
    if max_lines is None or len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and _text_em(last + ELLIPSIS) > max_em:
        last = last[:-1]
    return lines[: max_lines - 1] + [last.rstrip() + ELLIPSIS]


# --- boxes: where text and shapes are, so that nothing is put over them ---------------------------


@dataclass(frozen=True)
class _Box:
    left: float
    top: float
    right: float
    bottom: float

    def meets(self, other: _Box) -> bool:
        return (self.left < other.right + GAP and other.left < self.right + GAP
                and self.top < other.bottom + GAP and other.top < self.bottom + GAP)

    def moved_inside(self) -> _Box:
        """Moved sideways just enough to stay inside the viewBox."""
        shift = max(PAD - self.left, min(0.0, VIEW_WIDTH - PAD - self.right))
        return _Box(self.left + shift, self.top, self.right + shift, self.bottom)


def _line(size: float) -> float:
    """From one line's baseline to the next at this size: the title's lines, larger, are further apart."""
    return LINE * size / FONT


def _text_height(lines: int, size: float) -> float:
    return (lines - 1) * _line(size) + (ASCENT + DESCENT) * size


def _text_box(lines: list[str], left: float, top: float, size: float = FONT, widen: float = 1.0) -> _Box:
    width = max(_text_em(line) for line in lines) * size * widen
    return _Box(left, top, left + width, top + _text_height(len(lines), size))


def _text(lines: list[str], box: _Box, size: float = FONT, attributes: str = "") -> str:
    """One <text>, drawn from the left of its box; wrapped lines as <tspan>s, each placed absolutely."""
    x, baseline = _n(box.left), box.top + ASCENT * size
    size_attribute = "" if size == FONT else f' font-size="{size}"'
    start = f'<text x="{x}" y="{_n(baseline)}"{size_attribute}{attributes}>'
    if len(lines) == 1:
        return start + _esc(lines[0]) + "</text>"
    spans = (f'<tspan x="{x}" y="{_n(baseline + i * _line(size))}">{_esc(line)}</tspan>' for i, line in enumerate(lines))
    return start + "".join(spans) + "</text>"


class _Sheet:
    """What has been drawn so far, the boxes that later text must keep clear of, and those it
    had better keep clear of (the target line: a value's text may cross it when it must)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.boxes: list[_Box] = []
        self.soft: list[_Box] = []

    def free(self, box: _Box, strict: bool = False) -> bool:
        return not any(box.meets(placed) for placed in self.boxes + self.soft * strict)

    def draw(self, svg: str, box: _Box | None = None) -> None:
        self.parts.append(svg)
        if box is not None:
            self.boxes.append(box)

    def first_free(self, groups: list[list[_Box]], low: float, high: float) -> _Box | None:
        """The first box inside the viewBox, between ``low`` and ``high``, that meets nothing:
        in each group in turn, one that keeps clear of the soft boxes too, else one that need not."""
        for boxes in groups:
            for strict in (True, False):
                for box in boxes:
                    box = box.moved_inside()
                    if low <= box.top and box.bottom <= high and self.free(box, strict):
                        return box
        return None


# --- numbers and geometry -------------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate with at most 2 decimals and no trailing zeros: small, deterministic output."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _axis_range(values: list[float]) -> tuple[float, float, float]:
    """From 0 (or the lowest negative value) to a rounded maximum, and the gridline step."""
    low, high = min(0.0, *values), max(0.0, *values)
    if low == high:  # every value is 0: any scale will do, but it must not divide by zero
        high = 1.0
    step = _tick_step(low, high)
    return _floor_to(low, step), _ceil_to(high, step), step


def _floor_to(value: float, step: float) -> float:
    return math.floor(value / step + 1e-9) * step  # 1e-9: 60 / 20 must not come out 3.0000000001


def _ceil_to(value: float, step: float) -> float:
    return math.ceil(value / step - 1e-9) * step


def _tick_step(low: float, high: float) -> float:
    """The smallest round step (1, 2, 2.5 or 5 × 10ⁿ) that spans low to high in at most 4 intervals."""
    power = math.floor(math.log10((high - low) / MAX_TICK_INTERVALS))
    for exponent in (power, power + 1):
        for multiple in NICE_STEPS:
            step = multiple * 10.0**exponent
            if round((_ceil_to(high, step) - _floor_to(low, step)) / step) <= MAX_TICK_INTERVALS:
                return step
    return 10.0 ** (power + 2)


@dataclass(frozen=True)
class _Frame:
    """The plot area in viewBox units, the values at its bottom and top, and the years at its sides."""

    left: float
    right: float
    top: float
    bottom: float
    low: float
    high: float
    first_year: int
    last_year: int
    inset: float  # between the plot's sides and the first and last year, for their markers and labels
    ceiling: float  # the legend's bottom: how high a value's text may go

    def x(self, year: int) -> float:
        if self.first_year == self.last_year:
            return (self.left + self.right) / 2
        share = (year - self.first_year) / (self.last_year - self.first_year)
        return self.left + self.inset + share * (self.right - self.left - 2 * self.inset)

    def y(self, value: float) -> float:
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)


# --- drawing --------------------------------------------------------------------------------------


def _most_rows(spec: ChartSpec) -> int:
    """Lines of room above the plot that surely give every value's text a free place over its
    point: another value's text or a marker each block at most five of the places, half a line
    apart, that a text tries over its point."""
    return 5 * len(spec.points) + 4


def _draw(spec: ChartSpec, room: float) -> Markup | None:
    """The chart with ``room`` more units above the plot; None when some value's text found no place."""
    sheet = _Sheet()
    ceiling = _legend(spec, sheet, _title(spec, sheet))
    low, high, step = _axis_range([p.value for p in spec.points])
    ticks = [round(low + i * step, 10) for i in range(round((high - low) / step) + 1)]
    tick_labels = [_shorten(_wrap(spec.value_format.replace("{}", decimal_text(round(t, 9))), MAX_TICK_EM), MAX_TICK_EM, 1)[0]
                   for t in ticks]  # round: no float noise
    left = PAD + max(_text_em(label) for label in tick_labels) * FONT + TICK_GAP
    years = [p.year for p in spec.points]
    inset = max(_text_em(str(max(years))) * FONT / 2, DIAMOND_RADIUS) + GAP
    top = ceiling + _value_room() + room
    frame = _Frame(left, VIEW_WIDTH - PAD, top, top + PLOT_HEIGHT, low, high, min(years), max(years), inset, ceiling)
    _grid(frame, ticks, tick_labels, sheet)
    bottom = _years(spec, frame, sheet)
    _target_line(spec, frame, sheet)
    _series_line(spec, frame, sheet)
    _markers(spec, frame, sheet)
    if not _values(spec, frame, sheet, 2 * _most_rows(spec)):
        return None
    height = bottom + PAD
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plan-chart" role="img"'
        # Named by its title, described by its values (issue 26: both in the name read them twice).
        f' aria-labelledby="{spec.chart_id}-title" aria-describedby="{spec.chart_id}-desc"'
        f' viewBox="0 0 {VIEW_WIDTH} {_n(height)}" width="100%" preserveAspectRatio="xMinYMin meet"'
        f' font-size="{FONT}" fill="currentColor">'
        f'<title id="{spec.chart_id}-title">{_esc(spec.name)}</title>'
        f'<desc id="{spec.chart_id}-desc">{_esc(spec.description)}</desc>' + "".join(sheet.parts) + "</svg>"
    )


def _value_room() -> float:
    """Above the plot: a value's text over a point at the very top."""
    return DIAMOND_RADIUS + MARKER_GAP + (ASCENT + DESCENT) * FONT


def _title(spec: ChartSpec, sheet: _Sheet) -> float:
    """The chart's name, shown in bold at the top; where the next thing may start."""
    lines = _wrap(spec.name, (VIEW_WIDTH - 2 * PAD) / TITLE_FONT / BOLD) or [""]  # whole, however long
    box = _text_box(lines, PAD, PAD, TITLE_FONT, BOLD)
    sheet.draw(_text(lines, box, TITLE_FONT, ' font-weight="bold" class="plan-chart-title"'), box)
    return box.bottom + 2 * GAP


def _marker(kind: str, cx: float, cy: float) -> str:
    """The shape of each series: the way they differ without colour."""
    if kind == "baseline":
        return (f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{CIRCLE_RADIUS}"'
                ' fill="none" stroke="currentColor" stroke-width="2"/>')
    if kind == "result":
        half = SQUARE_SIDE / 2
        return f'<rect x="{_n(cx - half)}" y="{_n(cy - half)}" width="{SQUARE_SIDE}" height="{SQUARE_SIDE}"/>'
    r = DIAMOND_RADIUS
    corners = f"{_n(cx)},{_n(cy - r)} {_n(cx + r)},{_n(cy)} {_n(cx)},{_n(cy + r)} {_n(cx - r)},{_n(cy)}"
    return f'<polygon points="{corners}"/>'


def _radius(kind: str) -> float:
    return {"baseline": CIRCLE_RADIUS + 1, "result": SQUARE_SIDE / 2, "target": DIAMOND_RADIUS}[kind]


def _marker_box(kind: str, cx: float, cy: float) -> _Box:
    r = _radius(kind)
    return _Box(cx - r, cy - r, cx + r, cy + r)


def _horizontal(x1: float, x2: float, y: float, attributes: str = "") -> str:
    return f'<line x1="{_n(x1)}" y1="{_n(y)}" x2="{_n(x2)}" y2="{_n(y)}"{attributes}/>'


def _dashed(x1: float, x2: float, y: float) -> str:
    return _horizontal(x1, x2, y, f' stroke="currentColor" stroke-width="1.5" stroke-dasharray="{DASHES}"')


def _legend(spec: ChartSpec, sheet: _Sheet, top: float) -> float:
    """Shape and text of each series present, left to right, wrapping onto more rows; where it ends."""
    available = VIEW_WIDTH - 2 * PAD
    kinds = [k for k in KINDS if any(p.kind == k for p in spec.points)]
    parts, x, row_top, row_bottom = [], PAD, top, top
    for kind in kinds:
        lines = _wrap(spec.series_labels[kind], (available - KEY_WIDTH) / FONT) or [""]
        width = KEY_WIDTH + max(_text_em(line) for line in lines) * FONT
        if x > PAD and x + width > PAD + available:
            x, row_top = PAD, row_bottom + GAP
        key_y = row_top + ASCENT * FONT * 0.62  # the middle of the text's capitals
        if kind == "target":
            parts.append(_dashed(x, x + 20, key_y))
        parts.append(_marker(kind, x + 10, key_y))
        box = _text_box(lines, x + KEY_WIDTH, row_top)
        parts.append(_text(lines, box))
        sheet.boxes.append(box)
        x, row_bottom = x + width + LEGEND_GAP, max(row_bottom, box.bottom)
    sheet.draw(f'<g class="plan-chart-legend">{"".join(parts)}</g>')
    return row_bottom + 2 * GAP


def _grid(frame: _Frame, ticks: list[float], labels: list[str], sheet: _Sheet) -> None:
    """Light gridlines with their numbers in the unit, right-aligned left of the plot, and the zero line."""
    lines = "".join(_horizontal(frame.left, frame.right, frame.y(t)) for t in ticks)
    texts = []
    for tick, label in zip(ticks, labels):
        width = _text_em(label) * FONT
        box = _text_box([label], frame.left - TICK_GAP - width, frame.y(tick) - FONT * (ASCENT - 0.35))
        texts.append(_text([label], box))
        sheet.boxes.append(box)
    zero = _horizontal(frame.left, frame.right, frame.y(0.0), ' class="plan-chart-axis" stroke="currentColor"')
    sheet.draw(f'<g class="plan-chart-grid" {GRID_STYLE}>{lines}</g>{zero}'
               f'<g class="plan-chart-axis">{"".join(texts)}</g>')


def _years(spec: ChartSpec, frame: _Frame, sheet: _Sheet) -> float:
    """A mark under the axis at every fiscal year, the years of the points under their marks (a
    year that would touch its neighbour goes a line lower), and what the years count, left of
    them or under them; returns where they end."""
    marks = "".join(f'<line x1="{_n(frame.x(year))}" y1="{_n(frame.bottom)}" x2="{_n(frame.x(year))}"'
                    f' y2="{_n(frame.bottom + YEAR_TICK)}"/>'
                    for year in range(frame.first_year, frame.last_year + 1))
    texts, bottom, row_top = [], frame.bottom, frame.bottom + YEAR_TICK + 2 * TICK_GAP  # clear of the lowest gridline's number
    for year in sorted({p.year for p in spec.points}):
        label = [str(year)]
        width = _text_em(label[0]) * FONT
        rows = (_text_box(label, frame.x(year) - width / 2, row_top + row * LINE) for row in range(len(spec.points)))
        box = next(box for box in rows if sheet.free(box))  # one row per year at most: always found
        texts.append(_text(label, box))
        sheet.boxes.append(box)
        bottom = max(bottom, box.bottom)
    if spec.year_unit:
        unit = _wrap(spec.year_unit, (VIEW_WIDTH - 2 * PAD) / FONT)
        width = max(_text_em(line) for line in unit) * FONT
        beside = _text_box(unit, frame.left - TICK_GAP - width, row_top)
        box = beside if sheet.free(beside) and beside.left >= PAD else _text_box(unit, frame.right - width, bottom + GAP)
        texts.append(_text(unit, box))
        sheet.boxes.append(box)
        bottom = max(bottom, box.bottom)
    sheet.draw(f'<g class="plan-chart-years" stroke="currentColor">{marks}</g>'
               f'<g class="plan-chart-x-labels">{"".join(texts)}</g>')
    return bottom


def _target_line(spec: ChartSpec, frame: _Frame, sheet: _Sheet) -> None:
    """The dashed target line across the plot, and the diamond at the target's year, which text keeps off.
    A value's text crosses the line only where it has no other place near its point: the page's CSS
    gives the values a halo of the background colour for that (the print edition its own, pdf.py)."""
    target = _target(spec)
    if target is None:
        return
    x, y = frame.x(target.year), frame.y(target.value)
    sheet.draw(f'<g class="plan-chart-target">{_dashed(frame.left, frame.right, y)}{_marker("target", x, y)}</g>',
               _marker_box("target", x, y))
    sheet.soft.append(_Box(frame.left, y - 1, frame.right, y + 1))


def _series_line(spec: ChartSpec, frame: _Frame, sheet: _Sheet) -> None:
    """Baseline and results joined, each segment stopping short of a hollow circle so it stays hollow."""
    data = [(frame.x(p.year), frame.y(p.value), p.kind) for p in _data(spec)]
    commands, pen = [], None
    for (x1, y1, kind1), (x2, y2, kind2) in zip(data, data[1:]):
        length = math.hypot(x2 - x1, y2 - y1)
        start, end = (CIRCLE_RADIUS + 2 if k == "baseline" else 0 for k in (kind1, kind2))
        if length <= start + end:
            continue
        dx, dy = (x2 - x1) / length, (y2 - y1) / length
        begin, finish = (x1 + dx * start, y1 + dy * start), (x2 - dx * end, y2 - dy * end)
        if begin != pen:  # a new subpath only where the line was interrupted
            commands.append(f"M{_n(begin[0])} {_n(begin[1])}")
        commands.append(f"L{_n(finish[0])} {_n(finish[1])}")
        pen = finish
    if commands:
        sheet.draw(f'<path class="plan-chart-line" d="{"".join(commands)}" fill="none" stroke="currentColor" stroke-width="2"/>')


def _markers(spec: ChartSpec, frame: _Frame, sheet: _Sheet) -> None:
    shapes = []
    for point in _data(spec):
        x, y = frame.x(point.year), frame.y(point.value)
        shapes.append(_marker(point.kind, x, y))
        sheet.boxes.append(_marker_box(point.kind, x, y))
    sheet.draw(f'<g class="plan-chart-points">{"".join(shapes)}</g>')


def _places(point: Point, frame: _Frame, width: float, stacked: int, below_first: bool) -> list[Iterable[_Box]]:
    """Where a value's text may go, best first: near its marker (over or under it, centred, then
    running left or right of it; beside it), then further over or under, half a line at a time."""
    x, y, r = frame.x(point.year), frame.y(point.value), _radius(point.kind)
    height = _text_height(1, FONT)
    over, under = y - r - MARKER_GAP - height, y + r + MARKER_GAP
    lefts = (x - width / 2, x + r - width, x - r)
    sides = [under, over] if below_first else [over, under]
    places = [_Box(left, top, left + width, top + height) for left in lefts for top in sides]
    places += [_Box(x + r + MARKER_GAP, y - height / 2, x + r + MARKER_GAP + width, y + height / 2),
               _Box(x - r - MARKER_GAP - width, y - height / 2, x - r - MARKER_GAP, y + height / 2)]
    return [places, _Further(lefts, width, height, over, under, stacked)]


@dataclass(frozen=True)
class _Further:
    """The places further over or under a point, made as they are tried: the near places nearly
    always do, and a chart would otherwise make hundreds of boxes for each of its values."""

    lefts: tuple[float, ...]
    width: float
    height: float
    over: float
    under: float
    rows: int

    def __iter__(self) -> Iterator[_Box]:
        for row in range(1, self.rows + 1):
            for top in (self.over - row * LINE / 2, self.under + row * LINE / 2):
                for left in self.lefts:
                    yield _Box(left, top, left + self.width, top + self.height)


def _values(spec: ChartSpec, frame: _Frame, sheet: _Sheet, stacked: int) -> bool:
    """Each point's value near it where it meets nothing; False when one finds no such place.
    The target's value tries under the line first when the data ends above it ("or less" targets)."""
    target = _target(spec)
    data_above_target = target is not None and _data(spec)[-1].value >= target.value
    texts = []
    for point in ([target] if target else []) + _data(spec):  # the target's first: it answers "was it met?"
        width = _text_em(point.text) * FONT
        below_first = point.kind == "target" and data_above_target
        places = _places(point, frame, width, stacked, below_first)
        box = sheet.first_free(places, frame.ceiling, frame.bottom)
        if box is None:
            return False
        texts.append(_text([point.text], box))
        sheet.boxes.append(box)
    sheet.draw(f'<g class="plan-chart-values">{"".join(texts)}</g>')
    return True
