import itertools
import random
import re
import xml.etree.ElementTree as ET

import pytest

from planpub.charts import ASCENT, BOLD, DESCENT, FONT, VIEW_WIDTH, ChartSpec, Point, _text_em, _wrap, chart_svg, chartable

SVG = "{http://www.w3.org/2000/svg}"
LABELS = {"baseline": "Baseline", "result": "Result", "target": "Target"}
HOSTILE = '<script>alert("x")</script> & "quoted"'
PHONE_COLUMN = 358  # CSS px of the text column at a 390 px wide screen


def spec(*values, target=None, years=None, target_year=2030, **changes):
    """A chart of a baseline then results (one a year from 2021, or in ``years``), with a target last."""
    years = years or [2021 + i for i in range(len(values))]
    points = [Point(year, v, "baseline" if i == 0 else "result", f"{v}%") for i, (year, v) in enumerate(zip(years, values))]
    if target is not None:
        points.append(Point(target_year, target, "target", f"{target}% or more"))
    fields = dict(chart_id="chart-1", name="Chart: Rate of online procedures", description="Baseline 40%, …",
                  points=tuple(points), series_labels=LABELS, value_format="{}%", year_unit="FY")
    return ChartSpec(**(fields | changes))


def parse(chart: ChartSpec) -> ET.Element:
    return ET.fromstring(str(chart_svg(chart)))


def group(root: ET.Element, name: str) -> ET.Element:
    return next(g for g in root.iter(SVG + "g") if g.get("class") == name)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(SVG + "text")]


def text_boxes(element: ET.Element, size: float = FONT):
    """(text, (left, top, right, bottom)) of every <text>, as a browser would draw it with the
    estimated widths: from the left of x (charts.py writes no text-anchor), ASCENT over the
    first baseline to DESCENT under the last."""
    size = float(element.get("font-size", size))
    if element.tag != SVG + "text":
        for child in element:
            yield from text_boxes(child, size)
        return
    lines = element.findall(SVG + "tspan") or [element]
    widen = BOLD if element.get("font-weight") == "bold" else 1
    width = max(_text_em("".join(line.itertext())) for line in lines) * size * widen
    left, first, last = float(element.get("x")), float(lines[0].get("y")), float(lines[-1].get("y"))
    assert element.get("text-anchor") is None and element.get("transform") is None
    yield "".join(element.itertext()), (left, first - ASCENT * size, left + width, last + DESCENT * size)


def overlapping(boxes) -> list[tuple[str, str]]:
    return [(a, b) for (a, (l1, t1, r1, b1)), (b, (l2, t2, r2, b2)) in itertools.combinations(boxes, 2)
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1]


def markers_x(root: ET.Element) -> list[float]:
    """The x of each baseline circle and result square, in order."""
    return [float(m.get("cx")) if m.get("cx") else float(m.get("x")) + float(m.get("width")) / 2
            for m in group(root, "plan-chart-points")]


def test_chart_is_an_image_named_by_its_title_and_described_by_its_desc():
    """Its values are in its description only (issue 26: a name made of both read them twice)."""
    root = parse(spec(40, 45, target=60))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby"), root.get("aria-describedby")
    assert root.find(SVG + "title").get("id") == title_id == "chart-1-title"
    assert root.find(SVG + "desc").get("id") == desc_id == "chart-1-desc"
    assert root.find(SVG + "title").text == "Chart: Rate of online procedures"
    assert root.find(SVG + "desc").text == "Baseline 40%, …"


def test_the_title_is_shown_first_in_bold():
    root = parse(spec(40, 45, target=60))
    first = next(root.iter(SVG + "text"))
    assert first.text == "Chart: Rate of online procedures" and first.get("font-weight") == "bold"


def test_chart_scales_with_its_container_instead_of_having_a_pixel_size():
    root = parse(spec(40, 45))
    assert root.get("width") == "100%" and root.get("height") is None
    assert root.get("preserveAspectRatio") == "xMinYMin meet"
    assert root.get("class") == "plan-chart"
    assert root.get("viewBox").startswith(f"0 0 {VIEW_WIDTH} ")


def test_text_is_at_least_12_css_px_in_a_phone_s_text_column():
    root = parse(spec(40, 45, target=60))
    sizes = {float(element.get("font-size")) for element in root.iter() if element.get("font-size")}
    assert min(sizes) * PHONE_COLUMN / VIEW_WIDTH >= 12


