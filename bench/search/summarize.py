"""Prints the comparison table of REPORT.md from results/*.json (run the option scripts first).
Run: cd /work/main && .venv/bin/python bench/search/summarize.py"""

from __future__ import annotations

import json

import common


def main() -> None:
    rows = []
    for path in sorted(common.RESULTS.glob("*.json")):
        if path.name.startswith("browser_"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        s = data["summary"]
        browser = common.RESULTS / f"browser_{data['option']}.json"
        checked = ""
        if browser.exists():
            b = json.loads(browser.read_text(encoding="utf-8"))
            found = {lang: sum(r["found"] for r in b["rows"] if r["lang"] == lang and r["set"] == "main") for lang in ("ja", "en")}
            axe = {lang: len(v) for lang, v in b["axe"].items()}
            checked = f"Chromium: ja {found['ja']}, en {found['en']}; axe violations ja {axe['ja']}, en {axe['en']}"
        misses = [r["query"] for r in data["rows"] if not r["found"] and r["set"] == "main"]
        rows.append((data["option"], f"{s['ja']['found']}/25", f"{s['en']['found']}/20",
                     f"{s['ja_probes']['found']}/12", f"{s['ja']['mean_recall']}", f"{data['facts'].get('build_seconds_added')}",
                     checked, ", ".join(misses)))
    print("| option | ja /25 | en /20 | ja probes /12 | ja literal recall | build s added | browser check | misses |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
