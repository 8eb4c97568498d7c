"""One language's build (planpub/site.py): any warning fails it, whatever the engine calls its loggers."""

from __future__ import annotations

import logging

import pytest

from planpub.site import SiteBuildError, build_language, warnings_logged


def test_warnings_are_collected_whatever_the_logger_is_called():
    names = ("mkdocs.commands.build", "properdocs.commands.build", "zensical", "material.plugins.search")
    with warnings_logged() as warnings:
        for name in names:
            logging.getLogger(name).warning("from %s", name)
        logging.getLogger("mkdocs.commands.build").info("Building documentation...")
    assert warnings == [f"from {name}" for name in names]


@pytest.mark.build
def test_a_warning_fails_the_build_and_says_what_it_was(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[Gone](gone.md)\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Test\ndocs_dir: docs\nsite_dir: {tmp_path / 'site'}\ntheme: mkdocs\n", encoding="utf-8")
    with pytest.raises(SiteBuildError, match=r"(?s)could not build the en site:\n.*'gone\.md'"):
        build_language("en", config)
