"""The implementation cascade built from the stored references table."""

import json

import pytest
import sqlite_utils

from conftest import SEEDS
from pipeline import chain
from pipeline.build import document_from_text
from pipeline.extract import extract_plan


def _db(plans, refs):
    """A database with the ``plans`` and ``references`` layout of pipeline.store."""
    db = sqlite_utils.Database(memory=True)
    db["plans"].insert_all(plans, pk="document_id")
    if refs:
        db["references"].insert_all(refs)
    return db


def _plan(doc_id, number, issued, name, level, province, district=None):
    return {"document_id": doc_id, "number": number, "issued_date": issued, "issued_year": int(issued[:4]),
            "issuer_name": name, "issuer_level": level, "issuer_province": province,
            "issuer_district": district, "title": f"Kế hoạch {number}"}


def _ref(doc_id, number, cid, date, relation="implements", issuer=None, subject=None):
    return {"document_id": doc_id, "number": number, "canonical_id": cid, "date": date,
            "relation": relation, "issuer": issuer, "subject": subject}


@pytest.fixture
def cascade():
    plans = [
        _plan(1, "197-KH/TU", "2024-03-07", "Ban Thường vụ Tỉnh ủy Kiên Giang", "party", "Kiên Giang"),
        _plan(2, "176/KH-UBND", "2024-05-31", "UBND tỉnh Kiên Giang", "province", "Kiên Giang"),
        _plan(3, "120/KH-UBND", "2024-07-08", "UBND huyện Kiên Hải", "district", "Kiên Giang", "Kiên Hải"),
        _plan(4, "194/KH-TTYT", "2024-10-23", "Trung tâm Y tế huyện Kiên Hải", "district", "Kiên Giang", "Kiên Hải"),
        _plan(5, "55/KH-UBND", "2024-02-01", "UBND tỉnh Lạng Sơn", "province", "Lạng Sơn"),
    ]
    refs = [
        _ref(1, "25-CT/TW", "25-CT/TW@2023", "2023-10-25", issuer="Ban Bí thư"),
        _ref(2, "197-KH/TU", "197-KH/TU@2024@kien-giang", "2024-03-07"),
        _ref(3, "176/KH-UBND", "176/KH-UBND@2024@kien-giang", "2024-05-31"),
        _ref(4, "120/KH-UBND", "120/KH-UBND@2024@kien-giang/kien-hai", "2024-07-08"),
        _ref(4, "25-CT/TW", "25-CT/TW@2023", "2023-10-25"),
        _ref(5, "25-CT/TƯ", "25-CT/TW", None),  # spelled differently, no date: same directive
        _ref(5, "1300/QĐ-BYT", "1300/QD-BYT@2023", "2023-03-09", relation="legal_basis"),
    ]
    return _db(plans, refs)


def _numbers(node, depth=0):
    yield depth, node.number
    for c in node.children:
        yield from _numbers(c, depth + 1)


def test_chain_follows_plans_through_levels(cascade):
    tree = chain.build_chain(cascade, "25-CT/TW")
    assert list(_numbers(tree)) == [
        (0, "25-CT/TW"), (1, "55/KH-UBND"), (1, "197-KH/TU"), (2, "176/KH-UBND"), (3, "120/KH-UBND"), (4, "194/KH-TTYT"),
    ]


def test_chain_lag_in_days_from_directive(cascade):
    tree = chain.build_chain(cascade, "25-CT/TW")
    lags = {n.number: n.lag_days for n in tree.walk()}
    assert lags["197-KH/TU"] == 134 and lags["194/KH-TTYT"] == 364 and lags["25-CT/TW"] == 0


def test_root_known_only_as_citation_is_a_node(cascade):
    tree = chain.build_chain(cascade, "25- CT/TW")
    assert tree.stored is False and tree.issuer == "Ban Bí thư" and tree.date == "2023-10-25"


def test_legal_basis_is_not_implementation(cascade):
    with pytest.raises(chain.ChainNotFound):
        chain.build_chain(cascade, "1300/QĐ-BYT")
    tree = chain.build_chain(cascade, "1300/QĐ-BYT", relations=("implements", "legal_basis"))
    assert [c.number for c in tree.children] == ["55/KH-UBND"]


