import re
import xml.etree.ElementTree as ET

import pytest

from planpub.charts import SLANT, VIEW_WIDTH, ChartSpec, Point, _text_em, _wrap, chart_svg, chartable

SVG = "{http://www.w3.org/2000/svg}"
LABELS = {"baseline": "Baseline", "result": "Result", "target": "Target"}
HOSTILE = '<script>alert("x")</script> & "quoted"'


def spec(*values, target=None, label="Target FY2025: 60% or more", **changes):
    """A chart of a baseline then results, with a target point last when ``target`` is given."""
    points = [Point(f"FY{2021 + i}", v, "baseline" if i == 0 else "result", f"{v}%") for i, v in enumerate(values)]
    if target is not None:
        points.append(Point("FY2030", target, "target", f"{target}% target"))
    fields = dict(chart_id="chart-1", name="Chart: Rate of online procedures", description="Baseline 40%, …",
                  points=tuple(points), series_labels=LABELS, target_label=label if target is not None else None)
    return ChartSpec(**(fields | changes))


def parse(chart: ChartSpec) -> ET.Element:
    return ET.fromstring(str(chart_svg(chart)))


def group(root: ET.Element, name: str) -> ET.Element:
    return next(g for g in root.iter(SVG + "g") if g.get("class") == name)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(SVG + "text")]


def placed_lines(element: ET.Element, inherited: dict | None = None):
    """(x, y, text-anchor, font size, line, turned) for every line of text, attributes inherited from groups."""
    attrs = {**(inherited or {}), **{k: v for k, v in element.attrib.items() if k in ("text-anchor", "font-size")}}
    if element.tag != SVG + "text":
        for child in element:
            yield from placed_lines(child, attrs)
        return
    for span in element.findall(SVG + "tspan") or [element]:
        yield (float(span.get("x")), float(span.get("y")), attrs.get("text-anchor", "start"),
               float(attrs["font-size"]), "".join(span.itertext()), "transform" in element.attrib)


def test_chart_is_an_image_named_by_its_title_and_described_by_its_desc():
    root = parse(spec(40, 45, target=60))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(SVG + "title").get("id") == title_id == "chart-1-title"
    assert root.find(SVG + "desc").get("id") == desc_id == "chart-1-desc"
    assert root.find(SVG + "title").text == "Chart: Rate of online procedures"
    assert root.find(SVG + "desc").text == "Baseline 40%, …"


def test_chart_scales_with_its_container_instead_of_having_a_pixel_size():
    root = parse(spec(40, 45))
    assert root.get("width") == "100%" and root.get("height") is None
    assert root.get("preserveAspectRatio") == "xMinYMin meet"
    assert root.get("class") == "plan-chart"
    assert root.get("viewBox").startswith(f"0 0 {VIEW_WIDTH} ")


def test_every_value_and_x_label_is_shown_as_text():
    chart = spec(40, 45.5, 53, target=60)
    shown = texts(parse(chart))
    for point in chart.points:
        assert point.text in shown
        assert point.label in shown


def test_target_is_a_dashed_line_across_the_plot_with_a_diamond_and_its_label():
    root = parse(spec(40, 45, target=60))
    target = group(root, "plan-chart-target")
    line = target.find(SVG + "line")
    assert line.get("stroke-dasharray") and line.get("y1") == line.get("y2")
    assert float(line.get("x2")) - float(line.get("x1")) > VIEW_WIDTH / 2
    assert len(target.find(SVG + "polygon").get("points").split()) == 4  # a diamond
    assert "Target FY2025: 60% or more" in texts(target)


def test_chart_without_target_has_no_target_line_or_label():
    root = parse(spec(40, 45, 50))
    assert not any(line.get("stroke-dasharray") for line in root.iter(SVG + "line"))
    assert root.find(f".//{SVG}polygon") is None


def test_baseline_is_a_hollow_circle_and_results_are_filled_squares():
    points = group(parse(spec(40, 45, 50)), "plan-chart-points")
    circles, squares = points.findall(SVG + "circle"), points.findall(SVG + "rect")
    assert len(circles) == 1 and circles[0].get("fill") == "none"
    assert len(squares) == 2 and all(square.get("fill") is None for square in squares)  # filled with currentColor


def test_nothing_is_coloured_but_the_light_grey_gridlines():
    svg = str(chart_svg(spec(40, 45, target=60)))
    colours = set(re.findall(r'(?:fill|stroke)="([^"]+)"', svg))
    assert colours <= {"currentColor", "none", "#8c8c8c"}


def test_hostile_text_is_shown_as_text_and_never_becomes_markup():
    chart = ChartSpec(
        "chart-1", HOSTILE, HOSTILE,
        (Point(HOSTILE, 1, "baseline", HOSTILE), Point("b", 2, "result", "2"), Point("t", 3, "target", HOSTILE + "!")),
        {kind: HOSTILE for kind in LABELS}, HOSTILE,
    )
    root = parse(chart)
    assert not any(element.tag.endswith("script") for element in root.iter())
    assert root.find(SVG + "title").text == HOSTILE and root.find(SVG + "desc").text == HOSTILE
    assert HOSTILE in texts(root) and HOSTILE + "!" in texts(root)


