"""The open data: what make site writes under data/, read back with the standard library as a
reuser would, and checked against the plan it came from."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter

import pytest
from jsonschema import Draft202012Validator

from planpub.build_time import W3C_TIME, build_time
from planpub.export import DESCRIPTOR, PLAN_JSON, SCHEMA_JSON, TABLES, csv_text, write_data
from planpub.load import load_plan
from planpub.model import build_plan
from planpub.urls import DATA, LANGUAGE_ROOTS, LANGUAGES, Urls, record_path


@pytest.fixture(scope="module")
def data(tmp_path_factory, real_loaded, real_plan):
    folder = tmp_path_factory.mktemp("data")
    listing = write_data(real_loaded.data, real_plan, Urls(real_plan), folder)
    return folder, listing


def read_csv(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark: Excel would garble the Japanese"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_the_json_validates_against_the_published_schema(data):
    folder, _ = data
    schema = json.loads((folder / SCHEMA_JSON).read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(json.loads((folder / PLAN_JSON).read_text(encoding="utf-8"))))
    assert errors == []


def test_loading_the_json_gives_the_same_model_as_loading_plan_yaml(data, real_plan):
    folder, _ = data
    assert build_plan(json.loads((folder / PLAN_JSON).read_text(encoding="utf-8"))) == real_plan


def expected_rows(plan) -> dict[str, int]:
    schedule = sum(len(a.schedule) for a in plan.actions) + sum(len(r.entries) for i in plan.initiatives for r in i.schedule_rows)
    return {
        "items": len(plan.items),
        "actions": len(plan.actions),
        "initiatives": len(plan.initiatives),
        "indicators": sum(len(i.values) + 1 + len(i.results) for i in plan.indicators),  # the plan's values, the target, results
        "progress": sum(len(e.progress) for e in [*plan.items, *plan.actions, *plan.initiatives]),
        "schedule": schedule,
        "departments": len(plan.departments),
        "glossary": len(plan.terms),
    }


def test_every_csv_parses_with_the_expected_rows_and_header(data, real_plan):
    folder, _ = data
    counts = {table.name: len(read_csv(folder / table.file)) for table in TABLES}
    assert counts == expected_rows(real_plan)
    assert counts["items"] == 24 and counts["initiatives"] == 26  # the whole plan
    for table in TABLES:
        header = (folder / table.file).read_text(encoding="utf-8-sig").splitlines()[0]
        assert header == ",".join(column.name for column in table.columns)
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", column.name) for column in table.columns)


def test_csv_cells_carry_both_languages_and_typed_values(data, real_plan):
    folder, _ = data
    items = {row["id"]: row for row in read_csv(folder / "items.csv")}
    first = real_plan.items[0]
    assert items[first.id]["title_ja"] == first.title.ja and items[first.id]["title_en"] == first.title.en
    assert items[first.id]["page_en"] == "en/items/01/"
    assert items[first.id]["department_ids"].split() == [d.id for d in first.departments]
    values = read_csv(folder / "indicators.csv")
    assert {row["kind"] for row in values} <= {"baseline", "target", "result"}
    assert all(float(row["value"]) == float(row["value"]) and int(row["year"]) for row in values)
    assert {row["new"] for row in items.values()} == {"true", "false"}
    departments = {row["id"]: row for row in read_csv(folder / "departments.csv")}
    assert departments["general-affairs"]["reading"] == "そうむか"
    assert (departments["related-divisions"]["is_group"], departments["general-affairs"]["is_group"]) == ("true", "false")


def test_the_data_package_describes_every_file_exactly(data, real_plan):
    folder, listing = data
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["created"] == build_time(real_plan.metadata.revised).strftime(W3C_TIME)
    described = {resource["path"]: resource for resource in descriptor["resources"]}
    written = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()} - {DESCRIPTOR}
    assert set(described) == written
    assert len({resource["name"] for resource in descriptor["resources"]}) == len(described)
    for path, resource in described.items():
        content = (folder / path).read_bytes()
        assert resource["bytes"] == len(content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        if resource["format"] == "csv":
            rows = read_csv(folder / path)
            header = next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
            assert header == [field["name"] for field in resource["schema"]["fields"]]
            keys = Counter(tuple(row[name] for name in resource["schema"].get("primaryKey", ())) for row in rows)
            assert "primaryKey" not in resource["schema"] or all(count == 1 for count in keys.values())
    assert [file.path for file in listing][0] == DATA + DESCRIPTOR


def test_each_item_and_initiative_has_its_own_record(data, real_plan):
    folder, _ = data
    for entity in [*real_plan.items, *real_plan.initiatives]:
        record = json.loads((folder / record_path(entity).removeprefix(DATA)).read_text(encoding="utf-8"))
        assert record["id"] == entity.id and record["title"]["ja"] == entity.title.ja


def test_the_built_site_has_the_data_and_pages_link_to_it(built_site, real_plan):
    assert (built_site / DATA / DESCRIPTOR).is_file()
    for language in LANGUAGES:
        root = built_site / LANGUAGE_ROOTS[language]
        for entity, page in ((real_plan.items[0], "items/01/"), (real_plan.initiatives[0], "initiatives/01/")):
            html = (root / page / "index.html").read_text(encoding="utf-8")
            link = re.search(rf'<a href="([^"]*{record_path(entity)})" type="application/json">', html)
            assert link and (root / page / link.group(1)).resolve() == (built_site / record_path(entity)).resolve()
        downloads = (root / "downloads" / "index.html").read_text(encoding="utf-8")
        for table in TABLES:
            link = re.search(rf'href="([^"]*{DATA}{table.file})"', downloads)
            assert link and (root / "downloads" / link.group(1)).resolve().is_file()
            assert all(f"<code>{column.name}</code>" in downloads for column in table.columns)
        assert "creativecommons.org/licenses/by/4.0/" in downloads


def test_text_that_a_spreadsheet_would_run_as_a_formula_stays_text(variant):
    path, _ = variant(("title: {ja: 事務の見直し, en: Reviewing work}", "title: {ja: '=HYPERLINK(\"https://evil.example\")', en: '@SUM(1)'}"))
    plan = build_plan(load_plan(path).data)
    items = next(table for table in TABLES if table.name == "items")
    row = next(csv.DictReader(io.StringIO(csv_text(items, plan, Urls(plan)))))
    assert (row["title_ja"], row["title_en"]) == ("'=HYPERLINK(\"https://evil.example\")", "'@SUM(1)")


def test_each_target_row_says_which_way_is_better(data):
    folder, _ = data
    rows = read_csv(folder / "indicators.csv")
    better = {row["indicator_id"]: row["better"] for row in rows if row["kind"] == "target"}
    assert better["kpi-security-incidents"] == "lower"  # target 0 (reach): the indicator states it
    assert better["indicator-net-asset-ratio"] == "higher"  # at-least says it
    assert set(better.values()) == {"higher", "lower"}
    assert {row["better"] for row in rows if row["kind"] != "target"} == {""}
