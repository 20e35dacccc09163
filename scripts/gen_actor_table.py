#!/usr/bin/env python3
"""gen_actor_table.py - generate indexer/actor_table.c, the built-in actor aliases.

    python3 scripts/gen_actor_table.py > indexer/actor_table.c

The output is committed; the build never runs this script, so the table only changes
when someone regenerates it on purpose (the iso-codes version it was made from is
printed in the file header and kept in ix_actors_iso_version). Uses the standard
library and Debian's iso-codes package (/usr/share/iso-codes/json/iso_3166-1.json; its
version is read from /usr/share/pkgconfig/iso-codes.pc). Options: --json PATH, --pc PATH.

What it writes (the format is described in the generated file and read by
indexer/actors.c): one entry per country or territory of ISO 3166-1, then the curated
organizations and groupings below; each entry is its canonical name followed by its
aliases.

Per country:
  * canonical name: iso's common_name if it has one ("Iran", "South Korea", "Syria",
    "Vietnam"), else its name with an inverted form turned readable ("Congo, The
    Democratic Republic of the" -> "Democratic Republic of the Congo"), except where
    CANONICAL says otherwise;
  * aliases: name, official_name (without a leading "the"), common_name, alpha_2,
    alpha_3, the readable form of an inverted name, the name without a trailing
    parenthetical ("Holy See (Vatican City State)" -> "Holy See"), and COUNTRY_EXTRA.

An entry keeps one name per form the matcher tells apart: of names that normalize
alike (see below), the first is kept ("Hungary" is iso's name and official name).

Self-checks (the script fails instead of emitting a bad table): every name of iso with
a comma is either un-inverted here or known not to be an inversion; no two entries
share a name once names are normalized the way indexer/actors.c matches them (a
simplified port of it: case, accents, dots, apostrophes, hyphens, a leading "the" and
office phrases ignored; a name of one word of at most 3 ASCII characters is a code,
compared exactly); and no curated name is redundant with another name of its entry.
The unit test tests/unit/test_actors.c checks the table with the real matcher.
"""

import argparse
import json
import re
import sys
import unicodedata as ud

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
ISO_PC = "/usr/share/pkgconfig/iso-codes.pc"

# iso writes these names inverted ("Korea, Republic of"); reports write them the other
# way round. Every iso name holding ", " must be here or in NOT_INVERTED, so a new
# iso-codes release with a new inverted name stops the script instead of slipping by.
UNINVERTED = {
    "BO": "Plurinational State of Bolivia",
    "CD": "Democratic Republic of the Congo",
    "FM": "Federated States of Micronesia",
    "IR": "Islamic Republic of Iran",
    "KP": "Democratic People's Republic of Korea",
    "KR": "Republic of Korea",
    "MD": "Republic of Moldova",
    "PS": "State of Palestine",
    "TZ": "United Republic of Tanzania",
    "VE": "Bolivarian Republic of Venezuela",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
}
# Names with a comma that is a list or a designation, not an inversion.
NOT_INVERTED = {
    "BQ",  # "Bonaire, Sint Eustatius and Saba": a list of three islands
    "SH",  # "Saint Helena, Ascension and Tristan da Cunha": likewise
    "TW",  # "Taiwan, Province of China": iso's designation; common_name is "Taiwan"
}

# Canonical names that differ from the rule (common_name, else the readable name).
CANONICAL = {
    # The United Nations lists it as "Micronesia (Federated States of)" and reports say
    # "Micronesia"; "Federated States of Micronesia" stays an alias.
    "FM": "Micronesia",
    # The observer State speaks as the "Holy See" at the UN; iso's name adds
    # "(Vatican City State)".
    "VA": "Holy See",
}

# Codes left out of a country's aliases, as (alpha_2 of the country, code), and why.
DROPPED_CODES = {
    # Australia's alpha-2 code, but in these reports "AU" is the African Union, which
    # has it (below); Australia keeps "AUS".
    ("AU", "AU"),
    # Namibia's alpha-3 code, but UN texts abbreviate the Non-Aligned Movement "NAM"
    # (below).
    ("NA", "NAM"),
    # Namibia's alpha-2 code, but "NA" is what spreadsheets and R write for a missing
    # value, and a manifest's "actor: NA" must not become Namibia. Namibia is found by
    # its name only.
    ("NA", "NA"),
}

