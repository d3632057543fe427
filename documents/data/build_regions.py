"""Build regions.csv (mainland China's provinces, prefecture-level cities and counties) from the
administrative codes (GB/T 2260 statistical codes) shipped as adcodes.csv in the MIT-licensed `cpca`
package (cpca 0.5.5, resources/adcodes.csv).

Run once when refreshing the data:  python documents/data/build_regions.py path/to/adcodes.csv
The output is committed; the app and the parser read regions.csv and never need cpca.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

# Placeholder rows in the source ("县", "市辖区") stand for groupings, not places.
PLACEHOLDER_NAMES = {"县", "市辖区", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "county"


def build(adcodes: Path, out: Path) -> int:
    rows = {}
    with adcodes.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            code, name = record["adcode"][:6], record["name"].strip()
            if name in PLACEHOLDER_NAMES or not name:
                continue
            rows[code] = (name, level_of(code))
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "level", "parent_code"])
        for code in sorted(rows):
            name, level = rows[code]
            parent = ""
            if level == "city":
                parent = code[:2] + "0000"
            elif level == "county":
                # Counties under a municipality or directly under a province have no city row.
                parent = code[:4] + "00" if code[:4] + "00" in rows else code[:2] + "0000"
            writer.writerow([code, name, level, parent])
    return len(rows)


if __name__ == "__main__":
    count = build(Path(sys.argv[1]), Path(__file__).with_name("regions.csv"))
    print(f"wrote {count} regions")
