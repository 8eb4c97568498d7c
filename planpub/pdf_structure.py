"""The structure tree and link annotations of a PDF that WeasyPrint 70 wrote, made to conform to
PDF/UA-1 where WeasyPrint's own are not (planpub/pdf.py runs this on each PDF it writes):

- running heads and page numbers (margin boxes) are marked content that no structure element
  holds: they become pagination artifacts, as does a table header repeated on a further page;
- a table split across pages is one Table, its rows in one body; every header cell has a Scope and
  the ids its data cells refer to can be looked up (the structure tree's IDTree);
- a link with a printed page number after it (``a::after``) was two annotations, one inside the
  other: it is one, with /Contents that say where it leads;
- in a document in another language, text in Japanese (the names and quotations marked
  ``lang="ja"`` in the HTML, the only Japanese an English page prints) has /Lang ja.

It works on the written file with pikepdf, not inside WeasyPrint, so that a WeasyPrint that does
these itself only makes steps here find nothing to do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
PAGINATION = Dictionary(Type=Name.Pagination)


@dataclass(frozen=True)
class LinkWording:
    """What a link annotation's /Contents say, as str.format templates."""

    internal: str  # {target}: the text of what the link leads to; {page}: its page number
    external: str  # {url}


@dataclass
class _Tree:
    pdf: pikepdf.Pdf
    pages: dict[tuple[int, int], int] = field(default_factory=dict)  # page object → its index

    def __post_init__(self) -> None:
        self.pages = {page.obj.objgen: index for index, page in enumerate(self.pdf.pages)}

    @property
    def root(self) -> Dictionary:
        return self.pdf.Root.StructTreeRoot

    def elements(self, start: Dictionary | None = None) -> Iterator[Dictionary]:
        """The structure elements under ``start`` (by default the whole tree), in document order."""
        pending = list(reversed([kid for kid in _kids(start if start is not None else self.root) if _is_element(kid)]))
        while pending:
            node = pending.pop()
            yield node
            pending.extend(reversed([kid for kid in _kids(node) if _is_element(kid)]))


def _is_element(kid) -> bool:
    return isinstance(kid, Dictionary) and "/S" in kid


def _kids(element: Dictionary) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _set_kids(element: Dictionary, kids: list) -> None:
    element.K = Array(kids)


def _role(element: Dictionary) -> str:
    return str(element.S)[1:]


def _children(element: Dictionary, role: str) -> list[Dictionary]:
    return [kid for kid in _kids(element) if _is_element(kid) and _role(kid) == role]


def _detach(element: Dictionary) -> None:
    """Takes ``element`` out of its parent, and a parent left empty out of its own."""
    parent = element.P
    _set_kids(parent, [kid for kid in _kids(parent) if not (_is_element(kid) and kid.objgen == element.objgen)])
    if not _kids(parent) and "/P" in parent and _role(parent) != "Document":
        _detach(parent)


def _adopt(parent: Dictionary, kids: list) -> None:
    for kid in kids:
        if _is_element(kid):
            kid.P = parent
    _set_kids(parent, _kids(parent) + kids)


# --- tables ---

def _merge_split_tables(tree: _Tree) -> None:
    """A Table without a Caption continues the one before it (every table of the plan has a
    caption; WeasyPrint prints it on the table's first page only)."""
    current = None
    for table in [element for element in tree.elements() if _role(element) == "Table"]:
        if current is None or _children(table, "Caption"):
            current = table
            continue
        _merge_table(current, table, tree)


def _merge_table(first: Dictionary, more: Dictionary, tree: _Tree) -> None:
    heads = _children(more, "THead")
    if heads and _children(first, "THead"):  # a header repeated on the next page: an artifact
        renamed = dict(zip(_header_ids(heads[0]), _header_ids(_children(first, "THead")[0])))
        _rename_headers(more, renamed)
        _set_kids(more, [kid for kid in _kids(more) if not (_is_element(kid) and _role(kid) == "THead")])
    for kid in _kids(more):
        bodies = _children(first, "TBody")
        if _is_element(kid) and _role(kid) == "TBody" and bodies:
            _adopt(bodies[-1], _kids(kid))
        else:
            _adopt(first, [kid])
    _set_kids(more, [])
    _detach(more)


def _header_ids(head: Dictionary) -> list[str]:
    return [str(cell.ID) for cell in _cells(head) if "/ID" in cell]


def _cells(element: Dictionary) -> Iterator[Dictionary]:
    for kid in _kids(element):
        if _is_element(kid):
            if _role(kid) in ("TH", "TD"):
                yield kid
            elif _role(kid) in ("THead", "TBody", "TFoot", "TR"):
                yield from _cells(kid)


