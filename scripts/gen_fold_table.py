#!/usr/bin/env python3
"""gen_fold_table.py - generate common/fold_table.c, the character data of the analyzer.

    python3 scripts/gen_fold_table.py > common/fold_table.c

The output is committed; the build never runs this script, so the tables only change
when someone regenerates them on purpose (and the Unicode version printed in the file
header changes with the Python that ran it). Uses the standard library only.

What it decides, for every code point U+0000..U+10FFFF:

  * a character class (enum fold_class in common/fold.h), stored as runs;
  * a folded form, for the "folding ranges" (Latin, Greek, Cyrillic and the
    punctuation/compatibility blocks around them): full case folding, then NFKD with
    combining marks removed, plus explicit mappings for letters without a
    decomposition (o-slash, eth, thorn, ...). Outside those ranges letters fold to
    themselves, so scripts whose marks are part of the spelling (Devanagari, Thai,
    Hebrew points, ...) are never damaged.

Self-checks (the script fails instead of emitting a bad table): folds are idempotent,
contain only letters/digits, grow at most FOLD_MAX_GROWTH times the source bytes, and
every non-ASCII digit is the (cp - run start) % 10 digit of its run.
"""

import sys
import unicodedata as ud

# Must match enum fold_class in common/fold.h (word classes first).
LETTER, DIGIT, MARK, SUPER, APOS, HYPHEN, CONNECT, QUOTE_OPEN, QUOTE_CLOSE, QUOTE, \
    BRACKET_CLOSE, DASH, SEP, SPACE, CONTROL = range(15)
NAMES = ["LETTER", "DIGIT", "MARK", "SUPER", "APOS", "HYPHEN", "CONNECT", "QUOTE_OPEN",
         "QUOTE_CLOSE", "QUOTE", "BRACKET_CLOSE", "DASH", "SEP", "SPACE", "CONTROL"]
WORD = (LETTER, DIGIT, MARK)
MAX_GROWTH = 2  # FOLD_MAX_GROWTH in fold.h

# Blocks where folding (case + diacritics + compatibility) applies.
FOLDING = [
    (0x0000, 0x052F),  # Latin-1, Latin Ext-A/B, IPA, modifiers, combining, Greek, Cyrillic
    (0x1AB0, 0x1AFF),  # combining diacritical marks extended
    (0x1D00, 0x1DFF),  # phonetic extensions, combining supplement
    (0x1E00, 0x1FFF),  # Latin Extended Additional, Greek Extended
    (0x2000, 0x218F),  # general punctuation, super/subscripts, letterlike, number forms
    (0x2C60, 0x2C7F),  # Latin Extended-C
    (0x2DE0, 0x2E7F),  # Cyrillic Extended-A (marks), supplemental punctuation
    (0x3000, 0x303F),  # CJK symbols and punctuation (classes only in practice)
    (0xA640, 0xA69F),  # Cyrillic Extended-B
    (0xA720, 0xA7FF),  # Latin Extended-D
    (0xAB30, 0xAB6F),  # Latin Extended-E
    (0xFB00, 0xFB06),  # Latin ligatures
    (0xFE10, 0xFE6F),  # vertical forms, half marks, CJK compatibility, small forms
    (0xFF00, 0xFF60),  # fullwidth ASCII and brackets (halfwidth kana/hangul fold to self)
]

# Ranges that are separators whatever their category (the brief's "known punctuation,
# symbol and space ranges"): arrows..misc symbols, variation selectors, specials,
# private use, emoji, tags.
SEP_RANGES = [
    (0x2190, 0x2BFF), (0xFE00, 0xFE0F), (0xFFF0, 0xFFFF), (0xE000, 0xF8FF),
    (0x1F000, 0x1FAFF), (0xE0000, 0xE0FFF), (0xF0000, 0x10FFFF),
]

APOSTROPHES = {0x0027, 0x2019, 0x02BC, 0xFF07}
DASHES = {0x2014, 0x2015, 0x2E3A, 0x2E3B, 0xFE31, 0xFE58}
NOT_HYPHEN = {0x301C, 0x3030, 0x30A0}  # wave dashes, katakana-hiragana double hyphen
HYPHENS = {0x2212}  # minus sign (Sm) behaves as a hyphen
QUOTE_OPENS = {0x2018, 0x201A, 0x201B, 0x201C, 0x201E, 0x201F, 0x00AB, 0x2039, 0x2E42,
               0x300C, 0x300E, 0x301D, 0xFE41, 0xFE43, 0xFF62}
QUOTE_CLOSES = {0x201D, 0x00BB, 0x203A, 0x300D, 0x300F, 0x301E, 0x301F, 0xFE42, 0xFE44,
                0xFF63}
SUPERSCRIPT_DIGITS = {0x00B9: 1, 0x00B2: 2, 0x00B3: 3, 0x2070: 0, 0x2074: 4, 0x2075: 5,
                      0x2076: 6, 0x2077: 7, 0x2078: 8, 0x2079: 9}
