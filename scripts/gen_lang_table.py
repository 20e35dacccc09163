#!/usr/bin/env python3
"""gen_lang_table.py - generate common/lang_table.c, the ISO 639 data of common/lang.c.

    python3 scripts/gen_lang_table.py > common/lang_table.c
    python3 scripts/gen_lang_table.py /path/to/iso-codes/json > common/lang_table.c

Reads the iso-codes package's JSON (Debian: iso-codes, /usr/share/iso-codes/json) and
its version from iso-codes.pc. The output is committed; the build never runs this
script, so the table only changes when someone regenerates it on purpose (the
iso-codes version printed in the file header changes with it). Standard library only.

What goes in (the layout is in common/lang_table.h):

  * one row per ISO 639-2 entry: its 639-1 code if any, its 639-2/T code, its 639-2/B
    code when it differs, its 639-3 code when iso_639-3.json has the T code (the
    collective codes "afa", "bnt", ... are 639-2/639-5 only), and its first English
    name. The "qaa-qtz" entry is a range reserved for local use, not a language:
    left out.
  * one row per 639-3 language that has a 639-1 code but no 639-2 code (iso-codes
    4.15: only Serbo-Croatian, sh/hbs), so every 639-1 code is known.
  * every code, sorted, pointing at its row;
  * every English name's match key, sorted, pointing at its row. iso-codes writes
    several names as "Spanish; Castilian": each is a name. "Greek, Modern (1453-)"
    is also "Greek" (only that ", Modern (...)" form; "Greek, Ancient" stays as
    written). A "common_name" ("Bangla" for Bengali) is one more name.

The match key is what name_key() in common/lang.c computes from the input: letters
lower-cased and without accents (as common/fold.c folds them), runs of white space
one space. The names hold only ASCII plus a few Latin-1 letters (a-ring, u-umlaut,
c-cedilla), for which NFKD minus combining marks is exactly what fold.c does; the
script fails if a key is not ASCII, so a new letter cannot slip past unnoticed.
A key equal to a code (a name "Lao", "Ewe", "Ga") is left out: lang.c looks codes
up first, so the key could never be reached.

Self-checks (the script fails instead of emitting a bad table): codes unique across
rows, keys unique, every row named, keys shorter than LANG_KEY_CAP.
"""

import json
import os
import re
import sys
import unicodedata as ud

LANG_KEY_CAP = 128  # common/lang_table.h: a key is shorter than this
MODERN = re.compile(r"^(.*), Modern \(.*\)$")


def read_json(jsondir, std):
    with open(os.path.join(jsondir, "iso_%s.json" % std), encoding="utf-8") as f:
        return json.load(f)[std]


def iso_codes_version(jsondir):
    """The Version: line of iso-codes.pc (share/pkgconfig beside share/iso-codes)."""
    pc = os.path.join(jsondir, os.pardir, os.pardir, "pkgconfig", "iso-codes.pc")
    with open(pc, encoding="utf-8") as f:
        for line in f:
            if line.startswith("Version:"):
                return line.split(":", 1)[1].strip()
    sys.exit("gen_lang_table: no Version: line in %s" % pc)


def names_of(entry):
    names = []
    for n in entry["name"].split("; "):
        names.append(n)
        m = MODERN.match(n)
        if m:
            names.append(m.group(1))
    if "common_name" in entry:
        names.append(entry["common_name"])
    return names


def match_key(name):
    k = ud.normalize("NFKD", " ".join(name.split()).lower())
    k = "".join(c for c in k if not ud.combining(c))
    assert k.isascii(), ("non-ASCII key: extend the script and test fold.c agrees", name)
    assert 0 < len(k) < LANG_KEY_CAP, name
    return k


