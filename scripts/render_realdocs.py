"""Render the real documents (corpus/realdocs/*.txt) to DOCX and PDF outside the repository.

    python scripts/render_realdocs.py --out /tmp/rd [STEM-PART ...]

Each realdoc becomes ``OUT/<stem>/source.txt`` (a copy), ``source.docx`` and
``source.pdf`` with the layout of corpus/render.py (two-column header and closing,
Word tables). Only one realdoc is committed in rendered form; the others are for
comparing what the readers make of each rendition (scripts/compare_renditions.py).
This is a separate script rather than an option of corpus/render.py because that
script's stamp covers its own bytes: editing it would re-stamp every committed rendition.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_render():
    spec = importlib.util.spec_from_file_location("corpus_render", ROOT / "corpus" / "render.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class _Report:
    """render.Report without the path relative to the repository (OUT is outside it)."""

    failed = False

    def add(self, path: Path, status: str) -> None:
        size = path.stat().st_size if path.exists() else 0
        print(f"{status:10} {size / 1024:7.1f} KB  {path}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to render into")
    parser.add_argument("--force", action="store_true", help="re-render PDFs even when up to date")
    parser.add_argument("--no-pdf", action="store_true", help="write DOCX files only")
    parser.add_argument("--no-page-numbers", action="store_true",
                        help="leave out the page numbers at the top of pages 2, 3, ...")
    parser.add_argument("stems", nargs="*", help="only realdocs whose file stem contains one of these")
    args = parser.parse_args(argv)
    render = load_render()
    paths = [p for p in sorted((ROOT / "corpus" / "realdocs").glob("*.txt"))
             if not args.stems or any(s in p.stem for s in args.stems)]
    if not paths:
        parser.error("no realdoc matches")
    opts = render.Options(args.force, False, not args.no_pdf, page_numbers=not args.no_page_numbers)
    renderer = render.Renderer() if opts.pdf else None
    report = _Report()
    try:
        for path in paths:
            render.render_realdoc(path, args.out / path.stem, opts, renderer, report)
    finally:
        if renderer:
            renderer.close()
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
