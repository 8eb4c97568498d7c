"""The README's two commands on a fresh machine: every pin installs on the oldest Python the project
supports, and every library the tools load at run time comes from a Debian package the Makefile
installs (checked here by what is loaded on this machine; `../shared/tools/freshroot` checks the
whole on pristine Debian roots)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

PROJECT = Path(__file__).resolve().parent.parent
# Packages in every Debian root (apt's own run-time libraries): the Makefile need not name them.
BASE_PACKAGES = {"libc6", "libgcc-s1", "libstdc++6"}


def _pins(requirements: Path) -> dict[str, str]:
    pins = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        if match := re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip()):
            pins[match.group(1)] = match.group(2)
    return pins


def _oldest_python() -> Version:
    """The lowest version `requires-python` admits, written out in full (">=3.11.2")."""
    required = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    match = re.fullmatch(r">=\s*(\d+\.\d+\.\d+)", required)
    assert match, f"requires-python should name the oldest supported release in full, e.g. '>=3.11.2': {required!r}"
    return Version(match.group(1))


def test_every_pin_supports_the_oldest_python_the_project_claims():
    oldest = _oldest_python()
    assert oldest <= Version("3.11.2"), "Debian 12 (bookworm) has Python 3.11.2, and the README supports it"
    pins = _pins(PROJECT / "requirements.txt") | _pins(PROJECT / "requirements-test.txt")
    refusing = {}
    for name, version in pins.items():
        distribution = metadata.distribution(name)
        assert distribution.version == version, f"{name}: {distribution.version} installed, {version} pinned"
        required = distribution.metadata.get("Requires-Python")
        if required and oldest not in SpecifierSet(required):
            refusing[f"{name}=={version}"] = required
    assert not refusing, f"pins that do not install on Python {oldest}: {refusing}"


def _makefile_list(name: str) -> set[str]:
    match = re.search(rf"^{name} := (.+)$", (PROJECT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert match, f"the Makefile has no {name}"
    return set(match.group(1).split())


def _dpkg(*arguments: str) -> str:
    return subprocess.run(["dpkg-query", *arguments], capture_output=True, text=True, timeout=60).stdout


def _package_of(path: str) -> str:
    """The Debian package a library file belongs to (dpkg registers /lib or /usr/lib, whichever
    the release used before merging /usr)."""
    unmerged = re.sub(r"^/usr/lib/", "/lib/", path)
    for candidate in dict.fromkeys((path, str(Path(path).resolve()), unmerged, "/usr" + unmerged)):
        if owner := _dpkg("-S", candidate).split(":")[0]:
            return owner
    pytest.fail(f"no Debian package owns {path}")


def _with_dependencies(packages: set[str]) -> set[str]:
    """The packages and what each one depends on directly (as installed here)."""
    depends = _dpkg("-W", "-f=${Depends}\n", *packages)
    return packages | set(re.findall(r"(?:^|[,|]\s*)([a-z0-9][a-z0-9+.-]+)", depends, re.M))


def _weasyprint_libraries() -> list[str]:
    """The shared libraries WeasyPrint opens itself (Pango, HarfBuzz, its subsetter, fontconfig,
    GObject), as mapped into a process that imported it."""
    script = ("import weasyprint, re; maps = open('/proc/self/maps').read(); "
              "print('\\n'.join(sorted(set(re.findall(r'(/\\S*lib(?:gobject-2\\.0|pango-1\\.0|pangoft2-1\\.0|harfbuzz|"
              "harfbuzz-subset|fontconfig)\\.so[.\\d]*)$', maps, re.M)))))")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120).stdout.split()


def _playwright_driver_libraries() -> list[str]:
    node = Path(__import__("playwright").__file__).parent / "driver" / "node"
    listed = subprocess.run(["ldd", str(node)], capture_output=True, text=True, timeout=60).stdout
    assert "not found" not in listed, f"Playwright's driver cannot start:\n{listed}"
    return re.findall(r"=> (/\S+)", listed)


@pytest.mark.parametrize("libraries, installed_by", [
    (_weasyprint_libraries, "PRINT_PACKAGES"),
    (_playwright_driver_libraries, "TEST_LIBRARIES"),
], ids=["weasyprint-make-site", "playwright-driver-make-test"])
def test_libraries_loaded_at_run_time_come_from_packages_the_makefile_installs(libraries, installed_by):
    provided = _with_dependencies(_makefile_list(installed_by)) | BASE_PACKAGES
    owners = {path: _package_of(path) for path in libraries()}
    assert owners, "no library found: the check itself is broken"
    unlisted = {path: owner for path, owner in owners.items() if owner not in provided}
    assert not unlisted, f"loaded at run time, but not installed by the Makefile's {installed_by}: {unlisted}"


def test_weasyprint_subsets_fonts_with_harfbuzz():
    """Without HarfBuzz's subsetter WeasyPrint prints an advisory for every font of every PDF."""
    from weasyprint.text import ffi

    assert ffi.harfbuzz_subset is not None
