"""How well the plan importer reads a folder of documents labelled in a GOLD.json.

    python benchmarks/importer_eval.py FOLDER [--details]

FOLDER holds the documents (.txt, .md, .docx, .pdf) and a GOLD.json in the format of the
seeds' (shared/seeds/README.md). For each document and in total it prints the recall of
targets (quote, comparator, figures, second figures and agency as labelled), of agencies
given assignments, of header fields (kind, title, issuer, unit, year, number, date, signer,
signature, bases), and the false positives: extracted targets that match no labelled one
(by quote and figures), as a share of all extracted targets. ``--details`` lists what was
missed and what was extra. Matching is the acceptance test's (tests/plans/
test_importer_gold.py): lenient on case, accents and dash spacing, quotes matching when
one contains the other.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lanhmanh.plans.importer import parse_plan, read_document

HEADER_FIELDS = (
    "kind",
    "title",
    "issuer",
    "unit",
    "year",
    "number",
    "date",
    "signer",
    "signature",
    "bases",
)


def key(text: str | None) -> str:
    """Case-, accent- and space-insensitive key; no spaces around dashes."""
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("–", "-").replace("—", "-")
    return re.sub(r"\s*-\s*", "-", " ".join(text.split()))


def contains_either(a: str, b: str) -> bool:
    ka, kb = key(a), key(b)
    return bool(ka and kb) and (ka in kb or kb in ka)


def same_figures(found: dict, gold: dict, strict: bool = True) -> bool:
    """Same comparator, unit and figures; ``strict`` also compares the second figures and
    the agency when the label gives them."""
    if found["comparator"] != gold["comparator"] or found["unit"] != gold["unit"]:
        return False
    if gold["comparator"] == "between":
        if (found.get("low"), found.get("high")) != (gold["low"], gold["high"]):
            return False
    elif found.get("value") != gold["value"]:
        return False
    if not strict:
        return True
    if "also" in gold and found.get("also", {}) != gold["also"]:
        return False
    return not ("agency" in gold and not contains_either(found.get("agency") or "", gold["agency"]))


def target_found(found: list[dict], gold: dict) -> bool:
    return any(contains_either(t["quote"], gold["quote"]) and same_figures(t, gold) for t in found)


def is_false_positive(target: dict, golds: list[dict]) -> bool:
    return not any(
        contains_either(target["quote"], g["quote"]) and same_figures(target, g, strict=False)
        for g in golds
    )


def header_matches(found: dict, gold: dict) -> dict[str, bool]:
    unit, gold_unit = found.get("unit") or {}, gold.get("unit") or {}
    return {
        "kind": found.get("kind") == gold.get("kind"),
        "title": bool(gold.get("title_contains"))
        and key(gold["title_contains"]) in key(found.get("title")),
        "issuer": key(found.get("issuer")) == key(gold.get("issuer")),
        "unit": (unit.get("name"), unit.get("level"), unit.get("parent"))
        == (gold_unit.get("name"), gold_unit.get("level"), gold_unit.get("parent")),
        "year": found.get("year") == gold.get("year"),
        "number": found.get("number") == gold.get("number"),
        "date": found.get("date") == gold.get("date"),
        "signer": found.get("signer") == gold.get("signer"),
        "signature": key(found.get("signature")).replace(" ", "")
        == key(gold.get("signature")).replace(" ", ""),
        "bases": {key(b) for b in gold.get("bases", [])} <= {key(b) for b in found["bases"]},
    }


@dataclass
class Score:
    targets: int = 0
    targets_gold: int = 0
    agencies: int = 0
    agencies_gold: int = 0
    header: int = 0
    header_gold: int = 0
    extracted: int = 0
    false_positives: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "targets",
            "targets_gold",
            "agencies",
            "agencies_gold",
            "header",
            "header_gold",
            "extracted",
            "false_positives",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score(found: dict, gold: dict) -> Score:
    s = Score()
    for target in gold["targets"]:
        s.targets_gold += 1
        if target_found(found["targets"], target):
            s.targets += 1
        else:
            s.missed.append(f"target: {target['quote']}")
    for agency in gold["agencies"]:
        s.agencies_gold += 1
        if any(contains_either(agency, f) for f in found["agencies"]):
            s.agencies += 1
        else:
            s.missed.append(f"agency: {agency}")
    for name, ok in header_matches(found, gold).items():
        s.header_gold += 1
        s.header += ok
        if not ok:
            s.missed.append(f"header {name}: {found.get(name)!r}")
    s.extracted = len(found["targets"])
    for target in found["targets"]:
        if is_false_positive(target, gold["targets"]):
            s.false_positives += 1
            s.extra.append(f"{target['quote']} ({target['comparator']} {target['unit']})")
    return s


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    –"


def evaluate(folder: Path, details: bool = False, out=sys.stdout) -> Score:
    gold = json.loads((folder / "GOLD.json").read_text(encoding="utf-8"))
    total = Score()
    print(
        f"{'document':<40} {'targets':>14} {'agencies':>14} {'header':>14} {'false pos.':>14}",
        file=out,
    )
    for entry in gold:
        found = parse_plan(read_document(folder / entry["file"])).to_dict()
        s = score(found, entry)
        total.add(s)
        print(
            f"{entry['file'][:40]:<40} "
            f"{s.targets:>3}/{s.targets_gold:<3}{_percent(s.targets, s.targets_gold)} "
            f"{s.agencies:>3}/{s.agencies_gold:<3}{_percent(s.agencies, s.agencies_gold)} "
            f"{s.header:>3}/{s.header_gold:<3}{_percent(s.header, s.header_gold)} "
            f"{s.false_positives:>3}/{s.extracted:<3}{_percent(s.false_positives, s.extracted)}",
            file=out,
        )
        if details:
            for line in s.missed:
                print(f"    missed {line}", file=out)
            for line in s.extra:
                print(f"    extra  {line}", file=out)
    print(
        f"{'TOTAL':<40} "
        f"{total.targets:>3}/{total.targets_gold:<3}{_percent(total.targets, total.targets_gold)} "
        f"{total.agencies:>3}/{total.agencies_gold:<3}"
        f"{_percent(total.agencies, total.agencies_gold)} "
        f"{total.header:>3}/{total.header_gold:<3}{_percent(total.header, total.header_gold)} "
        f"{total.false_positives:>3}/{total.extracted:<3}"
        f"{_percent(total.false_positives, total.extracted)}",
        file=out,
    )
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="documents and their GOLD.json")
    parser.add_argument("--details", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    evaluate(args.folder, details=args.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