# Short forms reports use that iso does not list. Each is unambiguous for a State in
# UN texts; forms that are not are left out on purpose: "America" (a continent),
# "Holland" (two provinces), "Korea" and "Congo" (two States each), "Virgin Islands"
# (two territories).
COUNTRY_EXTRA = {
    # The United Kingdom's own usage and the usual press forms; "GB" and "GBR" are iso.
    # "U.K." needs no entry: dots are ignored, so it matches "UK"; likewise "U.S." and
    # "U.S.A." match iso's "US" and "USA" (the United States needs nothing else:
    # "United States of America" is its official name), and "E.U." or "U.N." below.
    "GB": ["UK", "Britain", "Great Britain"],
    # Russia's own short name; iso only has "Russian Federation".
    "RU": ["Russia"],
    # The name used before Türkiye asked the UN in 2022 to use "Türkiye", still common
    # in older reports.
    "TR": ["Turkey", "Republic of Turkey"],
    # The UN's spelling "Viet Nam" is iso's name and "Vietnam" its common name: both
    # come from iso; nothing to add.
    # The UN writes "Republic of Korea"; "ROK" is the usual abbreviation.
    "KR": ["ROK"],
    # The UN abbreviation of the Democratic People's Republic of Korea.
    "KP": ["DPRK"],
    # Usual names of the city State.
    "VA": ["Vatican", "Vatican City", "Vatican City State"],
    # English name used before Côte d'Ivoire asked for its French name only.
    "CI": ["Ivory Coast"],
    # English name used before Cabo Verde asked for it in 2013.
    "CV": ["Cape Verde"],
    # Name before 2018.
    "SZ": ["Swaziland", "Kingdom of Swaziland"],
    # Names before 2019 (the UN's provisional reference was "the former Yugoslav
    # Republic of Macedonia").
    "MK": ["Macedonia", "Republic of Macedonia", "former Yugoslav Republic of Macedonia"],
    # China's usual abbreviation.
    "CN": ["PRC"],
    # The usual abbreviation of the United Arab Emirates.
    "AE": ["UAE"],
    # Usual ways to tell the two Congos apart.
    # ("Congo (Kinshasa)" matches "Congo-Kinshasa": both are separators.)
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville"],
    # The usual short name of Brunei Darussalam, and the English names used before
    # Myanmar (1989) and Timor-Leste (2002) asked for theirs.
    "BN": ["Brunei"],
    "MM": ["Burma"],
    "TL": ["East Timor"],
    # Short name of the State of Palestine.
    "PS": ["Palestine"],
    # iso writes "Virgin Islands, U.S.".
    "VI": ["United States Virgin Islands"],
}

# Organizations and groupings that speak in, are cited in, or are the UN cyber
# negotiations, with their names as the organizations themselves write them (British
# and American spellings where both are in use). The first name is the canonical one.
# Left out on purpose: "Secretary-General" alone (the OAS, NATO and others have one)
# and "the Arab Group" or "the African Group" (groups of States at the UN, not these
# organizations).
ORGANIZATIONS = [
    # Delivers statements on behalf of the EU and its member States.
    ("European Union", ["EU"]),
    # A UN observer; takes "AU" from Australia (see DROPPED_CODES).
    ("African Union", ["AU"]),
    # Regional organizations whose cyber work and statements the reports cite.
    ("Association of Southeast Asian Nations", ["ASEAN"]),
    ("Organization of American States", ["OAS", "Organisation of American States"]),
    ("Organization for Security and Co-operation in Europe",
     ["OSCE", "Organization for Security and Cooperation in Europe",
      "Organisation for Security and Co-operation in Europe"]),
    ("North Atlantic Treaty Organization", ["NATO", "North Atlantic Treaty Organisation"]),
    # Custodian of the Budapest Convention on Cybercrime, cited in the AHC.
    ("Council of Europe", ["CoE"]),
    # Negotiating groups of developing States; at the UN the first speaks as "the
    # Group of 77 and China". "NAM" is taken from Namibia (see DROPPED_CODES).
    ("Group of 77", ["G77", "G-77", "Group of 77 and China", "G77 and China",
                     "G-77 and China"]),
    ("Non-Aligned Movement", ["NAM", "Movement of Non-Aligned Countries",
                              "Nonaligned Movement"]),
    ("Caribbean Community", ["CARICOM"]),
    ("League of Arab States", ["Arab League"]),
    ("Shanghai Cooperation Organisation", ["SCO", "Shanghai Cooperation Organization"]),
    # Internet and telecommunication bodies: stakeholders; ICANN wrote the seed report.
    ("Internet Corporation for Assigned Names and Numbers", ["ICANN"]),
    ("International Telecommunication Union", ["ITU"]),
    ("Internet Society", ["ISOC"]),
    ("Internet Governance Forum", ["IGF"]),
    # Police cooperation and humanitarian law: cited in the AHC and the OEWG.
    ("International Criminal Police Organization",
     ["INTERPOL", "International Criminal Police Organisation"]),
    ("International Committee of the Red Cross", ["ICRC"]),
    # UN bodies and offices that speak in or serve the negotiations.
    ("United Nations", ["UN"]),
    ("United Nations General Assembly", ["UNGA", "UN General Assembly", "General Assembly"]),
    ("United Nations Security Council", ["UNSC", "UN Security Council", "Security Council"]),
    ("United Nations Secretary-General", ["UNSG", "UN Secretary-General"]),
    ("United Nations Institute for Disarmament Research", ["UNIDIR"]),
    ("United Nations Office on Drugs and Crime", ["UNODC"]),
    ("United Nations Office for Disarmament Affairs", ["UNODA"]),
    ("Office of the United Nations High Commissioner for Human Rights", ["OHCHR"]),
    # The negotiations themselves, which reports name as actors ("the OEWG adopted").
    # Full names as in the resolutions that set them up (A/RES/73/27, 75/240; 73/266;
    # 74/247).
    ("Open-ended Working Group",
     ["OEWG", "UN OEWG",
      "Open-ended Working Group on developments in the field of information and "
      "telecommunications in the context of international security",
      "Open-ended Working Group on security of and in the use of information and "
      "communications technologies"]),
    ("Group of Governmental Experts",
     ["GGE", "UN GGE", "United Nations Group of Governmental Experts",
      "Group of Governmental Experts on Advancing responsible State behaviour in "
      "cyberspace in the context of international security",
      "Group of Governmental Experts on Developments in the Field of Information and "
      "Telecommunications in the Context of International Security"]),
    ("Ad Hoc Committee",
     ["AHC",
      "Ad Hoc Committee to Elaborate a Comprehensive International Convention on "
      "Countering the Use of Information and Communications Technologies for Criminal "
      "Purposes"]),
    # Multistakeholder initiatives. "Stability in Cyberspace" is how the seed report
    # (ICANN, June 2021) writes the Commission's name; kept so its statement resolves.
    ("Global Commission on the Stability of Cyberspace",
     ["GCSC", "Global Commission on the Stability in Cyberspace"]),
    ("Cybersecurity Tech Accord", ["Tech Accord"]),
    ("Paris Call for Trust and Security in Cyberspace", ["Paris Call"]),
    ("Freedom Online Coalition", ["FOC"]),
]

