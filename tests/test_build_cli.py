"""The command line as an editor uses it: exit codes, one line per problem, no traceback."""

import re

from tests.conftest import MINIMAL, PROJECT, line_of, run_cli

PROBLEM_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<path>[\w.\[\]-]+): .+ \[(?P<code>[\w-]+)\]$")


def test_check_accepts_the_real_plan():
    result = run_cli("check", "--plan", PROJECT / "plan.yaml")
    assert result.returncode == 0, result.stderr


def test_bad_input_lists_every_problem_with_its_place(variant):
    path, text = variant(
        ("departments: [planning]", "departments: [nobody]"),
        ("value: 50, comparator", "value: fifty, comparator"),
    )
    result = run_cli("check", "--plan", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    matches = [PROBLEM_LINE.match(line) for line in lines]
    assert all(matches), lines
    assert [(m["line"], m["code"]) for m in matches] == [
        (str(line_of(text, "value: fifty")), "schema-type"),
        (str(line_of(text, "departments: [nobody]")), "unknown-department"),
    ]
    assert matches[0]["file"] == str(path)


def test_malformed_yaml_is_one_clear_line(variant):
    path, text = variant(("  status: draft", "  status: 'draft"))
    result = run_cli("build", "--plan", path, "--out", path.parent / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ": not valid YAML: " in result.stderr and "[yaml-syntax]" in result.stderr
    assert not (path.parent / "site").exists()


def test_failed_build_leaves_the_previous_site_untouched(variant, tmp_path):
    out = tmp_path / "site"
    assert run_cli("build", "--plan", MINIMAL, "--out", out).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    broken, _ = variant(("terms: [test-term]", "terms: [missing-term]"), name="broken.yaml")
    result = run_cli("build", "--plan", broken, "--out", out)
    assert result.returncode == 1 and "[unknown-term]" in result.stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")]


def test_build_writes_japanese_at_the_root_and_english_under_en(tmp_path):
    out = tmp_path / "site"
    result = run_cli("build", "--plan", MINIMAL, "--out", out)
    assert result.returncode == 0, result.stderr
    assert '<html lang="ja"' in (out / "items/01/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (out / "en/items/01/index.html").read_text(encoding="utf-8")
    assert (out / "search/search_index.json").exists() and (out / "en/search/search_index.json").exists()
