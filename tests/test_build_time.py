"""Reproducible builds: the dates a build writes come from SOURCE_DATE_EPOCH or the plan's last
revision, and two builds of the same plan from two copies of the project are byte-identical."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, datetime, timezone

import pytest

from planpub.build_time import build_time
from planpub.diagnostics import StageError
from tests.conftest import PROJECT, files_of

PROJECT_FILES = ("build.py", "mkdocs.yml", "plan.yaml", "content", "theme", "planpub")


def test_the_build_time_is_the_last_revision_unless_source_date_epoch_says_otherwise(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_time(date(2026, 11, 28)) == datetime(2026, 11, 28, tzinfo=timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_time(date(2026, 11, 28)) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(StageError, match="SOURCE_DATE_EPOCH='yesterday'"):
        build_time(date(2026, 11, 28))


def test_the_data_package_and_the_pdf_carry_the_build_time(monkeypatch, tmp_path, real_loaded, real_plan):
    from planpub.export import DESCRIPTOR, write_data
    from planpub.pdf import print_html
    from planpub.urls import Urls

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_data(real_loaded.data, real_plan, Urls(real_plan), tmp_path)
    assert '"created": "2023-11-14T22:13:20Z"' in (tmp_path / DESCRIPTOR).read_text(encoding="utf-8")
    assert '<meta name="dcterms.created" content="2023-11-14T22:13:20Z">' in print_html(real_plan, Urls(real_plan), PROJECT / "content", "en")


def test_two_copies_of_the_project_build_byte_identical_sites(built_site, tmp_path):
    """The session's site against one built by the command line from a copy elsewhere: HTML,
    sitemap, search indexes, open data and PDFs alike."""
    copy = tmp_path / "clone"
    for name in PROJECT_FILES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            copy.mkdir(exist_ok=True)
            shutil.copy2(source, copy / name)
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    run = subprocess.run([sys.executable, "build.py", "build", "--out", str(tmp_path / "site")], cwd=copy, env=environment,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    ours, theirs = files_of(built_site), files_of(tmp_path / "site")
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert any(name.endswith(".pdf") for name in ours) and "data/plan.json" in ours
