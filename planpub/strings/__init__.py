"""Every string a reader or an editor sees, one file per language: the site's interface and
the messages of ``build.py check``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def ui_strings(language: str) -> dict[str, Any]:
    return yaml.safe_load(resources.files(__package__).joinpath(f"{language}.yaml").read_text("utf-8"))
