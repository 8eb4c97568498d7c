"""Line charts of plan indicators, drawn at build time as inline SVG: no JavaScript, no chart library.

A chart is one picture with a text alternative: ``role="img"`` named by its ``<title>`` and
described by its ``<desc>``, a sentence the caller writes with every number in it, so a screen
reader hears the whole chart at once and the SVG's parts stay out of the accessibility tree.
Series differ by shape (hollow circle = baseline, filled square = result, diamond on a dashed
line = target) and by the legend, never by colour alone: everything is drawn in currentColor, so
the chart follows the page's light or dark theme and prints in black.

The viewBox is VIEW_WIDTH units wide and the SVG ``width="100%"``, so the page's CSS
(``.plan-chart { max-width: …rem }``) sets the size and the chart scales with zoom and on phones.
Text cannot be measured at build time, so widths are estimated from characters (full width about
1 em, others about 0.55 em) and long labels are wrapped to fit inside the viewBox.
The module knows no language: every string comes from the caller, already localized.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from .numbers import decimal_text

KINDS = ("baseline", "result", "target")
VIEW_WIDTH = 480  # user units; near the CSS width the chart is meant for, so 14 units ≈ 14 px
PAD = 8  # empty margin around everything, so nothing touches the edge of the viewBox
FONT = 14
VALUE_FONT = 13
LINE = 18  # line height of wrapped text
PLOT_HEIGHT = 200
VALUE_ROOM = 24  # above the plot, for the value text of a point at the very top
KEY_WIDTH = 28  # legend: the shape, then the text
LEGEND_GAP = 16
MAX_TICK_INTERVALS = 4  # 3 to 5 gridlines including the lowest
NICE_STEPS = (1, 2, 2.5, 5)
TARGET_LABEL_SHARE = 0.6  # of the plot width: the label must leave room for the data
TARGET_LABEL_LINES = 3
X_LABEL_LINES = 3  # more than this and the labels are turned 45° instead
TURNED_LABEL_EM = 12  # a turned label longer than this ends in "…"
SLANT = math.cos(math.radians(45))
CIRCLE_RADIUS = 5
SQUARE_SIDE = 9
DIAMOND_RADIUS = 7
GRID_STYLE = 'stroke="#8c8c8c" stroke-opacity="0.5" stroke-width="1"'  # grey reads on light and dark
DASHES = "6 4"
LABEL_GAP = 3  # between the target line and its label
ELLIPSIS = "…"
CHART_ID = re.compile(r"[a-z0-9-]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # not allowed in XML; newlines would not show anyway

# Basic Japanese line-breaking rules (kinsoku): these never start or end a line.
NO_LINE_START = set(")]}）」』】〕〉》”’、。，．,.:;：；!?！？%％・ー…")
NO_LINE_START |= set("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")  # small kana
NO_LINE_END = set("([{（「『【〔〈《“‘¥￥$")


@dataclass(frozen=True)
class Point:
    label: str  # x-axis label as shown, e.g. "FY2022" or "令和4年度"
    value: float
    kind: str  # "baseline" | "result" | "target"
    text: str  # the value as shown, e.g. "53%" or "¥530,000"


@dataclass(frozen=True)
class ChartSpec:
    chart_id: str  # unique in the page, used for id attributes: [a-z0-9-]
    name: str  # accessible name, e.g. "Chart: Rate of online procedures"
    description: str  # one sentence stating all the numbers, built by the caller
    points: tuple[Point, ...]  # in x order; at most one point of kind "target", and it is last
    series_labels: dict[str, str]  # kind -> legend text
    target_label: str | None = None  # text on the target line; drawn only when there is a target point


def chartable(values: list[float | None]) -> bool:
    """True when there are two or more numbers (baseline, results and target together)."""
    return sum(1 for v in values if _is_number(v)) >= 2


def chart_svg(spec: ChartSpec) -> Markup:
    """The chart as an inline ``<svg>`` element. Raises ValueError for a spec it cannot draw."""
    _check(spec)
    legend, legend_height = _legend(spec)
    low, high, step = _axis_range([p.value for p in spec.points])
    ticks = [round(low + i * step, 10) for i in range(round((high - low) / step) + 1)]
    tick_labels = [decimal_text(round(t, 9)) for t in ticks]  # no float noise (0.30000000000000004)
    left, turned = _plot_left(spec.points, tick_labels)
    label_lines = _target_label_lines(spec, VIEW_WIDTH - PAD - left)
    ceiling = PAD + legend_height
    top = ceiling + _room_above_plot(spec, label_lines)
    frame = _Frame(left, VIEW_WIDTH - PAD, top, top + PLOT_HEIGHT, low, high, len(spec.points), ceiling)
    x_labels, x_labels_height = _x_labels(spec.points, frame, turned)
    height = frame.bottom + x_labels_height + PAD
    body = [
        f'<title id="{spec.chart_id}-title">{_esc(spec.name)}</title>',
        f'<desc id="{spec.chart_id}-desc">{_esc(spec.description)}</desc>',
        legend,
        _grid(frame, ticks, tick_labels),
        x_labels,
        _target(spec, frame, label_lines),
        _series_line(spec.points, frame),
        _markers(spec.points, frame),
        _values(spec, frame),
    ]
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plan-chart" role="img"'
        f' aria-labelledby="{spec.chart_id}-title {spec.chart_id}-desc"'
        f' viewBox="0 0 {VIEW_WIDTH} {_n(height)}" width="100%" preserveAspectRatio="xMinYMin meet"'
        f' font-size="{FONT}" fill="currentColor">' + "".join(body) + "</svg>"
    )


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
    missing = [k for k in dict.fromkeys(kinds) if k not in spec.series_labels]
    if missing:
        raise ValueError(f"series_labels has no legend text for {missing}")


# --- text: escaping, measuring, wrapping ------------------------------------------------------


def _esc(text: str) -> str:
    return str(escape(CONTROL.sub(" ", text)))


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


@lru_cache(maxsize=None)  # a few hundred distinct characters, measured tens of thousands of times
def _char_em(char: str) -> float:
    # Ambiguous-width characters (…, ○, ×) are full width in Japanese fonts: count them wide,
    # since guessing too wide only wraps early, while guessing too narrow overflows.
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F", "A") else 0.55


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


def _text_block(lines: list[str], x: float, top: float, anchor: str) -> str:
    """One <text>; wrapped lines as <tspan>s, each placed absolutely so no em arithmetic is needed."""
    start = f'<text x="{_n(x)}" y="{_n(top + FONT)}" text-anchor="{anchor}">'
    if len(lines) == 1:
        return start + _esc(lines[0]) + "</text>"
    spans = (f'<tspan x="{_n(x)}" y="{_n(top + FONT + i * LINE)}">{_esc(line)}</tspan>' for i, line in enumerate(lines))
    return start + "".join(spans) + "</text>"


def _centred_x(centre: float, width: float) -> float:
    """Move centred text inward just enough to stay inside the viewBox."""
    return min(max(centre, PAD + width / 2), VIEW_WIDTH - PAD - width / 2)


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
    """The plot area in viewBox units, the values at its bottom and top, and how high text may reach."""

    left: float
    right: float
    top: float
    bottom: float
    low: float
    high: float
    count: int
    ceiling: float  # the legend's bottom

    @property
    def slot(self) -> float:
        return (self.right - self.left) / self.count

    def x(self, index: int) -> float:
        return self.left + self.slot * (index + 0.5)

    def y(self, value: float) -> float:
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)


# --- drawing --------------------------------------------------------------------------------------


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


def _horizontal(x1: float, x2: float, y: float, attributes: str = "") -> str:
    return f'<line x1="{_n(x1)}" y1="{_n(y)}" x2="{_n(x2)}" y2="{_n(y)}"{attributes}/>'


def _dashed(x1: float, x2: float, y: float) -> str:
    return _horizontal(x1, x2, y, f' stroke="currentColor" stroke-width="1.5" stroke-dasharray="{DASHES}"')


def _legend(spec: ChartSpec) -> tuple[str, float]:
    """Shape and text of each series present, left to right, wrapping onto more rows; and its height."""
    available = VIEW_WIDTH - 2 * PAD
    kinds = [k for k in KINDS if any(p.kind == k for p in spec.points)]
    parts, x, row_top, row_height = [], PAD, PAD, 0
    for kind in kinds:
        lines = _wrap(spec.series_labels[kind], (available - KEY_WIDTH) / FONT) or [""]
        width = KEY_WIDTH + max(_text_em(line) for line in lines) * FONT
        if x > PAD and x + width > PAD + available:
            x, row_top, row_height = PAD, row_top + row_height + 4, 0
        key_y = row_top + LINE / 2
        if kind == "target":
            parts.append(_dashed(x, x + 20, key_y))
        parts.append(_marker(kind, x + 10, key_y))
        parts.append(_text_block(lines, x + KEY_WIDTH, row_top, "start"))
        x, row_height = x + width + LEGEND_GAP, max(row_height, len(lines) * LINE)
    return f'<g class="plan-chart-legend">{"".join(parts)}</g>', row_top + row_height - PAD


def _grid(frame: _Frame, ticks: list[float], labels: list[str]) -> str:
    """Light gridlines with plain-number labels, and the zero line in the text colour."""
    lines = "".join(_horizontal(frame.left, frame.right, frame.y(t)) for t in ticks)
    texts = "".join(
        f'<text x="{_n(frame.left - 6)}" y="{_n(frame.y(t) + FONT * 0.35)}">{_esc(label)}</text>'
        for t, label in zip(ticks, labels)
    )
    zero = _horizontal(frame.left, frame.right, frame.y(0.0), ' class="plan-chart-axis" stroke="currentColor"')
    return (f'<g class="plan-chart-grid" {GRID_STYLE}>{lines}</g>{zero}'
            f'<g class="plan-chart-axis" text-anchor="end">{texts}</g>')


def _plot_left(points: tuple[Point, ...], tick_labels: list[str]) -> tuple[float, bool]:
    """Where the plot starts (right of the gridline labels), and whether x labels must be turned.

    Labels that need more than X_LABEL_LINES lines in their slot are turned 45°; then the first
    one reaches down-left past its point, so the plot moves right until it stays in the viewBox.
    """
    left = PAD + max(_text_em(t) for t in tick_labels) * FONT + 6
    slot = (VIEW_WIDTH - PAD - left) / len(points)
    if all(len(_wrap(p.label, _slot_em(slot))) <= X_LABEL_LINES for p in points):
        return left, False
    reach = _text_em(_turned(points[0].label)) * FONT * SLANT + FONT  # + FONT: the glyphs' height
    halves = 2 * len(points)  # solve left + (right - left) / halves >= PAD + reach for left
    return max(left, (PAD + reach - (VIEW_WIDTH - PAD) / halves) / (1 - 1 / halves)), True


def _slot_em(slot: float) -> float:
    return max(slot - 6, FONT) / FONT


def _turned(label: str) -> str:
    return _shorten(_wrap(label, TURNED_LABEL_EM), TURNED_LABEL_EM, 1)[0] if label.strip() else ""


def _x_labels(points: tuple[Point, ...], frame: _Frame, turned: bool) -> tuple[str, float]:
    """The x labels under the plot, wrapped to their slot or turned; and the height they take."""
    if turned:
        return _turned_x_labels(points, frame)
    blocks, most = [], 1
    for i, point in enumerate(points):
        lines = _wrap(point.label, _slot_em(frame.slot), X_LABEL_LINES) or [""]
        width = max(_text_em(line) for line in lines) * FONT
        blocks.append(_text_block(lines, _centred_x(frame.x(i), width), frame.bottom + 6, "middle"))
        most = max(most, len(lines))
    return f'<g class="plan-chart-x-labels">{"".join(blocks)}</g>', 6 + most * LINE


def _turned_x_labels(points: tuple[Point, ...], frame: _Frame) -> tuple[str, float]:
    """Labels turned 45°, each ending just under its point and running down to the left."""
    texts, longest = [], 0.0
    y = frame.bottom + 10
    for i, point in enumerate(points):
        label = _turned(point.label)
        x = frame.x(i) + FONT * 0.3  # the end of the baseline sits right of the point, the glyphs over it
        texts.append(f'<text x="{_n(x)}" y="{_n(y)}" transform="rotate(-45 {_n(x)} {_n(y)})">{_esc(label)}</text>')
        longest = max(longest, _text_em(label) * FONT)
    return f'<g class="plan-chart-x-labels" text-anchor="end">{"".join(texts)}</g>', 10 + longest * SLANT + FONT


def _series_line(points: tuple[Point, ...], frame: _Frame) -> str:
    """Baseline and results joined, each segment stopping short of a hollow circle so it stays hollow."""
    data = [(frame.x(i), frame.y(p.value), p.kind) for i, p in enumerate(points) if p.kind != "target"]
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
    if not commands:
        return ""
    return f'<path class="plan-chart-line" d="{"".join(commands)}" fill="none" stroke="currentColor" stroke-width="2"/>'


def _markers(points: tuple[Point, ...], frame: _Frame) -> str:
    shapes = (_marker(p.kind, frame.x(i), frame.y(p.value)) for i, p in enumerate(points) if p.kind != "target")
    return f'<g class="plan-chart-points">{"".join(shapes)}</g>'


def _value_text(text: str, cx: float, baseline: float) -> str:
    width = _text_em(text) * VALUE_FONT
    return f'<text x="{_n(_centred_x(cx, width))}" y="{_n(baseline)}">{_esc(text)}</text>'


def _values(spec: ChartSpec, frame: _Frame) -> str:
    """Each point's value above it; when neighbours' texts would touch, every other one goes below."""
    crowded = any(_text_em(p.text) * VALUE_FONT > frame.slot - 4 for p in spec.points)
    texts = []
    for i, point in enumerate(spec.points):
        if point.kind == "target":
            continue
        y = frame.y(point.value)
        below = y + 8 + VALUE_FONT
        use_below = crowded and i % 2 == 1 and below <= frame.bottom - 2
        texts.append(_value_text(point.text, frame.x(i), below if use_below else y - 9))
    return f'<g class="plan-chart-values" font-size="{VALUE_FONT}" text-anchor="middle">{"".join(texts)}</g>'


def _data_above_target(spec: ChartSpec) -> bool:
    """Whether the line ends above the target (as in "or less" targets): the label goes the other way."""
    return [p.value for p in spec.points if p.kind != "target"][-1] >= spec.points[-1].value


def _target_label_lines(spec: ChartSpec, plot_width: float) -> list[str]:
    """The target label wrapped to part of the plot's width, so it can never run out of the viewBox."""
    if spec.points[-1].kind != "target" or not spec.target_label:
        return []
    return _wrap(spec.target_label, plot_width * TARGET_LABEL_SHARE / FONT, TARGET_LABEL_LINES)


