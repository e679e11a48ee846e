"""How long the plan reader takes on texts built to make it slow, against the real plans.

Each case is a plan's first lines followed by one piece repeated up to ``--size``
characters (the reader accepts up to 1,000,000): runs without a space, runs of spaces,
thousands of figures, sentences or clauses. The baseline, in the same run, is the text of
the seed plans (``LANHMANH_SEEDS_DIR`` or ../shared/seeds), read whole. A case's figure is
its time per thousand characters over the baseline's.

    python benchmarks/importer_worst_case.py [--size 200000]

Prints a line per case and ``RESULT worst_case_vs_real_per_kb=<the largest ratio>``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAD = "KẾ HOẠCH\nPhòng, chống mại dâm năm 2026\nI. CHỈ TIÊU\n"
CASES = {
    "letters without a space": "a",
    "Vietnamese without a space": "Ủyban",
    "spaces": " ",
    "figures": "1%",
    "figures and spaces": "1% ",
    "targets in clauses": "Đạt 90% số xã, ",
    "targets in sentences": "Đạt 90%. ",
    "clauses": "x: y; ",
    "committee names": "Ủy ban nhân dân tỉnh ",
    "table rows": "| 5 | 6 |\n",
    "table rules": "|   ---   |\n",
}


def _seconds(parse, text: str) -> float:
    start = time.perf_counter()
    parse(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200_000, help="characters of each case")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("LANHMANH_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanhmanh.settings")
    import django

    django.setup()
    from lanhmanh.plans.importer import parse_plan

    seeds = Path(os.environ.get("LANHMANH_SEEDS_DIR") or ROOT.parent / "shared" / "seeds")
    real = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    if not real:
        sys.exit(f"No seed plans (*.txt) in {seeds}: set LANHMANH_SEEDS_DIR.")
    parse_plan(real)  # compiled patterns, caches
    base = min(_seconds(parse_plan, real) for _ in range(3)) / (len(real) / 1000)
    print(f"seed plans: {len(real):,} characters, {base * 1000:.2f} ms per 1,000 characters")

    worst = 0.0
    for name, piece in CASES.items():
        text = HEAD + piece * (args.size // len(piece))
        seconds = _seconds(parse_plan, text)
        ratio = seconds / (len(text) / 1000) / base
        worst = max(worst, ratio)
        print(f"{name:28} {len(text):>9,} characters {seconds:7.2f} s  x{ratio:5.1f}")
    print(f"RESULT worst_case_vs_real_per_kb={worst:.1f}")


if __name__ == "__main__":
    main()
