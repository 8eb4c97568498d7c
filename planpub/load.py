"""Stage 1: read plan.yaml into plain Python data plus a map from field paths to source positions.

PyYAML's ``safe_load`` forgets where each value came from; editors need ``file:line:column`` for
every later error, so we compose the node tree and build the data ourselves, recording positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, PlanError

Path_ = tuple[str | int, ...]


def format_path(path: Path_) -> str:
    """``("reform", "pillars", 0, "title")`` → ``reform.pillars[0].title``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass
class SourceMap:
    """Where each field path starts in the file (1-based line and column)."""

    file: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor when the field itself is missing."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def diagnostic(self, code: str, path: Path_, message: str, **kwargs: Any) -> Diagnostic:
        line, column = self.position(path)
        return Diagnostic(code, message, self.file, line, column, format_path(path), **kwargs)


@dataclass
class LoadedPlan:
    data: Any
    source: SourceMap


class _Builder:
    """Turns a composed YAML node tree into dicts, lists and scalars, noting positions."""

    def __init__(self, source: SourceMap):
        self.source = source
        self.problems: list[Diagnostic] = []
        self._scalars = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.source.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        return self._scalars.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key = self._scalars.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key, str):
                self._problem("unsupported-key", key_node, path, "keys must be plain text names")
                continue
            if key in result:
                self._problem("duplicate-key", key_node, path + (key,), f"'{key}' is given twice in this block")
                continue
            result[key] = self.build(value_node, path + (key,))
        return result

    def _problem(self, code: str, node: yaml.Node, path: Path_, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Diagnostic(code, message, self.source.file, mark.line + 1, mark.column + 1, format_path(path))
        )


# libyaml's parser, where PyYAML was built with it, composes the same nodes with the same marks
# about ten times faster than the pure-Python one.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_plan(path: Path | str) -> LoadedPlan:
    """Read and parse ``path``; raise PlanError (never a traceback) when it cannot be read."""
    path = Path(path)
    source = SourceMap(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError([Diagnostic("unreadable-file", f"cannot read the file: {error}", str(path), 1, 1)])
    try:
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.MarkedYAMLError as error:
        raise PlanError([_syntax_diagnostic(error, str(path))])
    if root is None:
        raise PlanError([Diagnostic("empty-file", "the file is empty", str(path), 1, 1)])
    builder = _Builder(source)
    try:
        data = builder.build(root, ())
    except yaml.constructor.ConstructorError as error:
        raise PlanError([_syntax_diagnostic(error, str(path))])
    if builder.problems:
        raise PlanError(builder.problems)
    return LoadedPlan(data, source)


def _syntax_diagnostic(error: yaml.MarkedYAMLError, file: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(part for part in (error.context, error.problem) if part)
    return Diagnostic("yaml-syntax", f"not valid YAML: {message}", file, line, column)
