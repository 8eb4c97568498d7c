"""The command line as an editor uses it: exit codes, one line per problem, no traceback."""

import re

import pytest

from planpub.urls import PDF_NAMES
from tests.conftest import MINIMAL, PROJECT, line_of, run_cli

pytestmark = pytest.mark.build

PROBLEM_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<path>[\w.\[\]-]+): .+ \[(?P<code>[\w-]+)\]$")


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory):
    """The fixture plan built by the command line without the PDFs, which these tests never read
    (the build-time test makes them by the command line); the site, and what the build said."""
    out = tmp_path_factory.mktemp("minimal") / "site"
    result = run_cli("build", "--plan", MINIMAL, "--out", out, "--no-pdf")
    assert result.returncode == 0, result.stderr
    return out, result.stderr


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
    assert run_cli("build", "--plan", MINIMAL, "--out", out, "--no-pdf").returncode == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    broken, _ = variant(("terms: [test-term]", "terms: [missing-term]"), name="broken.yaml")
    result = run_cli("build", "--plan", broken, "--out", out)
    assert result.returncode == 1 and "[unknown-term]" in result.stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")]


def test_build_writes_japanese_at_the_root_and_english_under_en(minimal_site):
    out, said = minimal_site
    assert '<html lang="ja"' in (out / "items/01/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (out / "en/items/01/index.html").read_text(encoding="utf-8")
    assert (out / "search/search_index.json").exists() and (out / "en/search/search_index.json").exists()
    assert said.count("No site_url") == 1  # says once what it left out
    assert not (out / "sitemap.xml").exists() and not (out / "en/sitemap.xml").exists()
    for not_found in (out / "404.html", out / "en/404.html"):  # served at any depth
        html = not_found.read_text(encoding="utf-8")
        assert 'href="/" hreflang="ja"' in html and 'href="/en/" hreflang="en"' in html
        assert 'href="//' not in html


def test_site_url_gives_canonical_urls_counterpart_alternates_and_one_sitemap(tmp_path):
    out = tmp_path / "site"
    result = run_cli("build", "--plan", MINIMAL, "--out", out, "--site-url", "https://example.org/plan/", "--no-pdf")
    assert result.returncode == 0 and "No site_url" not in result.stderr
    html = (out / "en/items/01/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/plan/en/items/01/">' in html
    for language, href in (("ja", "https://example.org/plan/items/01/"), ("en", "https://example.org/plan/en/items/01/"), ("x-default", "https://example.org/plan/items/01/")):
        assert f'<link rel="alternate" href="{href}" hreflang="{language}">' in html
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/plan/items/01/</loc>" in sitemap and "<loc>https://example.org/plan/en/items/01/</loc>" in sitemap
    assert not (out / "en/sitemap.xml").exists()
    assert 'href="https://example.org/plan/en/" hreflang="en"' in (out / "404.html").read_text(encoding="utf-8")


def test_without_pdfs_no_page_offers_one(minimal_site):
    out, _ = minimal_site
    assert list(out.rglob("*.pdf")) == []
    offering = [page for page in out.rglob("*.html")
                if "application/pdf" in (html := page.read_text(encoding="utf-8")) or any(name in html for name in PDF_NAMES.values())]
    assert offering == []


def test_every_page_describes_itself(minimal_site):
    out, _ = minimal_site
    item = (out / "en/items/01/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="To work more efficiently.">' in item
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="最初の段落です。 二つ目の段落です。">' in home


def test_messages_are_japanese_in_a_japanese_locale_or_with_lang_ja(variant):
    path, text = variant(("departments: [planning]", "departments: [plannning]"))
    english = run_cli("check", "--plan", path)
    by_locale = run_cli("check", "--plan", path, locale="ja_JP.UTF-8")
    by_option = run_cli("check", "--plan", path, "--lang", "ja")
    assert english.returncode == by_locale.returncode == by_option.returncode == 1
    assert by_locale.stderr == by_option.stderr
    place = f"{path}:{line_of(text, 'departments: [plannning]')}:"
    assert english.stderr.startswith(place) and by_option.stderr.startswith(place)
    assert "initiatives[initiative-01].departments[0]: no department has the id 'plannning'; did you mean 'planning'?" in english.stderr
    assert "initiatives[initiative-01].departments[0]: ID「plannning」の部署はありません。'planning'の間違いではありませんか" in by_option.stderr
    assert english.stderr.rstrip().endswith("[unknown-department]") and by_option.stderr.rstrip().endswith("[unknown-department]")
    assert run_cli("check", "--plan", path, "--lang", "en", locale="ja_JP.UTF-8").stderr == english.stderr


def test_every_message_the_code_names_is_in_both_catalogues():
    from planpub.strings import ui_strings

    named = set()
    for module in (PROJECT / "planpub").glob("*.py"):
        named |= set(re.findall(r'message\(\s*"([a-z-]+)"', module.read_text(encoding="utf-8")))
    assert len(named) > 40
    for language in ("en", "ja"):
        assert named - set(ui_strings(language)["messages"]) == set(), language


def test_the_hosted_workflow_runs_the_commands_the_readme_documents():
    import yaml

    workflow = yaml.safe_load((PROJECT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    runs = {job: [step.get("run", "") for step in spec["steps"]] for job, spec in workflow["jobs"].items()}
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "make test" in runs["test"] and "make site" in runs["publish"]
    assert "make test" in readme and "make site" in readme
    assert workflow["jobs"]["publish"]["needs"] == "test"
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key "on" as true
