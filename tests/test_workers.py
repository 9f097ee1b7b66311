"""The supervised worker pool: one bad file costs one file, never the batch."""

from __future__ import annotations

import os
import signal
import time

import pytest

from pipeline.workers import supervised_map


def _work(item: str) -> str:
    """A stand-in parser whose misbehaviour is chosen by the item name."""
    if item.startswith("slow"):
        time.sleep(60)
    if item.startswith("hog"):
        chunks = [bytearray(64 * 2**20) for _ in range(64)]  # 4 GiB, far over the limit
        return str(len(chunks))
    if item.startswith("segv"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if item.startswith("exit"):
        os._exit(3)
    if item.startswith("bug"):
        raise KeyError("no such page")
    return item.upper()


def _failed(item: str, reason: str) -> str:
    return f"FAILED {reason}"


def _run(items, **kw) -> dict[str, str]:
    out = list(supervised_map(_work, items, on_error=_failed, **kw))
    assert sorted(i for i, _ in out) == sorted(items), "every item comes back exactly once"
    return dict(out)


def test_worker_timeout_kills_the_file_and_the_batch_goes_on():
    started = time.monotonic()
    results = _run(["a", "slow1", "b", "c"], workers=1, timeout=1.5)
    assert results["slow1"] == "FAILED gave up after 1.5 s (time limit per file)"
    assert [results[k] for k in "abc"] == ["A", "B", "C"]
    assert time.monotonic() - started < 20


def test_worker_timeouts_in_parallel_do_not_wait_for_each_other():
    started = time.monotonic()
    results = _run(["slow1", "slow2", "a", "b"], workers=2, timeout=1.0)
    assert results["slow1"].startswith("FAILED gave up after 1 s")
    assert results["slow2"].startswith("FAILED gave up after 1 s")
    assert results["a"] == "A"
    assert time.monotonic() - started < 15


def test_worker_memory_limit_turns_a_runaway_allocation_into_a_failure():
    results = _run(["hog", "a"], workers=1, memory_bytes=1 * 2**30)
    assert results["hog"].startswith("FAILED ran out of memory (limit 1024 MiB)")
    assert results["a"] == "A"


@pytest.mark.parametrize("item, signal_text", [("segv", "SIGSEGV"), ("exit", "exited with status 3")])
def test_worker_crash_costs_one_item_and_a_fresh_worker_takes_the_next(item, signal_text):
    results = _run(["a", item, "b", "c"], workers=1)
    assert results[item].startswith("FAILED the reader process")
    assert signal_text in results[item]
    assert results["b"] == "B" and results["c"] == "C"


def test_worker_unexpected_exception_is_reported_with_its_type():
    results = _run(["bug", "a"], workers=2)
    assert results["bug"].startswith("FAILED internal error while reading (KeyError")
    assert results["a"] == "A"


def test_worker_pool_with_more_workers_than_items():
    assert _run(["a"], workers=4) == {"a": "A"}
    assert _run([], workers=2) == {}


def test_unguarded_script_is_not_run_again_in_the_workers(tmp_path):
    """A script calling ingest() without ``if __name__ == "__main__"`` works once, not recursively."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for n in range(2):
        (tmp_path / f"{n}.txt").write_text(f"KẾ HOẠCH\nSố: {n + 1}/KH-UBND\nTriển khai nhiệm vụ năm 2024.\n",
                                          encoding="utf-8")
    script = tmp_path / "script.py"
    script.write_text(
        "from pipeline.ingest import ingest\nfrom pipeline.store import open_db\n"
        f"report = ingest(open_db({str(tmp_path / 'k.db')!r}), [{str(tmp_path)!r}], workers=2)\n"
        "print('RUN', sorted(r.status for r in report.results))\n",
        encoding="utf-8",
    )
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=root,
                         env={**__import__("os").environ, "PYTHONPATH": str(root)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("RUN") == 1
    assert "RUN ['ingested', 'ingested']" in run.stdout


def test_ingest_run_from_a_folder_with_its_own_pipeline_package(tmp_path):
    """The workers import kehoach's modules, not same-named packages in the current directory."""
    import subprocess
    import sys
    from pathlib import Path

    kehoach = Path(sys.executable).with_name("kehoach")
    if not kehoach.exists():
        pytest.skip("the kehoach command is not installed beside this Python")
    (tmp_path / "pipeline").mkdir()
    (tmp_path / "pipeline" / "__init__.py").write_text("raise SystemExit('the wrong pipeline package')\n")
    plans = tmp_path / "plans"
    plans.mkdir()
    for n in (1, 2):
        (plans / f"{n}.txt").write_text(f"Số: {n}/KH-UBND\nKẾ HOẠCH\nI. MỤC TIÊU\nPhấn đấu 100% xã.\n",
                                        encoding="utf-8")
    run = subprocess.run([str(kehoach), "ingest", str(plans), "--db", str(tmp_path / "k.db"), "-q"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "2 ingested" in run.stdout
