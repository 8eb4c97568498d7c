"""Shared test helpers: the fixture plan, variants of it with one change, the real plan loaded
once, the command line, and the real plan's site built once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import project_plan

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"


def line_of(text: str, fragment: str) -> int:
    """1-based number of the first line containing ``fragment``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in text")


def files_of(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path in the site."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture
def variant(tmp_path):
    """Write the minimal plan with replacements applied; returns (path, text)."""

    def make(*replacements: tuple[str, str], name: str = "plan.yaml") -> tuple[Path, str]:
        text = MINIMAL.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, f"{old!r} is not in the fixture"
            text = text.replace(old, new, 1)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path, text

    return make


@pytest.fixture(scope="session")
def real_loaded():
    """The real plan.yaml as loaded (its data and where each value is); shared, so never changed."""
    return project_plan.loaded()


@pytest.fixture(scope="session")
def real_plan():
    """The model of the real plan.yaml."""
    return project_plan.model()


def run_cli(*arguments: str | Path, locale: str = "C.UTF-8") -> subprocess.CompletedProcess:
    """build.py as an editor runs it, in ``locale`` (which picks the language of messages)."""
    environment = {name: value for name, value in os.environ.items() if name not in ("LC_ALL", "LC_MESSAGES")}
    return subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), *map(str, arguments)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=300,
        env={**environment, "LANG": locale},
    )


@pytest.fixture(scope="session")
def real_build(tmp_path_factory):
    """The real plan, built once per test session: where to, and what the build reported."""
    from planpub.pipeline import build

    out = tmp_path_factory.mktemp("built") / "site"
    return out, build(PROJECT / "plan.yaml", out)


@pytest.fixture(scope="session")
def built_site(real_build) -> Path:
    return real_build[0]


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built plan served on 127.0.0.1."""
    from planpub.qa.audit import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One Chromium for every sync browser test of the session."""
    from tests.browser import chromium

    with chromium() as shared:
        yield shared


# The kinds of test, by what a test needs: `pytest -m unit` answers in seconds (no browser, no
# build of a site), `-m "not browser"` leaves out Chromium. A test that builds a site itself says
# so with `pytestmark = pytest.mark.build`; the rest follows from the fixtures a test uses (the real
# plan's model, real_plan or real_loaded, builds no site: a test that needs only it is a unit test).
KINDS_BY_FIXTURE = {"browser": "browser", "built_site": "build", "real_build": "build"}


def pytest_collection_modifyitems(items):
    for item in items:
        for fixture, kind in KINDS_BY_FIXTURE.items():
            if fixture in item.fixturenames:
                item.add_marker(kind)
        if not any(item.get_closest_marker(kind) for kind in ("browser", "build", "pdf")):
            item.add_marker("unit")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from what the code makes now; review the diff before committing")
