"""The implementation cascade of a directive, from the stored ``references`` edges.

Each stored reference with relation ``implements`` is an edge *citing plan → cited
document*. ``build_chain(db, "25-CT/TW")`` returns the tree of every stored plan that
implements the directive directly or through other plans (Ban Bí thư → Tỉnh ủy →
UBND tỉnh → Sở → UBND huyện → Trung tâm Y tế), each with its date and the lag in
days from the directive. Documents known only as citations are nodes too; what they
implement in turn is read from the citation's subject (``Kế hoạch số 198-KH/HU ... về
triển khai Kế hoạch số 197-KH/TU``).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date

from extractors.symbols import canonical_id, canonical_symbol, find_symbols, same_document, symbol_scope
from pipeline.errors import KehoachError

_IMPLEMENTS_SUBJECT = re.compile(r"^\W*(?:việc\s+)?(?:triển khai|thực hiện|tổ chức thực hiện)\b", re.I)


class ChainNotFound(KehoachError):
    """No stored document is or cites the requested directive."""


@dataclass(slots=True)
class ChainNode:
    """One document of the cascade; ``stored`` is False for documents known only as citations."""

    key: str
    number: str | None
    date: str | None = None
    issuer: str | None = None
    level: str | None = None
    title: str | None = None
    document_id: str | int | None = None
    stored: bool = False
    lag_days: int | None = None
    inferred: bool = False  # placed under the root because nothing says what it implements
    children: list[ChainNode] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def plan_key(number: str | None, year: int | None, province: str | None, district: str | None,
             level: str | None, document_id) -> str:
    """The canonical id a stored plan is known by (its own number, year and area)."""
    if not number:
        return f"doc:{document_id}"
    local_district = district if level in ("district", "party", "other", "commune") else None
    return canonical_id(number, year, province, local_district)


class _Graph:
    def __init__(self) -> None:
        self.nodes: dict[str, ChainNode] = {}
        self.parents: dict[str, set[str]] = {}

    def find(self, key: str) -> str | None:
        if key in self.nodes:
            return key
        stored = [k for k, n in self.nodes.items() if n.stored and same_document(k, key)]
        cited = [k for k, n in self.nodes.items() if not n.stored and same_document(k, key)]
        return (stored or cited or [None])[0]

    def node(self, key: str, number: str | None, **facts) -> str:
        found = self.find(key)
        if found is None:
            self.nodes[key] = ChainNode(key=key, number=number, **facts)
            return key
        node = self.nodes[found]
        for name, value in facts.items():
            if getattr(node, name) in (None, False) and value is not None:
                setattr(node, name, value)
        # A fuller id (with year and area) replaces a bare one.
        if len(key) > len(found) and not node.stored:
            self.nodes[key] = self.nodes.pop(found)
            self.nodes[key].key = key
            self.parents[key] = self.parents.pop(found, set())
            for ps in self.parents.values():
                if found in ps:
                    ps.discard(found)
                    ps.add(key)
            return key
        return found

    def edge(self, child: str, parent: str) -> None:
        if child != parent:
            self.parents.setdefault(child, set()).add(parent)


def _rows(db, table: str, where: str = "", params: tuple = ()) -> list[dict]:
    if table not in db.table_names():
        return []
    return list(db.query(f'select * from "{table}" {where}', params))


def _load(db, relations: tuple[str, ...]) -> _Graph:
    g = _Graph()
    by_doc: dict = {}
    for p in _rows(db, "plans"):
        key = plan_key(p.get("number"), p.get("issued_year"), p.get("issuer_province"),
                       p.get("issuer_district"), p.get("issuer_level"), p.get("document_id"))
        by_doc[p["document_id"]] = g.node(
            key, p.get("number"), date=p.get("issued_date"), issuer=p.get("issuer_name"),
            level=p.get("issuer_level"), title=p.get("title"), document_id=p["document_id"], stored=True,
        )
    marks = ",".join("?" * len(relations))
    for r in _rows(db, "references", f"where relation in ({marks})", relations):
        child = by_doc.get(r["document_id"])
        if child is None or not (r.get("canonical_id") or r.get("number")):
            continue
        key = r.get("canonical_id") or canonical_id(r["number"])
        parent = g.node(key, r.get("number"), date=r.get("date"), issuer=_cited_issuer(r),
                        level=r.get("issuer_level"))
        g.edge(child, parent)
        _subject_edge(g, parent, r.get("subject"))
    return g


def _cited_issuer(r: dict) -> str | None:
    """The cited body as the stored plans spell theirs, with its area: ``UBND tỉnh`` cited by a
    Kiên Giang plan → ``Ủy ban nhân dân tỉnh Kiên Giang``; ``Sở Y tế`` → ``Sở Y tế (Kiên Giang)``."""
    from extractors.gazetteer import Area
    from extractors.issuers import describe
    from extractors.symbols import fold

    name = r.get("issuer")
    if not name:
        return None
    province, district = r.get("issuer_province"), r.get("issuer_district")
    area = Area(province, district, None) if province else None
    label = describe(name, area).name
    if province and fold(province) not in fold(label):
        label += f" ({province})"
    return label


def _subject_edge(g: _Graph, cited: str, subject: str | None) -> None:
    """``về triển khai Kế hoạch số 197-KH/TU ...``: the cited document implements 197-KH/TU."""
    if not subject or not _IMPLEMENTS_SUBJECT.search(subject):
        return
    symbols = find_symbols(subject)
    if symbols:
        g.edge(cited, g.node(canonical_id(symbols[0].number), symbols[0].number))


def build_chain(db, root_symbol: str, relations: tuple[str, ...] = ("implements",)) -> ChainNode:
    """The cascade of every stored plan implementing ``root_symbol``, directly or not."""
    number = canonical_symbol(root_symbol)
    if not number:
        raise ChainNotFound(f"not a document symbol: {root_symbol!r}")
    g = _load(db, relations)
    root = g.find(canonical_id(number))
    if root is None:
        raise ChainNotFound(f"no stored document is or cites {number}")
    depth = _depths(g, root)
    _attach_orphans(g, root, depth)
    return _tree(g, root, depth)


def _depths(g: _Graph, root: str) -> dict[str, int]:
    """Longest path from the root down to each node it reaches (edges closing a citation
    cycle, two plans citing each other, are dropped first)."""
    children: dict[str, set[str]] = {}
    for child, parents in g.parents.items():
        for p in parents:
            children.setdefault(p, set()).add(child)
    order: list[str] = []
    dag: dict[str, list[str]] = {}
    state: dict[str, int] = {}

    def visit(key: str) -> None:
        state[key] = 1  # on the stack
        for c in sorted(children.get(key, ())):
            if state.get(c) == 1:
                continue  # back edge: a cycle
            dag.setdefault(key, []).append(c)
            if c not in state:
                visit(c)
        state[key] = 2
        order.append(key)

    visit(root)
    depth = {root: 0}
    for key in reversed(order):  # topological: parents before children
        for c in dag.get(key, ()):
            depth[c] = max(depth.get(c, 0), depth[key] + 1)
    return depth


def _attach_orphans(g: _Graph, root: str, depth: dict[str, int]) -> None:
    """A citation-only document implemented by the cascade, with no parent of its own, dated
    between the directive and the plan citing it, joins the cascade under the root."""
    root_date = g.nodes[root].date
    for child, parents in list(g.parents.items()):
        if child not in depth:
            continue
        for p in parents:
            node = g.nodes[p]
            if p in depth or node.stored or g.parents.get(p) or symbol_scope(node.number or "") == "central":
                continue  # national documents are sources of the cascade, not steps in it
            if node.date and root_date and node.date < root_date:
                continue
            if node.date and g.nodes[child].date and node.date > g.nodes[child].date:
                continue
            node.inferred = True
            g.edge(p, root)
            depth[p] = 1
    # Depths may grow now that orphans sit between the root and their citing plans.
    depth.update(_depths(g, root))


def _tree(g: _Graph, root: str, depth: dict[str, int]) -> ChainNode:
    start = _parse(g.nodes[root].date)
    built: dict[str, ChainNode] = {}
    for key in sorted(depth, key=lambda k: depth[k]):
        node = g.nodes[key]
        node.children = []
        d = _parse(node.date)
        node.lag_days = (d - start).days if d and start else None
        built[key] = node
        if key == root:
            continue
        parents = [p for p in g.parents.get(key, ()) if p in built and depth[p] < depth[key]]
        parent = max(parents, key=lambda p: (depth[p], g.nodes[p].date or ""))
        built[parent].children.append(node)
    for node in built.values():
        node.children.sort(key=lambda n: (n.date or "9999", n.number or ""))
    return built[root]


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# --- exports ----------------------------------------------------------------------------------

def _label(n: ChainNode) -> str:
    parts = [n.number or n.key]
    if n.issuer:
        parts.append(n.issuer)
    if n.date:
        parts.append(n.date)
    if n.lag_days:
        parts.append(f"+{n.lag_days} d")
    return " · ".join(parts)


def to_json(tree: ChainNode) -> str:
    return json.dumps(tree.to_dict(), ensure_ascii=False, indent=2)


def to_mermaid(tree: ChainNode) -> str:
    """A ``graph TD`` a researcher can paste into a paper; citation-only nodes are dashed."""
    ids = {n.key: f"n{i}" for i, n in enumerate(tree.walk())}
    lines = ["graph TD"]
    for n in tree.walk():
        label = _label(n).replace('"', "'")
        lines.append(f'  {ids[n.key]}["{label}"]' if n.stored else f'  {ids[n.key]}("{label}")')
        for c in n.children:
            lines.append(f"  {ids[n.key]} --> {ids[c.key]}")
    for n in tree.walk():
        if not n.stored:
            lines.append(f"  style {ids[n.key]} stroke-dasharray: 5 5")
    return "\n".join(lines)


def to_dot(tree: ChainNode) -> str:
    """Graphviz: ``dot -Tpdf``; citation-only documents are dashed boxes."""
    ids = {n.key: f"n{i}" for i, n in enumerate(tree.walk())}
    lines = ["digraph chain {", "  rankdir=TB;", "  node [shape=box];"]
    for n in tree.walk():
        label = _label(n).replace('"', "'")
        style = "" if n.stored else ", style=dashed"
        lines.append(f'  {ids[n.key]} [label="{label}"{style}];')
        for c in n.children:
            lines.append(f"  {ids[n.key]} -> {ids[c.key]};")
    lines.append("}")
    return "\n".join(lines)
