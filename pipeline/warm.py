"""Importing this module loads what the extractors cache on first use.

The worker pool's fork server imports it once; every worker forked from it then
starts with vocabularies and compiled patterns in memory (shared copy-on-write)
instead of spending a second or more loading them on its first file, again after
each worker that was killed for a timeout.
"""

from __future__ import annotations

from pipeline.build import document_from_text
from pipeline.extract import extract_plan

SAMPLE = (
    "ỦY BAN NHÂN DÂN\nHUYỆN KIÊN HẢI\nSố: 115/KH-UBND\nKiên Hải, ngày 12 tháng 3 năm 2024\n"
    "KẾ HOẠCH\nThực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư\n"
    "I. MỤC TIÊU\nPhấn đấu đến năm 2025, 100% trạm y tế xã có bác sĩ.\n"
    "II. TỔ CHỨC THỰC HIỆN\n1. Trung tâm Y tế huyện chủ trì, báo cáo trước ngày 15/12 hằng năm.\n"
    "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n"
)


def warm_up() -> Exception | None:
    """Run the whole extraction once on a small plan; returns the error, if any."""
    try:
        extract_plan(document_from_text(SAMPLE))
    except Exception as err:  # noqa: BLE001 - a warm-up failure must not stop the fork server
        return err
    return None


WARM_ERROR = warm_up()
