"""Text with a map back to the text it was derived from.

Normalization rewrites text in many small passes (line ends, NFC, tone marks,
markdown, whitespace). Each pass records *anchors* instead of a per-character
array: a run copied unchanged, or a run that replaced a piece of the old text.
Keeping only the anchors makes a pass cost O(number of edits), and mapping an
offset back costs one binary search per pass.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True, slots=True)
class Layer:
    """Anchors of one pass: new run ``i`` starts at ``new[i]`` and comes from ``old[i]``.

    ``copied[i]`` says whether the run is a verbatim copy (offsets move together)
    or a replacement (every offset inside maps to the start of the replaced text,
    clamped to ``old_end[i]``).
    """

    new: list[int]
    old: list[int]
    old_end: list[int]
    copied: list[bool]

    def to_old(self, offset: int) -> int:
        i = bisect.bisect_right(self.new, offset) - 1
        if i < 0:
            return offset
        delta = offset - self.new[i]
        if self.copied[i]:
            return self.old[i] + delta
        return min(self.old[i] + delta, self.old_end[i])


@dataclass(slots=True)
class MappedText:
    """A string plus the stack of layers that lead back to the original string."""

    text: str
    layers: list[Layer] = field(default_factory=list)

    def sub(
        self,
        pattern: re.Pattern[str] | str,
        repl: Replacement,
        on_match: Callable[[int, str], None] | None = None,
    ) -> MappedText:
        """Replace every match, recording where the new text came from.

        ``on_match(new_start, replacement)`` is told where each replacement lands in
        the new text, so a pass can record structure it removes (a markdown heading).
        """
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        if callable(repl):
            edits = ((m.start(), m.end(), repl(m)) for m in rx.finditer(self.text))
        elif "\\" in repl:
            edits = ((m.start(), m.end(), m.expand(repl)) for m in rx.finditer(self.text))
        else:  # a plain replacement: no template to expand for every match
            edits = ((m.start(), m.end(), repl) for m in rx.finditer(self.text))
        return self.replace(edits, on_match)

    def replace(
        self,
        edits: Iterable[tuple[int, int, str]],
        on_match: Callable[[int, str], None] | None = None,
    ) -> MappedText:
        """Apply ``(start, end, replacement)`` edits, sorted and not overlapping."""
        text = self.text
        pieces: list[str] = []
        # Anchors as flat (new, old, old_end, copied) quadruples, split into the layer's four
        # lists at the end: normalization makes tens of thousands of edits per document.
        anchors: list[int | bool] = []
        old_pos = new_pos = 0
        for start, end, replacement in edits:
            if end - start == len(replacement) and replacement == text[start:end]:
                continue  # a no-op edit (the length test spares slicing for the rest)
            if start > old_pos:
                anchors += (new_pos, old_pos, start, True)
                pieces.append(text[old_pos:start])
                new_pos += start - old_pos
            anchors += (new_pos, start, end, False)
            if on_match is not None:
                on_match(new_pos, replacement)
            pieces.append(replacement)
            new_pos += len(replacement)
            old_pos = end
        if not anchors:
            return self
        anchors += (new_pos, old_pos, len(text), True)
        pieces.append(text[old_pos:])
        layer = Layer(anchors[0::4], anchors[1::4], anchors[2::4], anchors[3::4])
        return MappedText("".join(pieces), [*self.layers, layer])

    def to_original(self, offset: int) -> int:
        """Map an offset in :attr:`text` to the original string."""
        for layer in reversed(self.layers):
            offset = layer.to_old(offset)
        return offset


def to_new(layer: Layer, offset: int) -> int:
    """Map an offset of the text before ``layer`` to the text after it (forward)."""
    i = bisect.bisect_right(layer.old, offset) - 1
    if i < 0:
        return offset
    if layer.copied[i]:
        return layer.new[i] + (offset - layer.old[i])
    return layer.new[i]
