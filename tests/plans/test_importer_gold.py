"""The acceptance test of the importer: the five real documents against GOLD.json.

GOLD lists what a careful reader finds; the importer may find more but must find these.
Matching is lenient where the documents are: agency names compare without case, accents or
dash spacing and match when one contains the other; a target matches when its quote and
the GOLD quote contain one another and its comparator, unit and figures are the same.
"""

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest

from lanhmanh.plans.importer import parse_plan

SEEDS = Path(
    os.environ.get("LANHMANH_SEEDS_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
)
GOLD = json.loads((SEEDS / "GOLD.json").read_text(encoding="utf-8"))


def key(text: str | None) -> str:
    """Case-, accent- and space-insensitive key; no spaces around dashes."""
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("–", "-").replace("—", "-")
    return re.sub(r"\s*-\s*", "-", " ".join(text.split()))


def contains_either(a: str, b: str) -> bool:
    ka, kb = key(a), key(b)
    return bool(ka and kb) and (ka in kb or kb in ka)


def same_figures(found: dict, gold: dict) -> bool:
    if found["comparator"] != gold["comparator"] or found["unit"] != gold["unit"]:
        return False
    if gold["comparator"] == "between":
        if (found.get("low"), found.get("high")) != (gold["low"], gold["high"]):
            return False
    elif found.get("value") != gold["value"]:
        return False
    if "also" in gold and found.get("also", {}) != gold["also"]:
        return False
    return not ("agency" in gold and not contains_either(found.get("agency") or "", gold["agency"]))


def target_found(found: list[dict], gold: dict) -> bool:
    return any(contains_either(t["quote"], gold["quote"]) and same_figures(t, gold) for t in found)


def task_found(found: list[dict], gold: dict) -> bool:
    return any(
        key(t["text"]).startswith(key(gold["quote"]))
        and key(t["lead"]) == key(gold["lead"])
        and [key(c) for c in t["coordinating"]] == [key(c) for c in gold["coordinating"]]
        and key(t["when"]) == key(gold["when"])
        for t in found
    )


@pytest.fixture(scope="module")
def parsed():
    return {g["file"]: parse_plan((SEEDS / g["file"]).read_text(encoding="utf-8")) for g in GOLD}


@pytest.fixture(params=GOLD, ids=lambda g: g["file"][:3])
def case(request, parsed):
    gold = request.param
    source = (SEEDS / gold["file"]).read_text(encoding="utf-8")
    draft = parsed[gold["file"]]
    return gold, draft.to_dict(), source


def test_header(case):
    gold, found, _ = case
    assert found["kind"] == gold["kind"]
    assert gold["title_contains"] in (found["title"] or "")
    assert key(found["issuer"]) == key(gold["issuer"])
    assert found["unit"]["name"] == gold["unit"]["name"]
    assert found["unit"]["level"] == gold["unit"]["level"]
    if "parent" in gold["unit"]:
        assert found["unit"].get("parent") == gold["unit"]["parent"]
    assert found["year"] == gold["year"]
    assert found["number"] == gold["number"]
    assert found["date"] == gold["date"]


def test_signature(case):
    gold, found, _ = case
    if gold["signer"]:
        assert found["signer"] == gold["signer"]
    assert key(found["signature"]).replace(" ", "") == key(gold["signature"]).replace(" ", "")


def test_topics_bases_reporting(case):
    gold, found, _ = case
    assert set(found["topics"]) == set(gold["topics"])
    missing = [b for b in gold["bases"] if key(b) not in {key(x) for x in found["bases"]}]
    assert not missing, f"bases not found: {missing}"
    assert found["reporting"] == gold["reporting"]
    if gold["standing_agency"]:
        assert contains_either(found["standing_agency"] or "", gold["standing_agency"])
    else:
        assert found["standing_agency"] is None


def test_agencies(case):
    gold, found, _ = case
    missing = [
        a for a in gold["agencies"] if not any(contains_either(a, f) for f in found["agencies"])
    ]
    assert not missing, f"agencies not found: {missing}"


def test_targets(case):
    gold, found, source = case
    missing = [t["quote"] for t in gold["targets"] if not target_found(found["targets"], t)]
    assert not missing, f"targets not found: {missing}"
    for t in found["targets"]:
        assert t["quote"] in source, f"quote is not in the document: {t['quote']!r}"


def test_tasks(case):
    gold, found, _ = case
    missing = [t["quote"] for t in gold.get("tasks", []) if not task_found(found["tasks"], t)]
    assert not missing, f"tasks not found: {missing}"


def test_to_dict_is_json(case):
    _, found, _ = case
    assert json.loads(json.dumps(found, ensure_ascii=False)) == found
