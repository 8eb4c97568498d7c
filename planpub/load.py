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


# plan.yaml is a few levels deep; a file nested far deeper is a mistake or an attack, and would
# exhaust Python's recursion while being read.
MAX_DEPTH = 50


class _Builder:
    """Turns a composed YAML node tree into dicts, lists and scalars, noting positions."""

    def __init__(self, source: SourceMap):
        self.source = source
        self.problems: list[Diagnostic] = []
        self._scalars = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.source.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(path) > MAX_DEPTH:
            self._problem("too-deep", node, path, f"nested more than {MAX_DEPTH} levels deep")
            return None
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
    text = _read_text(path)
    try:
        _refuse_aliases(text, str(path))
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


def _read_text(path: Path) -> str:
    """The file as text: UTF-8, with or without the byte-order mark some Windows editors write."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PlanError([Diagnostic("unreadable-file", f"cannot read the file: {error.strerror}", str(path), 1, 1)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise PlanError([Diagnostic("not-utf8", "the file is not UTF-8 text: save it as UTF-8", str(path), line, column)])


def _refuse_aliases(text: str, file: str) -> None:
    """Anchors (&name) and aliases (*name) have no place in plan.yaml, and nested aliases can
    expand to billions of values: refuse them where they stand, before anything is built."""
    if "&" not in text and "*" not in text:
        return
    problems = []
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            kind = "alias *" if isinstance(event, yaml.AliasEvent) else "anchor &"
            problems.append(Diagnostic("yaml-alias", f"{kind}{event.anchor}: anchors and aliases are not allowed; write the value out",
                                       file, event.start_mark.line + 1, event.start_mark.column + 1))
    if problems:
        raise PlanError(problems)


def _syntax_diagnostic(error: yaml.MarkedYAMLError, file: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(part for part in (error.context, error.problem) if part)
    return Diagnostic("yaml-syntax", f"not valid YAML: {message}", file, line, column)