@pytest.mark.parametrize(
    "values",
    [(50, 50), (50, 50, 50, 50), (0, 0), (-3, -3), (-3.5, 2), (0.001, 0.0042), (530000, 1250000)],
)
def test_flat_zero_negative_and_extreme_series_draw(values):
    root = parse(spec(*values))
    assert all(str(v) + "%" in texts(root) for v in values)


def test_gridlines_run_from_zero_to_a_round_number_past_the_target():
    assert texts(group(parse(spec(40, 45, target=62)), "plan-chart-axis")) == ["0", "20", "40", "60", "80"]


@pytest.mark.parametrize(("values", "target"), [((40, 55), 57), ((1, 2, 3), None), ((-4, 2), 1), ((0.25, 0.5), 1)])
def test_three_to_five_plain_gridline_labels_starting_at_zero_or_the_minimum(values, target):
    numbers = [float(t) for t in texts(group(parse(spec(*values, target=target)), "plan-chart-axis"))]
    assert 3 <= len(numbers) <= 5 and numbers == sorted(numbers)
    assert numbers[0] == 0 if min(values) >= 0 else numbers[0] <= min(values)
    assert numbers[-1] >= max(*values, target or 0)


def test_target_below_the_values_is_drawn_for_or_less_targets():
    root = parse(spec(30, 25, target=10, label="Target: 10 or less"))
    assert "Target: 10 or less" in texts(root) and "10% target" in texts(root)


def test_all_text_stays_inside_the_viewbox():
    japanese = {"baseline": "基準値（策定時の値）", "result": "実績値", "target": "目標値"}
    years = [Point(f"令和{i}（{2018 + i}）年度", 500000 + i * 37000, "result", f"¥{500000 + i * 37000:,}") for i in range(1, 10)]
    ten_years = (*years, Point("令和10（2028）年度", 1000000, "target", "¥1,000,000"))
    long_label = "Target FY2025: 60% or more of all procedures completed online by residents " * 2
    charts = [
        spec(40, 45, target=60, label=long_label),
        spec(30, 25, target=0, label="目標 令和7（2025）年度：0件（市内全域での発生件数）を目指します"),
        ChartSpec("many", "n", "d", ten_years, japanese, "目標 " * 30),  # x labels too long for slots: turned
        spec(40, 45, series_labels={k: "A very long legend text that has to wrap " * 3 for k in LABELS}),
    ]
    for chart in charts:
        root = parse(chart)
        height = float(root.get("viewBox").split()[3])
        for x, y, anchor, size, line, turned in placed_lines(root):
            width = _text_em(line) * size
            left = x - width * {"start": 0, "middle": 0.5, "end": 1}[anchor]
            if turned:  # at 45°, ending at (x, y) and running down to the left
                left, y = x - (width + size) * SLANT, y + width * SLANT
            assert 0 <= left and left + (0 if turned else width) <= VIEW_WIDTH, line
            assert size <= y <= height, line


def test_long_target_label_is_wrapped_onto_lines():
    root = parse(spec(40, 45, target=60, label="Target FY2025: 60% or more of all procedures completed online " * 2))
    target = group(root, "plan-chart-target")
    assert len(target.findall(f".//{SVG}tspan")) > 1


def test_japanese_wraps_between_characters_but_never_inside_brackets_or_numbers():
    assert _wrap("令和4（2022）年度", 5) == ["令和4", "（2022）", "年度"]
    assert _wrap("60%以上を目指す", 3) == ["60%以", "上を目", "指す"]
    assert _wrap("Target FY2025: 60%", 5) == ["Target", "FY2025:", "60%"]


def test_output_is_the_same_for_the_same_input():
    assert str(chart_svg(spec(40, 45.5, target=60))) == str(chart_svg(spec(40, 45.5, target=60)))


def test_coordinates_have_at_most_two_decimals():
    svg = str(chart_svg(spec(33.333, 41.111, 47.777, target=61.9)))
    attributes = " ".join(re.findall(r'(?:x|y|x1|x2|y1|y2|cx|cy|points|d|viewBox|transform)="([^"]*)"', svg))
    assert not re.search(r"\d\.\d{3}", attributes)


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], False), ([1.0], False), ([1.0, 2.0], True), ([0, 0], True), ([1.0, None], False),
     ([1.0, float("nan")], False), ([1.0, float("inf")], False), ([True, 1.0], False), ([-1, 0, 5], True)],
)
def test_chartable_needs_two_numbers(values, expected):
    assert chartable(values) is expected


@pytest.mark.parametrize(
    "changes",
    [
        {"chart_id": 'x" onload="alert(1)'},
        {"points": (Point("a", 1, "result", "1"),)},
        {"points": (Point("a", 1, "target", "1"), Point("b", 2, "result", "2"))},
        {"points": (Point("a", 1, "result", "1"), Point("b", 2, "target", "2"), Point("c", 3, "target", "3"))},
        {"points": (Point("a", 1, "result", "1"), Point("b", 2, "forecast", "2"))},
        {"points": (Point("a", 1, "result", "1"), Point("b", float("nan"), "result", "?"))},
        {"series_labels": {"baseline": "Baseline"}},
    ],
)
def test_specs_that_cannot_be_drawn_correctly_are_refused(changes):
    with pytest.raises(ValueError):
        chart_svg(spec(40, 45, **changes))
