"""Whatever an editor types, the pipeline answers with diagnostics or a site, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from planpub.accessibility import load_report
from planpub.diagnostics import PlanError, errors_only
from planpub.load import load_plan
from planpub.model import build_plan
from planpub.render import render_site
from planpub.urls import Urls
from planpub.validate import validate
from planpub.workers import worker_pool
from tests.cases import mutations
from tests.conftest import MINIMAL, PROJECT

REPORT = load_report(PROJECT / "content" / "accessibility")

def run_pipeline(path):
    """Every stage up to rendering, in process; returns the diagnostics, or None when it rendered."""
    try:
        loaded = load_plan(path)
    except PlanError as error:
        return error.diagnostics
    problems = errors_only(validate(loaded))
    if problems:
        return problems
    plan = build_plan(loaded.data)
    render_site(plan, Urls(plan), PROJECT / "content", REPORT)
    return None


@pytest.mark.parametrize("odd, codes", [
    (".nan", {"not-finite"}), (".inf", {"not-finite"}),
    ("1e400", {"schema-type"}),  # YAML 1.1 reads a number without a point as text
    ("-0.0", set()), ("0.1e-30", set()), ("99999999999999999999", set()),  # numbers: the site is rendered
])
def test_odd_numbers_inside_flow_mappings(tmp_path, odd, codes):
    path = tmp_path / "plan.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    path.write_text(text.replace("value: 50,", f"value: {odd},").replace("value: 53}", f"value: {odd}}}"), encoding="utf-8")
    diagnostics = run_pipeline(path) or []
    assert {diagnostic.code for diagnostic in diagnostics} == codes
    assert all(diagnostic.line > 1 for diagnostic in diagnostics)


def _mutated_outcome(job: tuple[int, str, Path]) -> str | None:
    """Run the pipeline on the fixture with one line replaced: None when it rendered or gave
    well-formed diagnostics, else what went wrong."""
    number, replacement, folder = job
    lines = MINIMAL.read_text(encoding="utf-8").splitlines()
    path = folder / f"plan-{number}-{abs(hash(replacement))}.yaml"
    path.write_text("\n".join(lines[:number] + [replacement] + lines[number + 1 :]), encoding="utf-8")
    try:
        result = run_pipeline(path)
    except Exception as error:  # noqa: BLE001 - the point is that nothing escapes
        return f"line {number + 1} as {replacement.strip()!r} raised {error!r}"
    if result and not all(d.line >= 1 and d.column >= 1 and d.code for d in result):
        return f"line {number + 1} as {replacement.strip()!r} gave a diagnostic without a place or code"
    return None


def test_every_wrong_scalar_gives_diagnostics_not_a_crash(tmp_path):
    jobs = [(number, replacement, tmp_path) for number, replacement in mutations()]
    assert len(jobs) > 100
    with worker_pool(2) as pool:  # independent runs: use both cores
        failures = [outcome for outcome in pool.map(_mutated_outcome, jobs, chunksize=8) if outcome]
    assert failures == []