# Invisible format characters that sit inside words (soft hyphen, ZWNJ, ZWJ, word
# joiner): word characters that fold to nothing.
JOINERS = {0x00AD, 0x200C, 0x200D, 0x2060}
# Invisible characters that do not join: treated as white space.
SPACES = {0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x0085, 0x200B, 0xFEFF, 0x180E}
# Letters without a decomposition that readers treat as a base letter + mark.
EXPLICIT = {
    "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ı": "i", "þ": "th", "æ": "ae",
    "œ": "oe", "ŧ": "t", "ȷ": "j",
}
# Letters that look like base + mark but are letters of their own alphabet: keep them
# (only lower-cased). Russian й, Ukrainian ї, Belarusian ў.
KEEP = {0x0419: "й", 0x0439: "й", 0x0407: "ї", 0x0457: "ї", 0x040E: "ў", 0x045E: "ў"}
ASCII_CONNECT = set("/._:@#+=&?%~")


def in_ranges(cp, ranges):
    return any(a <= cp <= b for a, b in ranges)


def ascii_class(cp):
    c = chr(cp)
    if c.isalpha():
        return LETTER
    if c.isdigit():
        return DIGIT
    if cp in SPACES or c == " ":
        return SPACE
    if cp < 0x20 or cp == 0x7F:
        return CONTROL
    if c == "'":
        return APOS
    if c == "-":
        return HYPHEN
    if c in ASCII_CONNECT:
        return CONNECT
    if c == '"':
        return QUOTE
    if c in ")]}":
        return BRACKET_CLOSE
    return SEP


def raw_fold(cp):
    """Full case folding + NFKD, marks removed, explicit maps; repeated to a fixpoint."""
    if cp in KEEP:
        return KEEP[cp]
    s = chr(cp)
    for _ in range(4):
        t = ud.normalize("NFKD", s.casefold())
        t = "".join(EXPLICIT.get(ch, ch) for ch in t if not ud.category(ch).startswith("M"))
        if t == s:
            break
        s = t
    return s


def punct_class(cp, cat):
    if cp in APOSTROPHES:
        return APOS
    if cp in DASHES:
        return DASH
    if cp in HYPHENS:
        return HYPHEN
    if cp in QUOTE_OPENS:
        return QUOTE_OPEN
    if cp in QUOTE_CLOSES:
        return QUOTE_CLOSE
    if cat == "Pd" and cp not in NOT_HYPHEN:
        return HYPHEN
    if cat == "Pi":
        return QUOTE_OPEN
    if cat == "Pf":
        return QUOTE_CLOSE
    if cat == "Pe":
        return BRACKET_CLOSE
    return SEP


def base_class(cp, folding):
    """Class before looking at the fold (letters that fold to nothing become marks)."""
    if cp < 0x80:
        return ascii_class(cp)
    if cp == 0xFFFD:
        return CONTROL
    if cp in SUPERSCRIPT_DIGITS:
        return SUPER
    if cp in JOINERS:
        return MARK
    if cp in SPACES:
        return SPACE
    if 0xFF01 <= cp <= 0xFF5E:  # fullwidth ASCII behaves as ASCII
        return ascii_class(cp - 0xFEE0)
    cat = ud.category(chr(cp))
    if cp in APOSTROPHES | DASHES | HYPHENS | QUOTE_OPENS | QUOTE_CLOSES:
        return punct_class(cp, cat)  # whatever the category (U+02BC is a letter)
    if in_ranges(cp, SEP_RANGES):
        return SEP
    if cat in ("Zs", "Zl", "Zp", "Cf"):
        return SPACE
    if cat in ("Cc", "Cs"):
        return CONTROL
    if cat == "Co":
        return SEP
    if cat[0] in "PS":
        return punct_class(cp, cat)
    if cat == "Nd":
        return DIGIT
    if cat[0] == "M":
        return MARK if folding else LETTER
    return LETTER  # L*, Nl, No, Cn (unassigned: letters by default)


def classify(cp):
    """(class, fold or None for 'folds to itself')."""
    folding = in_ranges(cp, FOLDING)
    cls = base_class(cp, folding)
    if cls == SUPER:
        return cls, str(SUPERSCRIPT_DIGITS[cp])
    if cls == CONNECT and cp >= 0x80:
        return cls, chr(cp - 0xFEE0)
    if cls != LETTER or not folding:
        return cls, None
    f = raw_fold(cp)
    word = [word_class(ord(ch)) for ch in f]
    if not all(word):
        if not ud.category(chr(cp)).startswith("L"):
            return LETTER, None  # e.g. vulgar fractions: keep as they are
        f = "".join(ch for ch, w in zip(f, word) if w)  # l-middle-dot -> l
    if f == "":
        return MARK, None
    if all("0" <= ch <= "9" for ch in f):
        return (DIGIT, f) if len(f) == 1 else (LETTER, f)
    return LETTER, (None if f == chr(cp) else f)