# ---- the matcher's normalization (a simplified port of indexer/actors.c) -------------

APOSTROPHES = set("'\u2019\u02bc\uff07")
OFFICES = [["delegation", "of"], ["government", "of"], ["permanent", "mission", "of"],
           ["permanent", "representative", "of"], ["representative", "of"],
           ["mission", "of"]]


def fold(word):
    return "".join(c for c in ud.normalize("NFKD", word.casefold()) if not ud.combining(c))


def raw_words(name):
    words, cur = [], []
    for ch in name:
        if ch in APOSTROPHES or ch == ".":
            continue
        if ud.category(ch)[0] in "LMN":
            cur.append(ch)
        elif cur:
            words.append("".join(cur))
            cur = []
    if cur:
        words.append("".join(cur))
    return words


def key(name):
    """The key actors.c files name under: ("code", exact) or ("fold", folded)."""
    w = raw_words(name)
    changed = True
    while changed:
        changed = False
        if len(w) > 1 and fold(w[0]) == "the":
            w, changed = w[1:], True
        for ph in OFFICES:
            if len(w) > len(ph) and [fold(x) for x in w[:len(ph)]] == ph:
                w, changed = w[len(ph):], True
    if not w:
        raise SystemExit("gen_actor_table: %r has no word" % name)
    if len(w) == 1 and len(w[0]) <= 3 and w[0].isascii() and w[0].isalnum():
        return ("code", w[0])
    return ("fold", " ".join(fold(x) for x in w))


# ---- building the entries ---------------------------------------------------------


def strip_the(s):
    return s[4:] if s.startswith("the ") else s


def country(c):
    a2, a3 = c["alpha_2"], c["alpha_3"]
    name = c["name"]
    if ", " in name and a2 not in UNINVERTED and a2 not in NOT_INVERTED:
        raise SystemExit("gen_actor_table: %s %r looks inverted: add it to UNINVERTED "
                         "or NOT_INVERTED" % (a2, name))
    readable = UNINVERTED.get(a2)
    canonical = CANONICAL.get(a2) or c.get("common_name") or readable or name
    names = [canonical, name]
    if "official_name" in c:
        names.append(strip_the(c["official_name"]))
    if "common_name" in c:
        names.append(c["common_name"])
    if readable:
        names.append(readable)
    m = re.fullmatch(r"(.*\S) \([^()]*\)", name)
    if m:
        names.append(m.group(1))
    names += [code for code in (a2, a3) if (a2, code) not in DROPPED_CODES]
    names += COUNTRY_EXTRA.get(a2, [])
    return ("%s %s" % (a2, a3), names)