def test_every_value_and_year_is_shown_as_text():
    chart = spec(40, 45.5, 53, target=60)
    shown = texts(parse(chart))
    for point in chart.points:
        assert point.text in shown
        assert str(point.year) in shown


def test_years_stand_at_their_real_spacing():
    root = parse(spec(40, 45, 50, years=[2016, 2017, 2020]))
    first, second, last = markers_x(root)
    assert (second - first) * 4 == pytest.approx(last - first)
    marks = group(root, "plan-chart-years").findall(SVG + "line")
    assert len(marks) == 5  # one a fiscal year, 2016 to 2020, with or without a value
    steps = {round(float(b.get("x1")) - float(a.get("x1")), 6) for a, b in zip(marks, marks[1:])}
    assert len(steps) == 1


def test_the_target_stands_at_its_year_and_may_share_it_with_a_value():
    root = parse(spec(84, 86, 85, years=[2016, 2018, 2020], target=90, target_year=2020))
    diamond = group(root, "plan-chart-target").find(SVG + "polygon")
    top = diamond.get("points").split()[0]
    assert float(top.split(",")[0]) == pytest.approx(markers_x(root)[-1])
    assert not overlapping(list(text_boxes(root)))


def test_gridlines_show_the_unit_and_the_years_say_what_they_count():
    root = parse(spec(40, 45, target=62, value_format="¥{} billion"))
    assert texts(group(root, "plan-chart-axis")) == ["¥0 billion", "¥20 billion", "¥40 billion", "¥60 billion", "¥80 billion"]
    assert "FY" in texts(group(root, "plan-chart-x-labels"))


def test_target_is_a_dashed_line_across_the_plot_with_a_diamond_and_its_value():
    root = parse(spec(40, 45, target=60))
    target = group(root, "plan-chart-target")
    line = target.find(SVG + "line")
    assert line.get("stroke-dasharray") and line.get("y1") == line.get("y2")
    assert float(line.get("x2")) - float(line.get("x1")) > VIEW_WIDTH / 2
    assert len(target.find(SVG + "polygon").get("points").split()) == 4  # a diamond
    assert "60% or more" in texts(group(root, "plan-chart-values"))


def test_chart_without_target_has_no_target_line_or_diamond():
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
        (Point(2020, 1, "baseline", HOSTILE), Point(2021, 2, "result", "2"), Point(2025, 3, "target", HOSTILE + "!")),
        {kind: HOSTILE for kind in LABELS}, HOSTILE + "{}", HOSTILE,
    )
    root = parse(chart)
    assert not any(element.tag.endswith("script") for element in root.iter())
    assert root.find(SVG + "title").text == HOSTILE and root.find(SVG + "desc").text == HOSTILE
    assert HOSTILE in texts(root) and HOSTILE + "!" in texts(root)


def test_a_unit_too_long_for_the_gridlines_is_shortened_rather_than_squeezing_the_plot():
    root = parse(spec(40, 45, value_format="{} " + "very long unit " * 5))
    labels = texts(group(root, "plan-chart-axis"))
    assert all(label.endswith("…") for label in labels)
    x_of_values = markers_x(root)
    assert x_of_values[1] - x_of_values[0] > VIEW_WIDTH / 4


@pytest.mark.parametrize(
    "values",
    [(50, 50), (50, 50, 50, 50), (0, 0), (-3, -3), (-3.5, 2), (0.001, 0.0042), (530000, 1250000)],
)
def test_flat_zero_negative_and_extreme_series_draw(values):
    root = parse(spec(*values))
    assert all(str(v) + "%" in texts(root) for v in values)


@pytest.mark.parametrize(("values", "target"), [((40, 55), 57), ((1, 2, 3), None), ((-4, 2), 1), ((0.25, 0.5), 1)])
def test_three_to_five_plain_gridline_labels_starting_at_zero_or_the_minimum(values, target):
    numbers = [float(t.rstrip("%")) for t in texts(group(parse(spec(*values, target=target)), "plan-chart-axis"))]
    assert 3 <= len(numbers) <= 5 and numbers == sorted(numbers)
    assert numbers[0] == 0 if min(values) >= 0 else numbers[0] <= min(values)
    assert numbers[-1] >= max(*values, target or 0)


def test_target_below_the_values_is_drawn_for_or_less_targets():
    root = parse(spec(30, 25, target=10))
    assert "10% or more" in texts(root)


