"""HTML pages: the text of the main content, without the site around it.

Portal pages wrap a plan in navigation, visit counters, share buttons and comment
forms. Elements that are chrome by their tag (nav, header, footer, form, script...)
or by their class/id are removed; the main content is ``<article>``/``<main>`` when
present, else the block holding most of the page's text.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

from pipeline.document import SourceText
from pipeline.errors import UnreadableFile
from pipeline.readers.text import decode_bytes, with_legacy_repaired

_CHROME_TAGS = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button, select, template"
_CHROME_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav|menu|breadcrumb|sidebar|footer|header|banner|comment|share|social|"
    r"counter|visit|related|tags?|login|search|advert|ads?|popup|cookie|toolbar)(?:$|[-_\s])",
    re.IGNORECASE,
)
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article", "blockquote", "pre"}


def read_html(data: bytes) -> SourceText:
    text, encoding = decode_bytes(data)
    tree = HTMLParser(text)
    for node in tree.css(_CHROME_TAGS):
        node.decompose()
    for node in list(tree.css("[class], [id]")):
        name = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _CHROME_NAME.search(name) and node.tag not in ("body", "html", "main", "article"):
            node.decompose()
    root = _main_content(tree)
    if root is None:
        raise UnreadableFile("HTML page without a body")
    out = _render(root)
    if not out.strip():
        raise UnreadableFile("HTML page with no text in its main content")
    out, encoding = with_legacy_repaired(out, encoding)
    return SourceText(text=out, format="html", encoding=encoding)


def _main_content(tree: HTMLParser) -> Node | None:
    for selector in ("article", "main", "[role=main]"):
        found = tree.css_first(selector)
        if found is not None and len(found.text(strip=True)) > 200:
            return found
    body = tree.body
    if body is None:
        return None
    total, candidates = _block_text_lengths(body)
    best, best_len = body, 0
    for node, own in candidates:
        # The deepest block that still holds most of the text is the content column.
        if own >= 0.6 * (total or 1) and own <= total and (best is body or own <= best_len):
            best, best_len = node, own
    return best


def _block_text_lengths(root: Node) -> tuple[int, list[tuple[Node, int]]]:
    """Text length under ``root`` and under each div/section/td, in document order.

    One bottom-up pass: asking each block for its text would cost the depth of
    the tree per block, minutes on a page of 100 000 nested divs.
    """
    lengths: dict[int, int] = {}
    order: list[Node] = []
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if not done:
            order.append(node)
            stack.append((node, True))
            children = []
            child = node.child
            while child is not None:
                if child.tag != "-text" and child.tag != "-comment":
                    children.append(child)
                child = child.next
            stack.extend((c, False) for c in reversed(children))
            continue
        total, child = 0, node.child
        while child is not None:
            if child.tag == "-text":
                total += len((child.text_content or "").strip())
            else:
                total += lengths.get(child.mem_id, 0)
            child = child.next
        lengths[node.mem_id] = total
    blocks = [(n, lengths[n.mem_id]) for n in order if n.tag in ("div", "section", "td")]
    return lengths[root.mem_id], blocks


def _render(root: Node) -> str:
    """Text with block elements on their own lines and table rows tab-separated."""
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _walk(node: Node, parts: list[str]) -> None:
    child = node.child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            parts.append(re.sub(r"\s+", " ", child.text_content or ""))
        elif tag == "table":
            parts.append("\n" + _table(child) + "\n")
        elif tag == "br":
            parts.append("\n")
        else:
            block = tag in _BLOCKS
            if block:
                parts.append("\n")
            _walk(child, parts)
            if block:
                parts.append("\n\n" if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6") else "\n")
        child = child.next


def _table(table: Node) -> str:
    rows = []
    for tr in table.css("tr"):
        cells = [re.sub(r"\s+", " ", c.text(separator=" ")).strip() for c in tr.css("th, td")]
        rows.append("\t".join(cells))
    return "\n".join(r for r in rows if r.strip())