def _rename_headers(table: Dictionary, renamed: dict[str, str]) -> None:
    for cell in _cells(table):
        if "/A" in cell and "/Headers" in cell.A:
            cell.A.Headers = Array([pikepdf.String(renamed.get(str(header), str(header))) for header in cell.A.Headers])


def _scope_and_ids(tree: _Tree) -> None:
    """Every TH has a Scope (a column's header in THead, a row's in a body, as in the HTML's
    scope="col" and scope="row"), and the structure tree an IDTree for the ids that data cells'
    Headers name."""
    ids = {}
    for table in [element for element in tree.elements() if _role(element) == "Table"]:
        for part in [kid for kid in _kids(table) if _is_element(kid)]:
            for cell in _cells(part):
                if _role(cell) == "TH":
                    cell.A.Scope = Name.Column if _role(part) == "THead" else Name.Row
                if "/ID" in cell:
                    ids[str(cell.ID)] = cell
    if ids:
        id_tree = pikepdf.NameTree.new(tree.pdf)
        for identifier, cell in sorted(ids.items()):
            id_tree[identifier] = cell
        tree.root.IDTree = id_tree.obj


# --- links ---

def _one_annotation_per_link(tree: _Tree, parents: dict[int, pikepdf.Object]) -> None:
    """A link's parts that WeasyPrint gave annotations of their own (the printed page number after
    an internal link, a Link inside the Link; a span inside it) give them up: the link keeps one,
    whose area covers theirs where they share its line. A Link inside a Link gives its text to the
    outer one."""
    for link in _outermost_links(tree):
        kids = []
        for kid in _kids(link):
            kids.extend(_flattened(link, kid, tree, parents) if _is_element(kid) and _role(kid) == "Link" else [kid])
        _set_kids(link, kids)
        held = [(element, reference) for element in [link, *tree.elements(link)] for reference in _annotation_references(element)]
        if held:
            _keep_first(link, held, parents)


def _outermost_links(tree: _Tree) -> list[Dictionary]:
    links, pending = [], [kid for kid in _kids(tree.root) if _is_element(kid)]
    while pending:
        element = pending.pop()
        if _role(element) == "Link":
            links.append(element)
        else:
            pending.extend(kid for kid in _kids(element) if _is_element(kid))
    return links