def _room_above_plot(spec: ChartSpec, label_lines: list[str]) -> float:
    """Room for a value text over the top point, or for a target label over a line at the very top."""
    if label_lines and not _data_above_target(spec):
        return max(VALUE_ROOM, len(label_lines) * LINE + LABEL_GAP + 4)
    return VALUE_ROOM


def _target(spec: ChartSpec, frame: _Frame, label_lines: list[str]) -> str:
    """The dashed target line across the plot, the diamond at the target's x, its value, and the label.

    The value goes on the side of the line where the data is; the wide label on the other side,
    right-aligned at the line's end, or beyond the value text when that side has no room.
    """
    target = spec.points[-1]
    if target.kind != "target":
        return ""
    index, y = len(spec.points) - 1, frame.y(target.value)
    room_below = y + DIAMOND_RADIUS + 4 + VALUE_FONT <= frame.bottom - 2
    value_above = _data_above_target(spec) or not room_below
    value_y = y - DIAMOND_RADIUS - 4 if value_above else y + DIAMOND_RADIUS + 4 + VALUE_FONT
    parts = [
        _dashed(frame.left, frame.right, y),
        _marker("target", frame.x(index), y),
        f'<g font-size="{VALUE_FONT}" text-anchor="middle">{_value_text(target.text, frame.x(index), value_y)}</g>',
    ]
    if label_lines:
        parts.append(_target_label(label_lines, frame, y, label_above=not value_above))
    return f'<g class="plan-chart-target">{"".join(parts)}</g>'


def _target_label(lines: list[str], frame: _Frame, y: float, label_above: bool) -> str:
    """Right-aligned at the line's end, next to the line, or past the target's value if there is no room."""
    height = len(lines) * LINE
    room_above, room_below = y - frame.ceiling, frame.bottom - y
    offset = LABEL_GAP
    past_value = DIAMOND_RADIUS + 4 + VALUE_FONT + 4
    if label_above and room_above < height + offset:
        label_above, offset = False, past_value
    elif not label_above and room_below < height + offset:
        label_above, offset = True, past_value
    top = y - offset - height if label_above else y + offset
    return _text_block(lines, frame.right, top, "end")
