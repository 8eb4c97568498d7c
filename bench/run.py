"""The build benchmark: ``make bench`` (or ``.venv/bin/python bench/run.py [--runs 3] [--scale 10]``).

Measures the real plan and a synthetic plan ``--scale`` times larger (bench/synthetic.py), each
figure the median of ``--runs`` runs, side by side in one run because machines are noisy; prints a
table and writes bench/results/build.json. Not part of ``make test``: it takes several minutes.

- time: ``build.py check`` as a process; generation (YAML → Markdown) and MkDocs per language; the
  two languages one after the other and at once, for HTML and PDF; the HTML and PDF stages as
  processes, with their peak memory; ``make site`` (warm); the preview's latency;
- size: every page's HTML, the first view of every page (bench/weight.py), the search indexes and
  what one query downloads, the PDFs, the whole site;
- Lighthouse's mobile scores, when it is installed (bench/lighthouse.py);
- the targets of issue 11, each with its figure and whether it is met.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the project, for its package

from planpub.pipeline import check  # noqa: E402 - after the project is on the path
from planpub.project import PROJECT  # noqa: E402
from bench import preview_latency, weight  # noqa: E402
from bench.synthetic import scaled_plan  # noqa: E402
from planpub.accessibility import load_report  # noqa: E402
from planpub.load import load_plan  # noqa: E402
from planpub.pdf import build_pdfs, print_html, write_pdf  # noqa: E402
from planpub.render import Downloads, render_language, template_environment  # noqa: E402
from planpub.site import base_config, build_language, build_languages, write_language  # noqa: E402
from planpub.urls import LANGUAGE_ROOTS, LANGUAGES, Urls  # noqa: E402

RESULTS = HERE / "results" / "build.json"
PYTHON = sys.executable


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(arguments: list[str], runs: int) -> dict[str, float]:
    """Median wall time of a command; for a stage (bench/stage.py), its peak memory in MiB too."""
    seconds, memory = [], []
    for _ in range(runs):
        start = time.perf_counter()
        run = subprocess.run(arguments, cwd=PROJECT.root, capture_output=True, text=True)
        seconds.append(time.perf_counter() - start)
        if run.returncode != 0:
            raise SystemExit(f"{' '.join(map(str, arguments))} failed: {run.stderr[-2000:]}")
        if "bench/stage.py" in arguments:
            memory.append(json.loads(run.stdout.splitlines()[-1])["memory_mib"])
    return {"seconds": statistics.median(seconds)} | ({"memory_mib": statistics.median(memory)} if memory else {})


def stage_times(plan_path: Path, work: Path, runs: int, pdf: bool) -> dict:
    """Generation and MkDocs per language, the languages in turn and at once, and with ``pdf`` the
    PDFs alike."""
    plan = check(plan_path).plan
    urls = Urls(plan)
    environment = template_environment(PROJECT.content)
    report = load_report(PROJECT.accessibility)
    base = base_config(PROJECT.root, None)
    figures: dict = {"generation": {}, "mkdocs": {}, "pdf": {}}
    rendered = {}
    for language in LANGUAGES:
        figures["generation"][language] = median_seconds(lambda: render_language(plan, urls, environment, language, report, Downloads()), runs)
        rendered[language] = render_language(plan, urls, environment, language, report, Downloads())
    configs = {language: write_language(base, PROJECT.root, plan, rendered[language], work, work / "site" / language)[0] for language in LANGUAGES}
    for language in LANGUAGES:
        figures["mkdocs"][language] = median_seconds(lambda: build_language(language, configs[language]), runs)
    figures["mkdocs"]["both at once"] = median_seconds(lambda: build_languages(configs), runs)
    figures["pages"] = len(urls.pages)
    if not pdf:
        return figures
    documents = {language: print_html(plan, urls, PROJECT.content, language) for language in LANGUAGES}
    pdf_runs = max(1, runs // 2)  # the slowest figures: fewer runs
    for language in LANGUAGES:
        figures["pdf"][language] = median_seconds(lambda: write_pdf(documents[language], PROJECT.content, work / f"{language}.pdf"), pdf_runs)
    figures["pdf"]["both at once"] = median_seconds(lambda: build_pdfs(plan, urls, PROJECT.content, work), pdf_runs)
    return figures


def sizes(site: Path) -> dict:
    """Bytes of what the site serves: pages, search indexes, PDFs, everything."""
    pages = {path.relative_to(site).as_posix(): path.stat().st_size for path in site.rglob("*.html")}
    indexes = {}
    for language in LANGUAGES:
        raw = (site / LANGUAGE_ROOTS[language] / "search" / "search_index.json").read_bytes()
        indexes[language] = {"bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, 9))}
    return {
        "pages": len(pages),
        "page_html_bytes": {"median": statistics.median(pages.values()), "largest": max(pages.values()),
                            "largest_page": max(pages, key=pages.get)},
        "search_index": indexes,
        "site_bytes": sum(path.stat().st_size for path in site.rglob("*") if path.is_file()),
    }


def measure_plan(name: str, plan_path: Path, work: Path, runs: int, browser_pages: list[str] | None, pdf_stages: bool) -> dict:
    """Every figure of one plan; the PDFs one language after the other only with ``pdf_stages``
    (on the scaled plan that alone would take longer than the rest)."""
    print(f"{name}: check, stages, processes …", file=sys.stderr)
    figures = {"check_process": process([PYTHON, "build.py", "check", "--plan", str(plan_path)], runs)}
    figures |= stage_times(plan_path, work / "stages", runs, pdf_stages)
    site, pdfs = work / "site", work / "pdf"
    figures["html_process"] = process([PYTHON, "bench/stage.py", "html", str(plan_path), str(site)], runs)
    figures["pdf_process"] = process([PYTHON, "bench/stage.py", "pdf", str(plan_path), str(pdfs)], max(1, runs // 2))
    figures["sizes"] = sizes(site) | {"pdf_bytes": {path.name: path.stat().st_size for path in pdfs.glob("*.pdf")}}
    print(f"{name}: preview latency …", file=sys.stderr)
    figures["preview"] = preview_latency.measure(plan_path, work / "preview", runs)
    print(f"{name}: first view and search in the browser …", file=sys.stderr)
    figures["weight"] = weight.measure(site, browser_pages)
    return figures


def targets(real: dict, big: dict, scale: int) -> list[dict]:
    """Issue 11's targets, each with its figure."""
    mkdocs_sum = sum(real["mkdocs"][language] for language in LANGUAGES)
    pdf_sum = sum(real["pdf"][language] for language in LANGUAGES)
    at_once = real["mkdocs"]["both at once"] + real["pdf"]["both at once"]
    rows = [
        ("generation ÷ MkDocs stage", sum(real["generation"].values()) / mkdocs_sum, 0.10),
        ("build.py check, seconds", real["check_process"]["seconds"], 0.5),
        ("both languages at once ÷ one after the other (HTML and PDF)", at_once / (mkdocs_sum + pdf_sum), 0.65),
        ("preview: seconds from saving to the change served", real["preview"]["seconds"], 2.0),
        ("preview: pages rewritten after a change to one item", real["preview"]["pages_rebuilt"], 2),
        ("largest first view of a page, KB gzip-compressed", real["weight"]["largest_first_view_gzip"] / 1000, 80),
        ("requests outside the site", len(real["weight"]["outside_requests"]), 0),
        ("largest download of one search query, KB gzip-compressed", real["weight"]["largest_query_gzip"] / 1000, 200),
    ]
    for stage in ("html", "pdf"):
        for figure, unit in (("seconds", "time"), ("memory_mib", "memory")):
            ratio = big[f"{stage}_process"][figure] / real[f"{stage}_process"][figure]
            rows.append((f"{scale}× plan ÷ real plan, {stage.upper()} {unit}", ratio, scale * 1.1))
    return [{"target": name, "figure": round(figure, 3), "at most": limit, "met": figure <= limit} for name, figure, limit in rows]


