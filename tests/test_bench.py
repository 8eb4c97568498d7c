"""The benchmark's synthetic plan must be a valid plan: a benchmark of an invalid one would
measure the error path."""

from __future__ import annotations

import yaml

from bench.synthetic import scaled_plan
from planpub.diagnostics import errors_only
from planpub.load import parse_plan
from planpub.model import build_plan
from planpub.validate import validate


def test_a_plan_three_times_larger_passes_check_with_three_times_the_content(real_loaded, real_plan):
    text = yaml.safe_dump(scaled_plan(real_loaded.data, 3), allow_unicode=True, sort_keys=False, width=10**6)
    scaled = parse_plan(text.encode("utf-8"), "plan-x3.yaml")
    assert [problem.text("en") for problem in errors_only(validate(scaled))] == []
    larger = build_plan(scaled.data)
    assert len(larger.pillars) == 3 * len(real_plan.pillars)
    items = larger.items
    assert len({item.id for item in items}) == len(items) == 3 * len(real_plan.items)
