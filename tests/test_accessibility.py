"""The verdict of each success criterion and the conformance claim, from criteria, manual records
and audit results (planpub/accessibility.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from planpub.accessibility import CHECK_CRITERIA, load_report
from planpub.diagnostics import PlanError
from tests.conftest import PROJECT

SOURCE = PROJECT / "content" / "accessibility"


def results(**problems) -> dict:
    """Audit results with no problems except ``problems`` {check: [...]}, and one axe rule for 1.4.3."""
    checks = {"axe": [], **{check: [] for check in CHECK_CRITERIA}}
    checks.update(problems)
    return {
        "date": "2026-11-27", "browser": "Chromium", "tools": {"axe-core": "4"}, "pages": ["", "en/"],
        "checks": checks,
        "axe_rules": {"1.4.3": {"rules": ["color-contrast"], "failed": ["color-contrast"] if problems.get("axe") else []}},
    }


@pytest.fixture
def folder(tmp_path):
    shutil.copy(SOURCE / "criteria.yaml", tmp_path)
    (tmp_path / "manual-checks.yaml").write_text("[]\n", encoding="utf-8")

    def make(manual: str = "[]\n", **problems):
        (tmp_path / "manual-checks.yaml").write_text(manual, encoding="utf-8")
        (tmp_path / "results.json").write_text(json.dumps(results(**problems)), encoding="utf-8")
        return load_report(tmp_path)

    return make


def verdicts(report) -> dict[str, str]:
    return {verdict.id: verdict.result for verdict in report.verdicts}


def test_the_38_criteria_of_levels_a_and_aa():
    report = load_report(SOURCE)
    assert len(report.verdicts) == 38
    assert [v.level for v in report.verdicts].count("A") == 25


def test_checks_that_settle_a_criterion_pass_it_others_leave_it_not_verified(folder):
    found = verdicts(folder())
    assert found["4.1.1"] == "passed"  # the HTML checker and axe found nothing
    assert found["2.4.7"] == "passed"  # the Tab walk found a visible indicator everywhere
    assert found["1.4.3"] == "not-verified"  # axe alone does not settle contrast
    assert found["1.2.1"] == "not-applicable"  # no audio or video anywhere


def test_a_problem_fails_the_criterion_whatever_a_manual_record_says(folder):
    manual = "- {criterion: 1.4.3, date: 2026-11-01, result: passed, method: {ja: 確認, en: Checked}}\n"
    report = folder(manual, axe=["/: 1280 px: color-contrast"])
    assert verdicts(report)["1.4.3"] == "failed"
    assert not report.conforms


def test_a_manual_record_decides_what_no_tool_settles(folder):
    manual = (
        "- {criterion: 2.4.4, date: 2026-10-01, result: failed, method: {ja: 確認, en: Checked}}\n"
        "- {criterion: 2.4.4, date: 2026-11-01, result: passed, method: {ja: 再確認, en: Checked again}}\n"
    )
    verdict = next(v for v in folder(manual).verdicts if v.id == "2.4.4")
    assert verdict.result == "passed"  # the latest record counts
    assert verdict.manual.method.en == "Checked again"
    assert not verdict.decided_by_tools


def test_media_found_makes_the_media_criteria_apply(folder):
    assert verdicts(folder(media=["/: 1 audio, video or moving elements"]))["1.2.1"] == "not-verified"


def test_conforms_only_when_every_criterion_passed_or_does_not_apply(folder):
    report = folder()
    assert not report.conforms
    assert report.count("passed") + report.count("not-applicable") + report.count("not-verified") == 38


def test_a_record_for_an_unknown_criterion_is_an_error_naming_the_file(folder):
    with pytest.raises(PlanError) as error:
        folder("- {criterion: 9.9.9, date: 2026-11-01, result: passed, method: {ja: x, en: x}}\n")
    assert "manual-checks.yaml" in str(error.value)


def test_the_product_never_imports_the_quality_checks():
    """Rendering the results page reads the committed results and the criteria only: building
    the site needs neither the browser nor the audit's npm packages."""
    product = [f"planpub.{path.stem}" for path in (PROJECT / "planpub").glob("*.py") if path.stem != "__init__"]
    script = f"import sys; import {', '.join(product)}; print(sorted(m for m in sys.modules if m.startswith('planpub.qa')))"
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=PROJECT).stdout
    assert loaded.strip() == "[]"
