"""The verdict of each success criterion and the conformance label, from criteria, manual records
and audit results (planpub/accessibility.py)."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys

import re
from datetime import date

import pytest
import yaml

from planpub.accessibility import AAA, CHECK_CRITERIA, JIS, ManualCheck, Verdict, conformance_label, load_report
from planpub.model import Text
from planpub.diagnostics import PlanError
from tests.conftest import PROJECT

SOURCE = PROJECT / "content" / "accessibility"


def results(aaa_run: bool = True, **problems) -> dict:
    """Audit results with no problems except ``problems`` {check: [...]}, one axe rule for 1.4.3 and,
    unless not ``aaa_run`` (results older than issue 27), one level AAA rule for 1.4.6."""
    checks = {"axe": [], **({"axe_aaa": []} if aaa_run else {}), **{check: [] for check in CHECK_CRITERIA}}
    checks.update(problems)
    found = {
        "date": "2026-11-27", "browser": "Chromium", "tools": {"axe-core": "4"}, "pages": ["", "en/"],
        "checks": checks,
        "axe_rules": {"1.4.3": {"rules": ["color-contrast"], "failed": ["color-contrast"] if problems.get("axe") else []}},
    }
    if aaa_run:
        failed = ["color-contrast-enhanced"] if problems.get("axe_aaa") else []
        found["axe_aaa_rules"] = {"1.4.6": {"rules": ["color-contrast-enhanced"], "failed": failed}}
    return found


@pytest.fixture
def folder(tmp_path):
    shutil.copy(SOURCE / "criteria.yaml", tmp_path)
    (tmp_path / "manual-checks.yaml").write_text("[]\n", encoding="utf-8")

    def make(manual: str = "[]\n", aaa_run: bool = True, **problems):
        (tmp_path / "manual-checks.yaml").write_text(manual, encoding="utf-8")
        (tmp_path / "results.json").write_text(json.dumps(results(aaa_run, **problems)), encoding="utf-8")
        return load_report(tmp_path)

    return make


def verdicts(report) -> dict[str, str]:
    return {verdict.id: verdict.result for verdict in report.verdicts}


def record(criterion: str, result: str, when: str = "2026-11-01", method: str = "Checked", plan: bool = True) -> str:
    """One manual-checks.yaml record, as YAML (a failed one with its plan unless not ``plan``)."""
    fields = {"criterion": criterion, "pages": ["/"], "method": {"ja": "確認", "en": method}, "date": date.fromisoformat(when),
              "result": result, "evidence": {"ja": "見た", "en": "Seen"}}
    if result == "failed" and plan:
        fields["plan"] = {"ja": "直す", "en": "To be fixed"}
    return yaml.safe_dump([fields], allow_unicode=True)


def test_the_38_criteria_of_levels_a_and_aa_the_23_of_level_aaa_and_the_12_wcag_21_added():
    report = load_report(SOURCE)
    assert len(report.jis) == 38
    assert [v.level for v in report.jis].count("A") == 25
    aaa = report.group(AAA)
    assert [v.id for v in aaa] == ["1.2.6", "1.2.7", "1.2.8", "1.2.9", "1.4.6", "1.4.7", "1.4.8", "1.4.9", "2.1.3", "2.2.3", "2.2.4", "2.2.5",
                                   "2.3.2", "2.4.8", "2.4.9", "2.4.10", "3.1.3", "3.1.4", "3.1.5", "3.1.6", "3.2.5", "3.3.5", "3.3.6"]
    assert {v.level for v in aaa} == {"AAA"}
    added = report.group("wcag21")
    assert [v.id for v in added] == ["1.3.4", "1.3.5", "1.4.10", "1.4.11", "1.4.12", "1.4.13", "2.1.4", "2.5.1", "2.5.2", "2.5.3", "2.5.4", "4.1.3"]
    assert len(report.verdicts) == len(report.jis) + len(aaa) + len(added)


def test_every_criterion_of_levels_a_and_aa_has_a_result():
    """Each criterion of levels A and AA is decided by a tool or by a recorded manual check (issue
    26): none is left untested in the committed records. Level AAA criteria may still be
    "not yet verified" (issue 27), which the results page says."""
    report = load_report(SOURCE)
    a_and_aa = [v for v in report.verdicts if v.group != AAA]
    assert [v.id for v in a_and_aa if v.result == "not-verified"] == []
    assert all(v.decided_by_tools or v.manual or v.result == "not-applicable" for v in report.verdicts if v.result != "not-verified")


def test_checks_that_settle_a_criterion_pass_it_others_leave_it_not_verified(folder):
    found = verdicts(folder())
    assert found["4.1.1"] == "passed"  # the HTML checker and axe found nothing
    assert found["2.4.7"] == "passed"  # the Tab walk found a visible indicator everywhere
    assert found["1.4.3"] == "not-verified"  # axe alone does not settle contrast
    assert found["1.2.1"] == "not-applicable"  # no audio or video anywhere


def test_a_problem_fails_the_criterion_whatever_a_manual_record_says(folder):
    report = folder(record("1.4.3", "passed"), axe=["/: 1280 px: color-contrast"])
    assert verdicts(report)["1.4.3"] == "failed"
    assert report.label != "conforms"


def test_a_manual_record_decides_what_no_tool_settles(folder):
    manual = record("2.4.4", "failed", "2026-10-01") + record("2.4.4", "passed", "2026-11-01", "Checked again")
    verdict = next(v for v in folder(manual).verdicts if v.id == "2.4.4")
    assert verdict.result == "passed"  # the latest record counts
    assert verdict.manual.method.en == "Checked again"
    assert verdict.manual.pages == ("/",)
    assert verdict.manual.evidence.en == "Seen"
    assert not verdict.decided_by_tools


def test_a_failure_seen_by_hand_outweighs_tools_that_found_nothing(folder):
    """The Tab walk found a focus indicator on every stop, but a person saw focus hidden under the
    sticky header with Shift+Tab: the criterion fails."""
    assert verdicts(folder(record("2.4.7", "failed")))["2.4.7"] == "failed"


def test_media_found_makes_the_media_criteria_apply(folder):
    assert verdicts(folder(media=["/: 1 audio, video or moving elements"]))["1.2.1"] == "not-verified"


def verdict(result: str, plan: str | None = None, group: str = JIS) -> Verdict:
    """A synthetic verdict: ``result``, with a manual record holding ``plan`` when given."""
    manual = ManualCheck("1.1.1", date(2026, 12, 5), result, Text("確認", "Checked"), ("/",), Text("見た", "Seen"),
                         Text(plan, plan) if plan else None)
    return Verdict("1.1.1", "A", group, Text("x", "x"), result, (), manual, False)


@pytest.mark.parametrize("results, label", [
    (["passed", "not-applicable", "passed"], "conforms"),
    (["passed", "failed"], "partially-conforms"),
    (["passed", "failed", "not-verified"], "considered"),  # never 一部準拠 while any is untested
    (["passed", "not-verified"], "considered"),
    ([], "conforms"),
])
def test_the_label_follows_the_waic_guideline(results, label):
    assert conformance_label([verdict(result, plan="Fix it" if result == "failed" else None) for result in results]) == label


def test_never_conforms_while_any_criterion_fails():
    assert conformance_label([verdict("passed")] * 37 + [verdict("failed", plan="Fix")]) != "conforms"


def test_partial_conformance_needs_a_plan_for_each_failed_criterion():
    assert conformance_label([verdict("passed"), verdict("failed")]) == "considered"


def test_the_wcag_21_additions_do_not_count_toward_the_label(folder):
    """An untested or failed WCAG 2.1 addition leaves the JIS label alone (it is shown apart)."""
    report = folder(record("2.1.4", "failed"))
    assert verdicts(report)["2.1.4"] == "failed"
    assert report.failed == tuple(v for v in report.jis if v.result == "failed")
    assert "2.1.4" not in [v.id for v in report.failed]
    assert report.count("failed") + report.count("passed") + report.count("not-applicable") + report.count("not-verified") == 38


def test_untested_criteria_support_only_considered(folder):
    report = folder()
    assert report.count("not-verified") > 0
    assert report.label == "considered"


def test_a_record_for_an_unknown_criterion_is_an_error_naming_the_file(folder):
    with pytest.raises(PlanError) as error:
        folder(record("9.9.9", "passed"))
    assert "manual-checks.yaml" in str(error.value)


@pytest.mark.parametrize("field", ["pages", "evidence"])
def test_a_record_says_which_pages_were_checked_and_what_was_seen(folder, field):
    fields = yaml.safe_load(record("2.4.4", "passed"))
    del fields[0][field]
    with pytest.raises(PlanError, match=field):
        folder(yaml.safe_dump(fields, allow_unicode=True))


def test_a_failed_record_states_the_plan_to_fix_it(folder):
    with pytest.raises(PlanError, match="plan"):
        folder(record("2.4.4", "failed", plan=False))


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_published_label_is_the_computed_one(built_site, language):
    """The results and policy pages of the built site state the label the committed results support."""
    report = load_report(SOURCE)
    strings = yaml.safe_load((PROJECT / "planpub" / "strings" / f"{language}.yaml").read_text(encoding="utf-8"))["accessibility"]
    root = built_site / ("en" if language == "en" else "")
    results = (root / "accessibility" / "results" / "index.html").read_text(encoding="utf-8")
    claim = re.search(rf"<dt>{re.escape(strings['claim'])}</dt>\s*<dd>(.*?)</dd>", results, re.S)
    assert claim and re.sub(r"<[^>]+>", "", claim.group(1)).strip() == strings["labels"][report.label]
    policy = html.unescape(re.sub(r"<[^>]+>", "", (root / "accessibility" / "index.html").read_text(encoding="utf-8")))
    assert strings["claims"][report.label].split("{date}")[1].split("{")[0] in policy  # "現在、…に一部準拠しています（…）。…"


# --- Issue 27: the level AAA criteria, shown apart and named in the claim -----------------------


def test_level_aaa_criteria_never_count_toward_the_label(folder):
    """All 38 criteria pass (by records), while a level AAA one fails and others are untested."""
    manual = "".join(record(v.id, "passed") for v in folder().jis if v.result == "not-verified")
    report = folder(manual + record("2.4.10", "failed"))
    assert verdicts(report)["2.4.10"] == "failed"
    assert verdicts(report)["3.1.4"] == "not-verified"
    assert report.label == "conforms"
    assert report.count("not-verified") == 0 and report.failed == ()


def test_the_level_aaa_criteria_met_are_those_that_passed(folder):
    """Passed by a record (2.4.8) or by the high-contrast axe run and a record (1.4.6); not those
    that do not apply (no media: 1.2.6) or failed (2.4.9, by the link purpose check)."""
    report = folder(record("2.4.8", "passed") + record("1.4.6", "passed") + record("2.4.9", "passed"), links=["/: 2 links “詳細”"])
    assert [v.id for v in report.aaa_met] == ["1.4.6", "2.4.8"]
    assert verdicts(report)["1.2.6"] == "not-applicable"
    assert verdicts(report)["2.4.9"] == "failed"


def test_the_high_contrast_axe_run_fails_enhanced_contrast(folder):
    report = folder(record("1.4.6", "passed"), axe_aaa=["/: 1280 px high contrast: color-contrast-enhanced"])
    verdict = next(v for v in report.verdicts if v.id == "1.4.6")
    assert verdict.result == "failed"
    assert [(f.check, f.problems, f.rules) for f in verdict.findings] == [("axe_aaa", 1, ("color-contrast-enhanced",))]
    assert next(check for check in report.checks if check.name == "axe_aaa").criteria == ("1.4.6",)


def test_results_from_before_the_aaa_checks_decide_nothing_about_them(folder):
    """Until `make audit` runs again, the committed results have no axe_aaa and no links check."""
    report = folder(aaa_run=False)
    assert "axe_aaa" not in [check.name for check in report.checks]
    assert verdicts(report)["1.4.6"] == "not-verified"


def claim_text(page) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_claim_names_the_level_aaa_criteria_met(built_site, language):
    """Both pages state, beside the label, which level AAA criteria the committed results show met."""
    report = load_report(SOURCE)
    strings = yaml.safe_load((PROJECT / "planpub" / "strings" / f"{language}.yaml").read_text(encoding="utf-8"))["accessibility"]["aaa_claims"]
    met = [v.id for v in report.aaa_met]
    values = {"total": 23, "count": len(met), "criteria": ", ".join(met)}
    sentence = strings["some" if met else "none"].format(**values)
    root = built_site / ("en" if language == "en" else "")
    for page in (root / "accessibility" / "index.html", root / "accessibility" / "results" / "index.html"):
        assert sentence in claim_text(page), page


def test_the_product_never_imports_the_quality_checks():
    """Rendering the results page reads the committed results and the criteria only: building
    the site needs neither the browser nor the audit's npm packages."""
    product = [f"planpub.{path.stem}" for path in (PROJECT / "planpub").glob("*.py") if path.stem != "__init__"]
    script = f"import sys; import {', '.join(product)}; print(sorted(m for m in sys.modules if m.startswith('planpub.qa')))"
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=PROJECT).stdout
    assert loaded.strip() == "[]"