def hard_charts() -> list[ChartSpec]:
    """Crowded, wordy and Japanese charts: what the layout has to get right."""
    japanese = {"baseline": "基準値（策定時の値）", "result": "公表された実績", "target": "目標値"}
    long_values = [Point(2016 + i, 500000 + i * 37000, "baseline" if i == 0 else "result", f"¥{500000 + i * 37000:,} per resident")
                   for i in range(9)]
    return [
        spec(40, 45, target=60, name="Chart: " + "a very long name of an indicator " * 4),
        spec(30, 25, target=0, value_format="年{}時間", year_unit="年度"),
        ChartSpec("many", "グラフ：住民一人当たり行政コスト", "d", (*long_values, Point(2025, 1000000, "target", "¥1,000,000以下")),
                  japanese, "¥{}", "年度"),
        spec(40, 45, series_labels={k: "A very long legend text that has to wrap " * 3 for k in LABELS}),
        spec(97.06, 96.27, years=[2019, 2020], target=96, target_year=2025),  # all near the target line
        spec(99.2, 99.5, 99.3, 99.4, 99.7, years=list(range(2016, 2021)), target=99, target_year=2020),
        spec(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, target=1),  # every text wants the same row
    ]


def random_charts(count: int) -> list[ChartSpec]:
    generator = random.Random(22)
    charts = []
    for _ in range(count):
        years = sorted(generator.sample(range(2010, 2026), generator.randint(1, 8)))
        values = [round(generator.uniform(-50, 1000) * generator.choice([0.01, 1, 100]), 2) for _ in years]
        target = generator.choice([None, round(generator.uniform(0, 1000), 1)])
        charts.append(spec(*values, years=years, target=target, target_year=max(years) + generator.randint(0, 5),
                           value_format=generator.choice(["{}%", "¥{} billion", "{}万円", "{} procedures"])))
    return [chart for chart in charts if chartable([point.value for point in chart.points])]


@pytest.mark.parametrize("chart", hard_charts() + random_charts(60), ids=itertools.count())
def test_no_two_texts_meet_and_every_text_stays_inside_the_viewbox(chart):
    root = parse(chart)
    height = float(root.get("viewBox").split()[3])
    boxes = list(text_boxes(root))
    assert not overlapping(boxes)
    for text, (left, top, right, bottom) in boxes:
        assert 0 <= left and right <= VIEW_WIDTH and 0 <= top and bottom <= height, text


def test_values_crowded_in_one_year_apart_stay_near_their_points():
    root = parse(spec(97.06, 96.27, years=[2019, 2020], target=96, target_year=2025))
    value_boxes = dict(text_boxes(group(root, "plan-chart-values")))
    marker_y = [float(c.get("cy")) for c in group(root, "plan-chart-points").iter(SVG + "circle")]
    for text, y in zip(["97.06%", "96.27%"], marker_y):
        _, top, _, bottom = value_boxes[text]
        assert min(abs(top - y), abs(bottom - y)) < 2 * FONT


def test_long_names_and_legends_are_wrapped_onto_lines():
    root = parse(spec(40, 45, target=60, name="Chart: " + "a very long name of an indicator " * 4))
    assert len(next(root.iter(SVG + "text")).findall(SVG + "tspan")) > 1


def test_japanese_wraps_between_characters_but_never_inside_brackets_or_numbers():
    assert _wrap("令和4（2022）年度", 5) == ["令和4", "（2022）", "年度"]
    assert _wrap("60%以上を目指す", 3.5) == ["60%以", "上を目", "指す"]
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
        {"points": (Point(2020, 1, "result", "1"),)},
        {"points": (Point(2020, 1, "target", "1"), Point(2021, 2, "result", "2"))},
        {"points": (Point(2020, 1, "result", "1"), Point(2021, 2, "target", "2"), Point(2022, 3, "target", "3"))},
        {"points": (Point(2020, 1, "result", "1"), Point(2021, 2, "forecast", "2"))},
        {"points": (Point(2020, 1, "result", "1"), Point(2021, float("nan"), "result", "?"))},
        {"points": (Point(2021, 1, "baseline", "1"), Point(2020, 2, "result", "2"))},
        {"series_labels": {"baseline": "Baseline"}},
    ],
)
def test_specs_that_cannot_be_drawn_correctly_are_refused(changes):
    with pytest.raises(ValueError):
        chart_svg(spec(40, 45, **changes))
