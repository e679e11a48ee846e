"""English through the language switch, Vietnamese by default, and a complete catalogue.

The msgids are the Vietnamese UI strings; lanhmanh/locale/en holds their English. The
catalogue tests read the .po and .mo with the standard library only, so they run where
GNU gettext is not installed; bin/translations refreshes and compiles the catalogue.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation.template import templatize

PACKAGE = Path(settings.BASE_DIR) / "lanhmanh"
MESSAGES = PACKAGE / "locale" / "en" / "LC_MESSAGES"
REFRESH = "run bin/translations, translate the new entries, then run it again"


def refresh(messages):
    return f"{REFRESH}:\n" + "\n".join(messages)


def switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


# --- the pages ------------------------------------------------------------------------


def test_the_home_page_is_in_english_after_the_switch(world, client_for):
    page = switch_to_english(client_for(world.th_coordinator)).get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Administrative units" in page
    assert "Hello, th_coordinator" in page
    assert "Programme coordinator" in page
    assert "Province Thanh Hóa" in page
    for vietnamese in ("Đơn vị hành chính", "Xin chào", "Cán bộ điều phối chương trình"):
        assert vietnamese not in page


def test_the_unit_list_is_in_english_after_the_switch(world, client_for):
    page = switch_to_english(client_for(world.th_admin)).get("/units/").content.decode()
    assert "Administrative units" in page
    assert "Current (from 01/07/2025)" in page
    assert "Before 01/07/2025" in page
    assert "Hiện nay (từ 01/07/2025)" not in page
    assert "Đơn vị hành chính" not in page


def test_a_unit_page_is_in_english_after_the_switch(world, client_for):
    client = switch_to_english(client_for(world.th_admin))
    page = client.get(world.hac_thanh.get_absolute_url()).content.decode()
    assert "Ward Hạc Thành" in page
    assert "Formed from" in page
    assert "Merger" in page
    assert "Agencies in the programme" in page
    for vietnamese in ("Hình thành từ", "Sáp nhập", "Phường Hạc Thành", "Đơn vị hành chính"):
        assert vietnamese not in page


def test_a_sentence_with_a_placeholder_keeps_its_value_in_english(world, client_for):
    client = switch_to_english(client_for(world.th_admin))
    page = client.get(world.old_dien_bien.get_absolute_url()).content.decode()
    assert "No longer in effect after 30/06/2025" in page
    assert "Hết hiệu lực" not in page


def test_the_login_page_is_in_vietnamese_without_a_preference(db, client):
    page = client.get("/login/").content.decode()
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page
    assert "Sign in" not in page


def test_switching_back_gives_vietnamese_again(world, client_for):
    client = switch_to_english(client_for(world.th_admin))
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    page = client.get("/units/").content.decode()
    assert "Đơn vị hành chính" in page
    assert "Administrative units" not in page


# --- the catalogue --------------------------------------------------------------------


def read_po(path):
    """The entries of a .po file as dicts of field name to text (msgid, msgstr[0], …),
    with a '#,' flags set. Obsolete entries (#~) are not part of the catalogue."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, flags, field = {}, set(), None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[field] += ast.literal_eval(line)
            elif line.strip():
                field, literal = line.split(" ", 1)
                entry[field] = ast.literal_eval(literal)
        if "msgid" in entry:
            entry["flags"] = flags
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def catalogue():
    entries = read_po(MESSAGES / "django.po")
    assert entries[0]["msgid"] == ""  # the header
    return entries[1:]


def msgstrs(entry):
    return [text for field, text in entry.items() if field.startswith("msgstr")]


def test_every_entry_is_translated(catalogue):
    untranslated = [e["msgid"] for e in catalogue if not all(msgstrs(e))]
    assert not untranslated, refresh(untranslated)


def test_no_entry_is_fuzzy(catalogue):
    fuzzy = [e["msgid"] for e in catalogue if "fuzzy" in e["flags"]]
    assert not fuzzy, refresh(fuzzy)


def test_the_header_says_english_in_utf_8():
    header = read_po(MESSAGES / "django.po")[0]
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"]
    assert "charset=UTF-8" in header["msgstr"]


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%%")


def test_translations_keep_the_placeholders(catalogue):
    def placeholders(text):
        return sorted(PLACEHOLDER.findall(text))

    changed = [
        (e["msgid"], text)
        for e in catalogue
        for text in msgstrs(e)
        if placeholders(text) != placeholders(e["msgid"])
    ]
    assert changed == []


def test_the_compiled_catalogue_matches_the_po(catalogue):
    with (MESSAGES / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for e in catalogue:
        key = e["msgid"] if "msgctxt" not in e else f"{e['msgctxt']}\x04{e['msgid']}"
        if "msgid_plural" in e:
            got = [compiled.ngettext(key, e["msgid_plural"], n) for n in (1, 2)]
            wanted = [e["msgstr[0]"], e["msgstr[1]"]]
        else:
            got, wanted = compiled.gettext(key), e["msgstr"]
        if got != wanted:
            stale.append(e["msgid"])
    assert not stale, "django.mo is older than django.po: " + refresh(stale)


# --- every string of the code is in the catalogue ---------------------------------------

# What makemessages extracts from Python (xgettext's defaults and Django's keywords):
# function name -> (index of the context or None, index of the msgid).
PY_KEYWORDS = {
    "_": (None, 0),
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "gettext_noop": (None, 0),
    "ngettext": (None, 0),
    "ngettext_lazy": (None, 0),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1),
    "npgettext_lazy": (0, 1),
}


def python_msgids(source):
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in PY_KEYWORDS:
            continue
        context_at, msgid_at = PY_KEYWORDS[name]
        args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        if len(args) > msgid_at and isinstance(args[msgid_at], str):
            context = args[context_at] if context_at is not None else None
            yield context, args[msgid_at]


# templatize() is what makemessages runs on a template before xgettext reads it: every
# {% translate %} and {% blocktranslate %} becomes a gettext call with literal arguments.
TEMPLATE_CALL = re.compile(
    r"\b(n?p?gettext)\(((?:\s*u?(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\s*,?)+)"
)
LITERAL = re.compile(r"u?('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")")


def template_msgids(source):
    for match in TEMPLATE_CALL.finditer(templatize(source)):
        literals = [ast.literal_eval(s) for s in LITERAL.findall(match.group(2))]
        if match.group(1).startswith(("pgettext", "npgettext")):
            yield literals[0], literals[1]
        else:
            yield None, literals[0]


def source_files():
    for path in sorted(PACKAGE.rglob("*")):
        if "migrations" in path.parts or "locale" in path.parts:
            continue
        if path.suffix in {".py", ".html", ".txt"}:
            yield path


def test_every_string_of_the_code_is_in_the_catalogue(catalogue):
    known = {(e.get("msgctxt"), e["msgid"]) for e in catalogue}
    missing = set()
    for path in source_files():
        source = path.read_text(encoding="utf-8")
        found = python_msgids(source) if path.suffix == ".py" else template_msgids(source)
        missing |= {
            f"{path.relative_to(PACKAGE)}: {msgid}"
            for context, msgid in found
            if (context, msgid) not in known
        }
    assert not missing, refresh(sorted(missing))


def test_the_extractors_find_what_they_should():
    py = 'x = _("Một")\ny = pgettext_lazy("nút", "Hai")\nz = ngettext("Ba", "Bốn", n)'
    assert list(python_msgids(py)) == [(None, "Một"), ("nút", "Hai"), (None, "Ba")]
    html = (
        '{% load i18n %}{% translate "Năm" %}{% translate "Sáu" context "tháng" %}'
        "{% blocktranslate with n=x %}Bảy {{ n }}{% endblocktranslate %}"
    )
    assert list(template_msgids(html)) == [
        (None, "Năm"),
        ("tháng", "Sáu"),
        (None, "Bảy %(n)s"),
    ]