def test_unknown_symbol_raises(cascade):
    with pytest.raises(chain.ChainNotFound):
        chain.build_chain(cascade, "99-CT/TW")


def test_citation_only_intermediates_from_subject():
    """A plan citing a chain of plans it does not store: the subjects link them."""
    plans = [_plan(1, "194/KH-TTYT", "2024-10-23", "Trung tâm Y tế huyện Kiên Hải", "district", "Kiên Giang", "Kiên Hải")]
    refs = [
        _ref(1, "120/KH-UBND", "120/KH-UBND@2024@kien-giang/kien-hai", "2024-07-08",
             subject="triển khai Kế hoạch số 198-KH/HU ngày 26-6-2024 của Huyện ủy Kiên Hải"),
        _ref(1, "198-KH/HU", "198-KH/HU@2024@kien-giang/kien-hai", "2024-06-26",
             subject="triển khai Kế hoạch số 197-KH/TU ngày 07-3-2024"),
        _ref(1, "197-KH/TU", "197-KH/TU@2024@kien-giang", "2024-03-07", subject="thực hiện Chỉ thị 25-CT/TW"),
        _ref(1, "25-CT/TW", "25-CT/TW@2023", "2023-10-25"),
    ]
    tree = chain.build_chain(_db(plans, refs), "25-CT/TW")
    assert list(_numbers(tree)) == [(0, "25-CT/TW"), (1, "197-KH/TU"), (2, "198-KH/HU"), (3, "120/KH-UBND"), (4, "194/KH-TTYT")]
    assert [n.stored for n in tree.walk()] == [False, False, False, False, True]


def test_citation_cycle_does_not_loop():
    plans = [_plan(1, "10/KH-UBND", "2024-01-10", "UBND tỉnh Nam Định", "province", "Nam Định"),
             _plan(2, "11/KH-SYT", "2024-01-20", "Sở Y tế", "department", "Nam Định")]
    refs = [_ref(1, "11/KH-SYT", "11/KH-SYT@2024@nam-dinh", "2024-01-20"),
            _ref(2, "10/KH-UBND", "10/KH-UBND@2024@nam-dinh", "2024-01-10"),
            _ref(1, "25-CT/TW", "25-CT/TW@2023", "2023-10-25")]
    tree = chain.build_chain(_db(plans, refs), "25-CT/TW")
    assert [n.number for n in tree.walk()] == ["25-CT/TW", "10/KH-UBND", "11/KH-SYT"]


@pytest.mark.parametrize("render, marker", [
    (chain.to_mermaid, "graph TD"), (chain.to_dot, "digraph chain"), (chain.to_json, '"children"'),
])
def test_exports(cascade, render, marker):
    out = render(chain.build_chain(cascade, "25-CT/TW"))
    assert marker in out and "194/KH-TTYT" in out


def test_json_export_round_trips(cascade):
    data = json.loads(chain.to_json(chain.build_chain(cascade, "25-CT/TW")))
    assert data["number"] == "25-CT/TW" and data["children"][0]["lag_days"] == 99


def test_chain_over_stored_seeds(tmp_path):
    """The seeds stored through pipeline.store: Kiên Hải's cascade and Thanh Hóa's plan."""
    store = pytest.importorskip("pipeline.store")
    db = store.open_db(tmp_path / "k.db")
    for folder in SEEDS:
        path = folder / "source.txt"
        doc = document_from_text(path.read_text(encoding="utf-8"), path=str(path))
        store.store_document(db, doc, extract_plan(doc))
    tree = chain.build_chain(db, "25-CT/TW")
    numbers = [n.number for n in tree.walk()]
    assert {"194/KH-TTYT", "153/KH-UBND", "197-KH/TU", "198-KH/HU", "120/KH-UBND"} <= set(numbers)
    path = [d for d, n in _numbers(tree) if n == "194/KH-TTYT"]
    assert path and path[0] >= 3
