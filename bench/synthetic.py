"""A plan several times larger than the real one, to show how the build's cost grows with the plan.

Every part, indicator group, pillar, guideline and editorial note is repeated ``factor`` times.
Each copy gets new ids (``item-01`` → ``item-01-x2``) and numbers after the real ones, and every
reference inside the copy to an id the copy defines is renamed with it, so the copy links to
itself and to the shared registries (departments, units, terms) exactly as the original does.
The result must pass the same validation as the real plan: a benchmark of an invalid plan would
measure the error path.
"""

from __future__ import annotations

import copy
from typing import Any

from planpub.markup import FOOTNOTE_REFERENCE
from planpub.validate import walk

# The lists whose entries make up the plan's content; registries (departments, units, terms,
# terminology) are shared by every copy.
OFFSET = 100  # numbers of copy n start at (n - 1) × 100: the real plan numbers each kind below 100
CONTENT_LISTS = (("parts",), ("indicator_groups",), ("reform", "pillars"), ("informatization", "guidelines"), ("editorial_notes",))


def scaled_plan(data: dict, factor: int) -> dict:
    """``data`` (a loaded plan) with its content repeated ``factor`` times in all."""
    scaled = copy.deepcopy(data)
    lists = [(_at(scaled, keys[:-1]), keys[-1]) for keys in CONTENT_LISTS if keys[-1] in _at(scaled, keys[:-1])]
    originals = {name: parent[name] for parent, name in lists}
    ids = {node["id"] for _, node in walk(list(originals.values())) if isinstance(node, dict) and isinstance(node.get("id"), str)}
    for number in range(2, factor + 1):
        copy_of = _Copy(number, {identifier: f"{identifier}-x{number}" for identifier in ids})
        for parent, name in lists:
            parent[name] = parent[name] + copy_of.entries(originals[name])
    return scaled


def _at(data: dict, keys: tuple[str, ...]) -> dict:
    for key in keys:
        data = data[key]
    return data


class _Copy:
    """Copy ``number`` of the content: ids and references to them renamed, and numbers that must
    be unique in the plan (entity numbers make page URLs; footnote marks are numbered once in
    the plan) moved past every earlier copy's, keeping their order."""

    def __init__(self, number: int, renamed: dict[str, str]):
        self.offset = (number - 1) * OFFSET
        self.renamed = renamed

    def entries(self, entries: list) -> list:
        return [self._copied(entry) for entry in entries]

    def _copied(self, node: Any) -> Any:
        if isinstance(node, dict):
            result = {key: self._copied(value) for key, value in node.items()}
            if "id" in node and isinstance(node.get("number"), int) and not isinstance(node["number"], bool):
                result["number"] = node["number"] + self.offset
            if isinstance(node.get("mark"), str) and node["mark"].isdigit():
                result["mark"] = str(int(node["mark"]) + self.offset)
            return result
        if isinstance(node, list):
            return [self._copied(value) for value in node]
        if isinstance(node, str):
            text = self.renamed.get(node, node)
            return FOOTNOTE_REFERENCE.sub(lambda match: f"[^{int(match[1]) + self.offset}]", text)
        return node
