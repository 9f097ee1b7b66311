"""Which process imports what: the import graph the ingest design relies on.

The parent of an ingest writes to the database and the workers parse; each side must
not drag in the other's libraries, or every batch pays for both in both processes.
Checked in a fresh interpreter, since this test process has imported everything.
"""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

import pipeline.workers
from pipeline import ingest
from pipeline.limits import Limits


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_worker_side_imports_no_database_code(monkeypatch):
    handed = {}

    def record(fn, items, on_error, **options):
        handed.update(fn=fn, on_error=on_error)
        return iter(())

    monkeypatch.setattr(pipeline.workers, "supervised_map", record)
    list(ingest._parse_all(["a.pdf", "b.pdf"], workers=2, limits=Limits()))
    # A worker: the fork server's modules, then the function and error reporter it is handed.
    modules = _modules_after(
        "import importlib, pickle\n"
        "from pipeline.limits import WORKER_MODULES\n"
        "for name in WORKER_MODULES: importlib.import_module(name)\n"
        f"pickle.loads({pickle.dumps((handed['fn'], handed['on_error']))!r})"
    )
    assert "pipeline.readers.pdf" in modules
    assert not {"sqlite_utils", "pipeline.store", "pipeline.ingest", "numpy"} & modules


@pytest.mark.parametrize("module", ["pipeline.ingest", "pipeline.store"])
def test_writer_side_imports_no_extractor(module):
    modules = _modules_after(f"import {module}")
    assert not {m for m in modules if m.startswith(("extractors", "pipeline.readers", "pipeline.normalize"))}


def test_command_line_loads_no_library_until_a_command_runs():
    modules = _modules_after("import pipeline.cli as cli\ncli._register()")
    assert not {"sqlite_utils", "pydantic", "pipeline.document"} & modules


def test_legacy_converter_is_imported_only_for_legacy_text():
    modules = _modules_after(
        "from pipeline.readers.legacy import detect_legacy\n"
        "detect_legacy('Kế hoạch thực hiện Chỉ thị 25-CT/TW ' * 50)"
    )
    assert "viparse" not in modules