def build(jsondir):
    """Rows (code1, code2t, code2b, code3, names), sorted by their 3-letter code."""
    iso2, iso3 = read_json(jsondir, "639-2"), read_json(jsondir, "639-3")
    by3 = {e["alpha_3"]: e for e in iso3}
    rows = []
    for e in iso2:
        t = e["alpha_3"]
        if "-" in t:  # qaa-qtz
            continue
        e3 = by3.get(t, {})
        assert e3.get("alpha_2") == e.get("alpha_2") or not e3, ("639-1 differs", t)
        rows.append((e.get("alpha_2", ""), t, e.get("bibliographic", ""),
                     t if e3 else "", names_of(e)))
    known_t = {r[1] for r in rows}
    for e in iso3:
        if "alpha_2" in e and e["alpha_3"] not in known_t:
            rows.append((e["alpha_2"], "", "", e["alpha_3"], names_of(e)))
    rows.sort(key=lambda r: r[1] or r[3])
    return rows


def index(rows):
    codes, keys = {}, {}
    for i, (c1, t, b, c3, _) in enumerate(rows):
        for c in {c1, t, b, c3} - {""}:
            assert re.fullmatch("[a-z]{2,3}", c), c
            assert codes.setdefault(c, i) == i, ("code of two rows", c)
    for i, r in enumerate(rows):
        assert r[4], ("no name", r)
        for n in r[4]:
            k = match_key(n)
            if k in codes:
                if codes[k] != i:
                    print("name %r (%s) shadowed by code %s" % (n, r[1] or r[3], k),
                          file=sys.stderr)
                continue
            assert keys.setdefault(k, i) == i, ("name of two rows", n)
    assert len(rows) < 65536
    return sorted(codes.items()), sorted(keys.items())


def c_string(s):
    out = []
    for byte in s.encode("utf-8"):
        if 0x20 <= byte < 0x7F and chr(byte) not in '"\\?':
            out.append(chr(byte))
        else:
            out.append("\\%03o" % byte)
    return '"%s"' % "".join(out)


def emit(rows, codes, keys, version):
    w = sys.stdout.write
    w("/*\n"
      " * lang_table.c - GENERATED by scripts/gen_lang_table.py from iso-codes %s\n"
      " * (iso_639-2.json, iso_639-3.json). Do not edit: change the script and regenerate.\n"
      " *\n"
      " * lang_rows:  %d languages: 639-1, 639-2/T, 639-2/B (when not T), 639-3 code (\"\"\n"
      " *             where there is none) and first English name; sorted by T (else 639-3).\n"
      " * lang_codes: %d codes, sorted, each with its row.\n"
      " * lang_names: %d name match keys (see lang.c), sorted, each with its row.\n"
      " */\n" % (version, len(rows), len(codes), len(keys)))
    w('#include "lang.h"\n#include "lang_table.h"\n\n')
    w('const char lang_iso_codes_version[] = "%s";\n\n' % version)
    w("const lang_row_t lang_rows[] = {\n")
    for c1, t, b, c3, names in rows:
        w('    {"%s", "%s", "%s", "%s", %s},\n' % (c1, t, b, c3, c_string(names[0])))
    w("};\nconst size_t lang_nrows = sizeof lang_rows / sizeof lang_rows[0];\n\n")
    w("const lang_code_t lang_codes[] = {\n")
    for i in range(0, len(codes), 6):
        w("    " + " ".join('{"%s", %d},' % c for c in codes[i:i + 6]) + "\n")
    w("};\nconst size_t lang_ncodes = sizeof lang_codes / sizeof lang_codes[0];\n\n")
    w("const lang_name_t lang_names[] = {\n")
    for k, i in keys:
        w("    {%s, %d},\n" % (c_string(k), i))
    w("};\nconst size_t lang_nnames = sizeof lang_names / sizeof lang_names[0];\n")
    print("rows=%d codes=%d names=%d" % (len(rows), len(codes), len(keys)), file=sys.stderr)


def main():
    jsondir = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json"
    rows = build(jsondir)
    codes, keys = index(rows)
    emit(rows, codes, keys, iso_codes_version(jsondir))


if __name__ == "__main__":
    main()
