"""Write ``extractors/data/admin_units.json`` from the ``vietnamadminunits`` package.

    pip install vietnamadminunits && python scripts/build_admin_units.py

The gazetteer needs only names: the 63 provinces and their districts as they were
before the 2025 reform, and which merged province each old one joined. The package
ships those in a much larger dataset (wards, coordinates, a geocoder) that takes
close to a second to import; kehoach reads this small extract instead. The
package's data is MIT-licensed (Copyright (c) 2025 Tran Ngoc Minh Hieu); the file keeps
that notice.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "extractors" / "data" / "admin_units.json"


def build() -> dict:
    from vietnamadminunits.converter import converter_2025
    from vietnamadminunits.parser import parser_from_2025, parser_legacy

    new_name = {
        old: parser_from_2025.DICT_PROVINCE[new]["provinceShort"]
        for new, olds in converter_2025.DICT_PROVINCE.items()
        for old in olds
    }
    provinces = [
        {"name": p["provinceShort"], "full": p["province"], "province_2025": new_name.get(key)}
        for key, p in parser_legacy.DICT_PROVINCE.items()
    ]
    districts = [
        {"name": d["districtShort"], "full": d["district"], "province": parser_legacy.DICT_PROVINCE[key]["provinceShort"]}
        for key, units in parser_legacy.DICT_PROVINCE_DISTRICT.items()
        for d in units.values()
        if d["districtShort"]
    ]
    return {
        "source": f"vietnamadminunits {version('vietnamadminunits')}: MIT License, Copyright (c) 2025 Tran Ngoc Minh Hieu",
        "note": "Provinces and districts before the 2025 reform; province_2025 is the merged province.",
        "provinces": provinces,
        "districts": districts,
    }


if __name__ == "__main__":
    data = build()
    # One unit per line: small diffs when the package's data changes.
    lines = [json.dumps({k: v for k, v in data.items() if isinstance(v, str)}, ensure_ascii=False)[:-1] + ","]
    for key in ("provinces", "districts"):
        rows = ",\n".join(json.dumps(row, ensure_ascii=False) for row in data[key])
        lines.append(f'"{key}": [\n{rows}\n]' + ("," if key == "provinces" else ""))
    OUT.write_text("\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"wrote {OUT}")