def dedup(names, curated):
    """Drop names that match like an earlier one (the matcher cannot tell them apart):
    iso's own repetitions ("Hungary" is also its official name) silently, but a
    curated name that adds nothing is an error, so the lists above stay exact."""
    seen, out = set(), []
    for n in names:
        k = key(n)
        if k not in seen:
            seen.add(k)
            out.append(n)
        elif n in curated:
            raise SystemExit("gen_actor_table: curated %r matches like another name of "
                             "its entry: drop it" % n)
    return out


def build(countries):
    entries = [country(c) for c in countries]
    entries += [("", [canonical] + aliases) for canonical, aliases in ORGANIZATIONS]
    for code in COUNTRY_EXTRA:
        if not any(c["alpha_2"] == code for c in countries):
            raise SystemExit("gen_actor_table: COUNTRY_EXTRA names unknown %s" % code)
    curated = {n for names in COUNTRY_EXTRA.values() for n in names}
    curated |= {n for _, aliases in ORGANIZATIONS for n in aliases}
    entries = [(tag, dedup(names, curated)) for tag, names in entries]
    owner = {}
    for i, (_, names) in enumerate(entries):
        for n in names:
            k = key(n)
            if owner.setdefault(k, (i, n))[0] != i:
                raise SystemExit("gen_actor_table: %r (%s) and %r (%s) match alike"
                                 % (n, entries[i][1][0], owner[k][1],
                                    entries[owner[k][0]][1][0]))
    return entries


# ---- output -------------------------------------------------------------------------


def c_string(s):
    if any(ch in s for ch in '"\\') or any(ord(ch) < 0x20 for ch in s):
        raise SystemExit("gen_actor_table: unexpected character in %r" % s)
    return '"%s"' % s


def pieces(s, width=80):
    """s cut after spaces into parts of at most width characters where it can be."""
    out = []
    while len(s) > width and s.rfind(" ", 0, width) > 0:
        cut = s.rfind(" ", 0, width) + 1
        out.append(s[:cut])
        s = s[cut:]
    return out + [s]


def wrap(names, limit=100):
    """The names as C literals followed by a NULL, in lines of at most limit columns
    where possible; a long name becomes adjacent literals on lines of their own."""
    lines, cur = [], "   "
    for n in names + [None]:
        parts = ["NULL"] if n is None else [c_string(p) for p in pieces(n)]
        if len(parts) > 1:
            if cur.strip():
                lines.append(cur)
            lines += ["    " + p for p in parts[:-1]]
            cur = "    " + parts[-1] + ","
            continue
        item = " " + parts[0] + ","
        if len(cur) + len(item) > limit and cur.strip():
            lines.append(cur)
            cur = "   "
        cur += item
    lines.append(cur)
    return "".join(line + "\n" for line in lines)


def emit(entries, version, ncountries, out):
    nstr = sum(len(names) + 1 for _, names in entries)
    w = out.write
    w("/*\n")
    w(" * actor_table.c - GENERATED by scripts/gen_actor_table.py from iso-codes %s\n"
      % version)
    w(" * (iso_3166-1.json) and the script's curated supplement. Do not edit: change the\n"
      " * script and regenerate.\n *\n")
    w(" * ix_actor_table: %d entries (%d countries and territories, then %d organizations\n"
      % (len(entries), ncountries, len(entries) - ncountries))
    w(" * and groupings), each its canonical name, its aliases and a NULL; an empty entry\n"
      " * (a lone NULL) never occurs. Aliases are distinct as actors.c matches them.\n */\n")
    w("#include <stddef.h>\n\n#include \"actors.h\"\n\n")
    w("const char ix_actors_iso_version[] = \"%s\";\n\n" % version)
    w("const char *const ix_actor_table[] = {\n")
    for i, (tag, names) in enumerate(entries):
        if tag:
            w("    /* %s */\n" % tag)
        elif i == ncountries:
            w("    /* ---- organizations and groupings (ORGANIZATIONS in the script) ---- */\n")
        w(wrap(names))
    w("};\n\n")
    w("const size_t ix_actor_table_len = %d;\n" % nstr)
    w("const size_t ix_actor_table_entries = %d;\n" % len(entries))


def iso_version(pc):
    with open(pc, encoding="utf-8") as f:
        for line in f:
            if line.startswith("Version:"):
                return line.split(":", 1)[1].strip()
    raise SystemExit("gen_actor_table: no Version in %s" % pc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", default=ISO_JSON)
    ap.add_argument("--pc", default=ISO_PC)
    args = ap.parse_args()
    with open(args.json, encoding="utf-8") as f:
        countries = json.load(f)["3166-1"]
    entries = build(countries)
    emit(entries, iso_version(args.pc), len(countries), sys.stdout)
    print("entries=%d" % len(entries), file=sys.stderr)


if __name__ == "__main__":
    main()
