"""The site does not lean on MkDocs itself: ProperDocs, a maintained line of MkDocs 1.6, builds
the same bytes and runs the preview.

ProperDocs comes with the test tools only (requirements-test.txt). It installs as its own module,
``properdocs``, beside MkDocs, and takes MkDocs's place only in a process that imports
``properdocs.replacement`` before anything imports ``mkdocs``, as its own command does (Material
imports ``mkdocs.*`` too). Here Python itself imports it first in every process of a run, the
build's workers included: a ``sitecustomize`` module on PYTHONPATH.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planpub.pipeline import build
from tests.conftest import MINIMAL, PROJECT, files_of

pytestmark = pytest.mark.build

SITE_URL = "https://example.org/plan/"  # canonical URLs and absolute alternates, worked out by the engine

# The engine of this process and of a build's worker (a new interpreter from a fork server), then the build.
BUILD = """
import sys
from pathlib import Path
from planpub.pipeline import build
from planpub.workers import worker_pool

with worker_pool(1) as pool:
    engines = {sys.modules["mkdocs"].__name__, pool.submit(eval, "__import__('mkdocs').__name__").result()}
assert engines == {"properdocs"}, f"built with {engines}"
build(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], pdf=False)
"""


def with_properdocs(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    """``python *arguments`` from the project folder, with ProperDocs in place of MkDocs."""
    startup = tmp_path / "startup"
    startup.mkdir(exist_ok=True)
    (startup / "sitecustomize.py").write_text("import properdocs.replacement\n", encoding="utf-8")
    paths = os.pathsep.join(filter(None, [str(startup), os.environ.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, *arguments], cwd=PROJECT, env={**os.environ, "PYTHONPATH": paths},
                          capture_output=True, text=True, timeout=600)


def test_properdocs_builds_the_site_mkdocs_builds_byte_for_byte(tmp_path):
    build(MINIMAL, tmp_path / "mkdocs", SITE_URL, pdf=False)
    run = with_properdocs(tmp_path, "-c", BUILD, str(MINIMAL), str(tmp_path / "properdocs"), SITE_URL)
    assert run.returncode == 0, run.stderr
    by_mkdocs, by_properdocs = files_of(tmp_path / "mkdocs"), files_of(tmp_path / "properdocs")
    assert sorted(by_mkdocs) == sorted(by_properdocs)
    assert [name for name in by_mkdocs if by_mkdocs[name] != by_properdocs[name]] == []


def test_the_preview_rebuilds_only_what_changed_with_properdocs(tmp_path):
    """ProperDocs's dirty build warns as MkDocs's does, under its own logger's name."""
    run = with_properdocs(tmp_path, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--basetemp={tmp_path / 'pytest'}", "tests/test_preview.py")
    assert run.returncode == 0, run.stdout[-3000:]
