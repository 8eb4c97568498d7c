"""Japanese search finds words inside compounds (planpub/search.py): the cutting itself, and every
query of tests/fixtures/search_queries.yaml run through the built site's real search worker
(Material's, wrapped for Japanese) in Node, each language on its own index."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml

from planpub.search import WORD_BREAK, segment, segment_index
from planpub.urls import LANGUAGE_ROOTS
from tests.conftest import FIXTURES, PROJECT

QUERIES = yaml.safe_load((FIXTURES / "search_queries.yaml").read_text(encoding="utf-8"))
PROBES = yaml.safe_load((FIXTURES / "search_probes.yaml").read_text(encoding="utf-8"))
TOP = 10  # results Material shows before "more"
# A fiscal year as residents type it, and as the site writes it, leads first to its page.
YEARS = [{"lang": "ja", "query": query, "expect": "years/2024/"} for query in ("令和6年度", "令和6（2024）年度", "2024年度")] + [
    {"lang": "en", "query": query, "expect": f"years/{query[-4:]}/"} for query in ("FY2024", "fy2022")]


def test_japanese_is_cut_into_words_and_the_rest_is_left_alone():
    spellings: set[str] = set()
    cut = segment('<a href="x">手続のオンライン化</a> DX', spellings)
    assert cut.replace(WORD_BREAK, "") == '<a href="x">手続のオンライン化</a> DX'
    assert f"手続{WORD_BREAK}の{WORD_BREAK}オンライン" in cut
    assert "手続き" in spellings  # the spelling readers type


def test_the_index_keeps_its_words_as_cut():
    index = {"config": {"lang": ["ja"], "separator": "[\\s\\-]+", "pipeline": ["trimmer"]},
             "docs": [{"location": "", "title": "窓口のデジタル化", "text": "手続"}]}
    config = segment_index(index)["config"]
    assert (config["lang"], config["pipeline"]) == (["en"], [])
    assert "\\u200b" in config["separator"]


def run_worker(site_root, queries: list[str]) -> dict:
    run = subprocess.run(["node", str(PROJECT / "tests" / "search_worker.js"), str(site_root), "/dev/stdin"],
                         input=json.dumps(queries), capture_output=True, text=True, timeout=300, check=True)
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def runs(built_site) -> dict[str, dict]:
    return {
        language: run_worker(built_site / LANGUAGE_ROOTS[language], [q["query"] for q in QUERIES + PROBES + YEARS if q["lang"] == language])
        for language in LANGUAGE_ROOTS
    }


@pytest.fixture(scope="module")
def results(runs) -> dict[str, dict[str, list[str]]]:
    return {language: run["results"] for language, run in runs.items()}


def page_of(location: str) -> str:
    return location.split("#")[0].removesuffix("index.html").removeprefix("/").removeprefix("en/")


# Material's English search, left as it is, does not relate "resilience" to the text's
# "resilient": a known miss, kept visible (strict: the test fails once it is found).
KNOWN_MISSES = {("en", "resilience")}
CASES = [
    pytest.param(case, id=f"{case['lang']}-{case['query']}",
                 marks=[pytest.mark.xfail(strict=True, reason="English stemming")] if (case["lang"], case["query"]) in KNOWN_MISSES else [])
    for case in QUERIES + PROBES
]


@pytest.mark.parametrize("case", CASES)
def test_search_finds_the_page_in_its_first_results(results, case):
    found = [page_of(location) for location in results[case["lang"]][case["query"]]]
    assert case["expect"] in found[:TOP], found[:TOP]


@pytest.mark.parametrize("case", YEARS, ids=lambda case: f"{case['lang']}-{case['query']}")
def test_a_fiscal_year_finds_its_page_first(results, case):
    found = [page_of(location) for location in results[case["lang"]][case["query"]]]
    assert found[:1] == [case["expect"]], found[:TOP]


def test_queries_cover_both_languages():
    assert sum(q["lang"] == "ja" for q in QUERIES) >= 20 and sum(q["lang"] == "en" for q in QUERIES) >= 20


@pytest.mark.parametrize("query", ["キャッシュレス化", "窓口のデジタル化", "オンライン化"])
def test_results_highlight_words_not_the_pieces_of_the_query(runs, query):
    """The query is cut into pieces to search; the pieces are not highlighted one by one (a lone
    化 marked all over the page), and the result links carry the term as typed."""
    marks, terms = runs["ja"]["marks"][query], runs["ja"]["terms"][query]
    assert query in marks
    assert not [mark for mark in marks if len(mark) == 1], marks
    assert query in terms and "化" not in terms