def _annotation_references(element: Dictionary) -> list[Dictionary]:
    return [kid for kid in _kids(element) if isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR"]


def _flattened(link: Dictionary, inner: Dictionary, tree: _Tree, parents: dict[int, pikepdf.Object]) -> list:
    """The kids of a Link inside ``link``, now ``link``'s own (its annotation reference too, for
    _keep_one to weigh)."""
    page_index = tree.pages[inner.Pg.objgen]
    for kid in _kids(inner):
        if isinstance(kid, int):
            parents[page_index][kid] = link  # the outer link now holds the page number's text
        elif _is_element(kid):
            kid.P = link
        elif kid.get("/Type") == "/OBJR":
            parents[int(kid.Obj.StructParent)] = link
    return _kids(inner)


def _keep_first(link: Dictionary, held: list[tuple[Dictionary, Dictionary]], parents: dict[int, pikepdf.Object]) -> None:
    """The link's first annotation stays, held by the Link itself; any other is taken off its page,
    its area added to the first one's where they share a line."""
    (element, first), kept = held[0], held[0][1].Obj
    if element.objgen != link.objgen:
        _drop(element, first)
        _set_kids(link, [first, *_kids(link)])
        parents[int(kept.StructParent)] = link
    for element, reference in held[1:]:
        annotation = reference.Obj
        _drop(element, reference)
        reference.Pg.Annots = Array([other for other in reference.Pg.Annots if other.objgen != annotation.objgen])
        if _same_line(kept.Rect, annotation.Rect):
            kept.Rect = _union(kept.Rect, annotation.Rect)
        parents[int(annotation.StructParent)] = None


def _drop(element: Dictionary, reference: Dictionary) -> None:
    _set_kids(element, [kid for kid in _kids(element) if not (isinstance(kid, Dictionary) and kid.objgen == reference.objgen)])


def _same_line(first: Array, second: Array) -> bool:
    return float(first[1]) < float(second[3]) and float(second[1]) < float(first[3])


def _union(first: Array, second: Array) -> Array:
    return Array([min(float(first[0]), float(second[0])), min(float(first[1]), float(second[1])),
                  max(float(first[2]), float(second[2])), max(float(first[3]), float(second[3]))])


def _describe_links(tree: _Tree, targets: dict[str, str], wording: LinkWording) -> None:
    destinations = pikepdf.NameTree(tree.pdf.Root.Names.Dests) if "/Names" in tree.pdf.Root and "/Dests" in tree.pdf.Root.Names else {}
    for page in tree.pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                name = str(annotation.Dest)
                page_number = tree.pages[destinations[name][0].objgen] + 1 if name in destinations else ""
                annotation.Contents = pikepdf.String(wording.internal.format(target=targets.get(name, name), page=page_number))
            elif "/A" in annotation and "/URI" in annotation.A:
                annotation.Contents = pikepdf.String(wording.external.format(url=str(annotation.A.URI)))


# --- artifacts and languages, page by page ---

def _reachable(tree: _Tree) -> set[tuple[int, int]]:
    return {element.objgen for element in tree.elements()}


def _text_decoders(page: pikepdf.Page) -> dict[str, Callable[[bytes], str]]:
    """Each font's bytes to text, by its resource name, from its ToUnicode map (WeasyPrint's fonts
    are two-byte Identity-H CID fonts with a bfchar map)."""
    decoders = {}
    for name, font in page.obj.Resources.get("/Font", {}).items():
        mapping = {}
        if "/ToUnicode" in font:
            cmap = font.ToUnicode.read_bytes().decode("latin-1")
            for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", cmap):
                mapping[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", "replace")
        decoders[name] = lambda data, mapping=mapping: "".join(mapping.get(int.from_bytes(data[index:index + 2], "big"), "")
                                                             for index in range(0, len(data) - 1, 2))
    return decoders


def _shown_text(operands, decode: Callable[[bytes], str]) -> str:
    parts = operands[0] if operands and isinstance(operands[0], Array) else operands
    return "".join(decode(bytes(part)) for part in parts if isinstance(part, pikepdf.String))


def _mark_page(pdf: pikepdf.Pdf, page: pikepdf.Page, index: int, real: Callable[[pikepdf.Object], bool],
               parents: dict[int, pikepdf.Object], language: str) -> None:
    """Marked content that no element of the tree holds becomes a pagination artifact; the text of
    each element shown in Japanese in a document in another language gets /Lang ja."""
    owners = parents.get(index)
    decoders, font = _text_decoders(page), None
    instructions, texts, open_ids = [], {}, []
    for operands, operator in pikepdf.parse_content_stream(page):
        if operator == Operator("BDC") and len(operands) == 2 and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
            identifier = int(operands[1].MCID)
            owner = owners[identifier] if owners is not None and identifier < len(owners) else None
            if owner is None or not real(owner):
                if owners is not None and identifier < len(owners):
                    owners[identifier] = None
                operands = [Name.Artifact, PAGINATION]
                identifier = None
            open_ids.append(identifier)
        elif operator in (Operator("BDC"), Operator("BMC")):
            open_ids.append(None)
        elif operator == Operator("EMC") and open_ids:
            open_ids.pop()
        elif operator == Operator("Tf"):
            font = str(operands[0])
        elif operator in (Operator("Tj"), Operator("TJ")) and open_ids and open_ids[-1] is not None and font in decoders:
            texts[open_ids[-1]] = texts.get(open_ids[-1], "") + _shown_text(operands, decoders[font])
        instructions.append(pikepdf.ContentStreamInstruction(operands, operator))
    page.obj.Contents = pikepdf.Stream(pdf, pikepdf.unparse_content_stream(instructions))
    if language != "ja":
        for identifier, text in texts.items():
            if JAPANESE.search(text):
                owners[identifier].Lang = pikepdf.String("ja")


def conform(path: Path, targets: dict[str, str], wording: LinkWording) -> None:
    """Rewrites the tagged PDF at ``path`` in place. ``targets``: the text of each element that an
    internal link leads to, by its id (the name of its destination)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = _Tree(pdf)
        language = str(pdf.Root.get("/Lang", ""))
        numbers = tree.root.ParentTree.Nums
        parents = {int(numbers[index]): numbers[index + 1] for index in range(0, len(numbers), 2)}
        _merge_split_tables(tree)
        _scope_and_ids(tree)
        _one_annotation_per_link(tree, parents)
        _describe_links(tree, targets, wording)
        reachable = _reachable(tree)
        for index, page in enumerate(pdf.pages):
            _mark_page(pdf, page, index, lambda owner: owner.objgen in reachable, parents, language)
        tree.root.ParentTree = Dictionary(Nums=Array([item for number, value in sorted(parents.items())
                                                      if value is not None for item in (number, value)]))
        pdf.save(path, deterministic_id=True)  # the same PDF for the same plan, build after build