def print_table(results: dict) -> None:
    width = max(len(row["target"]) for row in results["targets"])
    for row in results["targets"]:
        print(f"{row['target']:<{width}}  {row['figure']:>9}  ≤ {row['at most']:<6} {'met' if row['met'] else 'NOT MET'}")
    for name in ("real", "scaled"):
        plan = results[name]
        print(f"\n{name} plan ({plan['pages']} pages a language):")
        print(f"  check {plan['check_process']['seconds']:.2f} s; generation " + ", ".join(f"{k} {v:.2f} s" for k, v in plan["generation"].items()))
        print("  MkDocs " + ", ".join(f"{k} {v:.2f} s" for k, v in plan["mkdocs"].items())
              + "; PDF " + (", ".join(f"{k} {v:.2f} s" for k, v in plan["pdf"].items()) or "(in turn: real plan only)"))
        print(f"  HTML process {plan['html_process']['seconds']:.1f} s, {plan['html_process']['memory_mib']:.0f} MiB; "
              f"PDF process {plan['pdf_process']['seconds']:.1f} s, {plan['pdf_process']['memory_mib']:.0f} MiB")
        print(f"  preview {plan['preview']['seconds']:.2f} s; site {plan['sizes']['site_bytes'] / 1e6:.1f} MB; "
              f"largest first view {plan['weight']['largest_first_view_gzip'] / 1000:.0f} KB gz ({plan['weight']['largest_first_view_page']})")
    if "make_site_seconds" in results:
        print(f"\nmake site (warm): {results['make_site_seconds']:.1f} s")
    if results.get("lighthouse"):
        print("Lighthouse (mobile): " + json.dumps(results["lighthouse"], ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--out", type=Path, default=RESULTS)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planpub-bench-") as temporary:
        work = Path(temporary)
        big_plan = work / f"plan-x{arguments.scale}.yaml"
        big_plan.write_text(yaml.safe_dump(scaled_plan(load_plan(PROJECT.plan).data, arguments.scale),
                                           allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
        results = {"runs": arguments.runs, "scale": arguments.scale, "cpus": os.cpu_count()}
        results["real"] = measure_plan("real plan", PROJECT.plan, work / "real", arguments.runs, None, pdf_stages=True)
        save(results, arguments.out)  # each step as it ends: a long run that fails keeps what it measured
        results["scaled"] = measure_plan(f"{arguments.scale}× plan", big_plan, work / "scaled", arguments.runs, weight.SAMPLE, pdf_stages=False)
        save(results, arguments.out)
        results["make_site_seconds"] = process(["make", "--no-print-directory", "site"], 1)["seconds"]
        from bench import lighthouse

        results["lighthouse"] = lighthouse.scores(PROJECT.plan)
        results["targets"] = targets(results["real"], results["scaled"], arguments.scale)
    save(results, arguments.out)
    print_table(results)


def save(results: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