def word_class(cp):
    return base_class(cp, in_ranges(cp, FOLDING)) in (LETTER, DIGIT)


def build():
    classes = bytearray(0x110000)
    folds = {}
    for cp in range(0x110000):
        cls, f = classify(cp)
        if cls == DIGIT and cp >= 0x80:
            f = None  # computed from the run (see check_digits)
        classes[cp] = cls
        if f is not None:
            folds[cp] = f
    return classes, folds


def runs_of(classes):
    runs = []
    for cp in range(0x80, 0x110000):
        if not runs or classes[cp] != runs[-1][1]:
            runs.append([cp, classes[cp]])
    return runs


def run_start(runs, cp):
    lo, hi = 0, len(runs) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if runs[mid][0] <= cp:
            lo = mid
        else:
            hi = mid - 1
    return runs[lo][0]


def check(classes, folds, runs):
    for cp, f in folds.items():
        src = len(chr(cp).encode())
        assert len(f.encode()) <= MAX_GROWTH * src, hex(cp)
        if classes[cp] in (LETTER, SUPER):
            for ch in f:
                c = ord(ch)
                assert classes[c] in (LETTER, DIGIT), (hex(cp), f)
                assert folds.get(c, ch) == ch or (c >= 0x80 and classes[c] == DIGIT), \
                    ("fold not idempotent", hex(cp), f)
    for cp in range(0x80, 0x110000):
        if classes[cp] == DIGIT:
            v = ud.digit(chr(cp), None)
            if v is None:
                v = int(folds.get(cp, raw_fold(cp)))
            assert v == (cp - run_start(runs, cp)) % 10, ("digit run", hex(cp))
    for ch in "йїўЙЇЎ":
        assert folds.get(ord(ch), ch) in "йїў"


def c_string(b):
    out = []
    for byte in b:
        if 0x20 <= byte < 0x7F and chr(byte) not in '"\\?':
            out.append(chr(byte))
        else:
            out.append("\\%03o" % byte)
    return "".join(out)


def emit(classes, folds, runs):
    w = sys.stdout.write
    w("/*\n * fold_table.c - GENERATED by scripts/gen_fold_table.py from the Unicode %s\n"
      " * data of Python's unicodedata. Do not edit: change the script and regenerate.\n"
      " *\n * fold_ascii_class: class of each ASCII byte (fast path).\n"
      " * fold_runs:  runs of equal class covering U+0080..U+10FFFF, each packed as\n"
      " *             (first code point << 8) | class; a run ends where the next begins.\n"
      " * fold_map_cp / fold_map_val: code points whose fold is not themselves (sorted),\n"
      " *             and for each (offset into fold_pool << 8) | length in bytes.\n"
      " * Not stored: marks fold to nothing, digits to (cp - run start) %% 10, hyphens to\n"
      " *             '-', apostrophes to '\\'' (see fold.c).\n */\n" % ud.unidata_version)
    w('#include <stdint.h>\n\n#include "fold.h"\n\n')
    w('const char fold_unicode_version[] = "%s";\n\n' % ud.unidata_version)
    w("const unsigned char fold_ascii_class[128] = {\n")
    for i in range(0, 128, 16):
        w("    " + ", ".join("%2d" % classes[c] for c in range(i, i + 16)) + ",\n")
    w("};\n\n")
    w("const uint32_t fold_runs[] = {\n")
    for i in range(0, len(runs), 6):
        w("    " + ", ".join("0x%06x%02x" % (a, c) for a, c in runs[i:i + 6]) + ",\n")
    w("};\nconst size_t fold_nruns = sizeof fold_runs / sizeof fold_runs[0];\n\n")
    pool, where, vals = bytearray(), {}, []
    keys = sorted(cp for cp in folds if cp >= 0x80)
    for cp in keys:
        b = folds[cp].encode()
        if b not in where:
            where[b] = len(pool)
            pool += b
        vals.append((where[b] << 8) | len(b))
    assert len(pool) < (1 << 24)
    w("const uint32_t fold_map_cp[] = {\n")
    for i in range(0, len(keys), 8):
        w("    " + ", ".join("0x%05x" % k for k in keys[i:i + 8]) + ",\n")
    w("};\nconst uint32_t fold_map_val[] = {\n")
    for i in range(0, len(vals), 8):
        w("    " + ", ".join("0x%06x" % v for v in vals[i:i + 8]) + ",\n")
    w("};\nconst size_t fold_map_len = sizeof fold_map_cp / sizeof fold_map_cp[0];\n\n")
    w("const char fold_pool[] =\n")
    for i in range(0, len(pool), 40):
        w('    "%s"\n' % c_string(pool[i:i + 40]))
    w(";\n")
    print("runs=%d folds=%d pool=%d" % (len(runs), len(keys), len(pool)), file=sys.stderr)


def main():
    classes, folds = build()
    runs = runs_of(classes)
    check(classes, folds, runs)
    emit(classes, folds, runs)


if __name__ == "__main__":
    main()
