"""Hostile and malformed plan files (issue 10): each answered by `build.py` with a clear message
naming file and line, exit code 1 and no traceback, fast, and the previous site left untouched;
and what some editors save (a byte-order mark, CRLF line endings) accepted."""

from __future__ import annotations

import time

import pytest

from tests.conftest import MINIMAL, run_cli

pytestmark = pytest.mark.build

NESTED_ALIASES = "\n".join(
    [f"a0: &a0 [{', '.join(['x'] * 9)}]"]
    + [f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]" for level in range(1, 9)]
) + "\n"
DEEP_BLOCKS = "plan:\n" + "".join("  " * depth + "- \n" for depth in range(1, 300))


def fixture_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory):
    """A site built from the good fixture, which no failed build may touch (without the PDFs: the
    tests compare only when its files were written)."""
    out = tmp_path_factory.mktemp("previous") / "site"
    assert run_cli("build", "--plan", MINIMAL, "--out", out, "--no-pdf").returncode == 0
    return out, {path: path.stat().st_mtime_ns for path in out.rglob("*")}


CASES = {
    "nested aliases": (NESTED_ALIASES.encode(), 1, "anchors and aliases are not allowed"),
    "nested a few thousand lists deep": (("plan: " + "[" * 3000 + "]" * 3000 + "\n").encode(), 1, "nesting depth"),
    "nested deep in blocks": (DEEP_BLOCKS.encode(), None, "nested more than"),
    "unknown key at the end": ((fixture_text() + "unknown_thing: 1\n").encode(), len(fixture_text().splitlines()) + 1,
                               "unknown field unknown_thing"),
    "key that is not text": (fixture_text().replace("plan:\n", "plan:\n  ? [a, b]\n  : 1\n", 1).encode(), 3, "keys must be plain text"),
    "not UTF-8": (fixture_text().replace("テスト計画", "テスト計画\udcff", 1).encode("utf-8", "surrogateescape"), None, "not UTF-8"),
    "megabytes with an error at the end": ((fixture_text() + "".join(f"# {'padding ' * 12}{n}\n" for n in range(40000))
                                            + "plan: again\n").encode(), len(fixture_text().splitlines()) + 40001, ""),
}


@pytest.mark.parametrize("name", CASES)
def test_hostile_input_is_refused_fast_with_its_line_and_no_traceback(name, previous_site, tmp_path):
    content, line, words = CASES[name]
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    out, before = previous_site
    started = time.monotonic()
    result = run_cli("build", "--plan", path, "--out", out)
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and words in result.stderr, result.stderr[-800:]
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:{line}:" if line else f"{path}:"), first
    assert elapsed < 5, f"{name} took {elapsed:.1f} s"  # about a second, most of it starting Python
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom and crlf"])
def test_a_byte_order_mark_and_windows_line_endings_are_accepted(variant, tmp_path):
    text = fixture_text().replace("\n", "\r\n") if "crlf" in variant else fixture_text()
    path = tmp_path / "plan.yaml"
    path.write_bytes(("\ufeff" if "bom" in variant else "").encode() + text.encode("utf-8"))
    result = run_cli("check", "--plan", path)
    assert result.returncode == 0, result.stderr
