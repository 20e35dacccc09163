#!/usr/bin/env python3
"""report_accuracy.py - how well the report parser finds footnotes in real PDFs.

For every document of tests/data/reports/ (the real PDFs under pdf/, the synthetic
UN-style report under synthetic/, made with groff at run time, and the synthetic
submission a word processor made, committed as a PDF) and every way a report
reaches the indexer -- `pdftotext` text, `pdftotext -layout` text, the PDF itself -- it
builds a corpus with a manifest saying `type: report`, indexes it with build/bin/indexer,
reads the citations back with build/bin/searcher and compares them with the hand-read
NAME.expected.json (pdf/SOURCES.md describes the files and their schema):

  RIGHT   an expected footnote found with its mark as printed (the citation's `mark`:
          "12", "*", "‡") and
          page, its text starting with the expected first words (compared folded: case,
          white space, hyphens, quote styles, ligatures);
  MISSED  expected but not found right;
  FALSE   found but not matching an expected one (a heading, a TOC line, a page
          number taken for a footnote -- or a right one with the wrong page or text).

A document read by hand only on some pages ("scope": [first, last]) is compared on those
pages only. It also checks the report's page count and that each phrase over a page break is found
as a phrase in one of the report's passages and by --kwic. It prints one table and exits
0 when the targets hold, 1 when not, 2 when it could not run:

  - the PDF path: every footnote right and none false, in every document;
  - each text path: at least 90% of all footnotes right and none false;
  - every page count right, every phrase found (passage and KWIC), on every path.

A path the indexer does not take (the PDF path while .pdf files are refused as an
unsupported format) is reported as "n/a" with the indexer's reason, and fails its target.

ctest runs it, and fails while any target is not met.

Run by hand:  python3 tests/e2e/report_accuracy.py --build build [-v] [--doc NAME]
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("DS_SOURCE_DIR", os.path.join(HERE, "..", ".."))
DATA = os.path.join(SRC, "tests", "data", "reports")

PATHS = ("text", "layout", "pdf")
TEXT_TARGET = 0.90  # share of footnotes right on each text path, over the whole set


class Fatal(Exception):
    """The table cannot be made (a tool is missing, the indexer failed): exit 2."""


def run(cmd, **kw):
    try:
        return subprocess.run(cmd, capture_output=True, timeout=600, **kw)
    except FileNotFoundError as e:
        raise Fatal(f"cannot run {cmd[0]}: {e.strerror} (scripts/deps.sh installs it)")


# ---- folding: what "starts with the expected first words" means -----------------------

_QUOTES = str.maketrans({"’": "'", "‘": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "´": "'", "`": "'"})
_DROP = re.compile(r"[\s\-\u00ad\u2010\u2011]+")  # white space and hyphens, soft ones too


def fold(s):
    """Case, white space, hyphenation at line ends, quote styles and ligatures ignored:
    "Chair’s sum- mary" and "chair's summary" fold alike."""
    s = unicodedata.normalize("NFKC", s).translate(_QUOTES).casefold()
    return _DROP.sub("", s)


# ---- the documents --------------------------------------------------------------------

class Doc:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.exp = json.load(f)
        self.dir = os.path.dirname(path)
        self.name = os.path.basename(path)[: -len(".expected.json")]
        self.pdf = os.path.join(self.dir, self.exp["file"])
        self.source = self.exp.get("source")  # groff source the PDF is made from

    def make_pdf(self, tmp):
        """The PDF to read: the committed one, or the synthetic report made with groff."""
        if not self.source:
            return self.pdf
        out = os.path.join(tmp, self.exp["file"])
        p = run(["groff", "-ms", "-Tpdf", os.path.join(self.dir, self.source)])
        if p.returncode != 0 or not p.stdout.startswith(b"%PDF"):
            raise Fatal(f"groff -ms -Tpdf {self.source} failed: "
                        + p.stderr.decode("utf-8", "replace").strip())
        with open(out, "wb") as f:
            f.write(p.stdout)
        self.pdf = out
        return out


def load_docs(only):
    files = sorted(glob.glob(os.path.join(DATA, "pdf", "*.expected.json")))
    files += sorted(glob.glob(os.path.join(DATA, "synthetic", "*.expected.json")))
    docs = [Doc(f) for f in files]
    if only:
        docs = [d for d in docs if d.name in only]
        missing = set(only) - {d.name for d in docs}
        if missing:
            raise Fatal("no such document: " + ", ".join(sorted(missing)))
    if not docs:
        raise Fatal(f"no *.expected.json under {DATA}")
    return docs


def tsv(value):
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def build_corpus(docs, path, corpus):
    """One corpus per path, every document a report; returns {doc name: file name}."""
    os.makedirs(corpus)
    files = {}
    rows = []
    for d in docs:
        if path == "pdf":
            fname = d.name + ".pdf"
            shutil.copy(d.pdf, os.path.join(corpus, fname))
        else:
            fname = d.name + ".txt"
            cmd = ["pdftotext"] + (["-layout"] if path == "layout" else [])
            p = run(cmd + [d.pdf, os.path.join(corpus, fname)])
            if p.returncode != 0:
                raise Fatal(f"pdftotext {d.pdf}: " + p.stderr.decode("utf-8", "replace"))
        files[d.name] = fname
        meta = d.exp.get("metadata", {})
        rows.append([fname, d.name, "report", meta.get("title", d.name),
                     meta.get("date", ""), meta.get("symbol", ""), d.exp["footnote_mode"]])
    with open(os.path.join(corpus, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("path\tid\ttype\ttitle\tdate\tsymbol\tfootnotes\n")
        for r in rows:
            f.write("\t".join(tsv(v) for v in r) + "\n")
    return files


# ---- talking to the binaries ------------------------------------------------------------

class Tools:
    def __init__(self, bindir):
        self.indexer = os.path.join(bindir, "indexer")
        self.searcher = os.path.join(bindir, "searcher")
        for b in (self.indexer, self.searcher):
            if not os.access(b, os.X_OK):
                raise Fatal(f"{b} not found: build first (cmake --build build)")
        self.env = dict(os.environ, NO_COLOR="1")
        self.env.pop("DOSSIER_INDEX", None)

    def index(self, index, corpus):
        """Index corpus; returns {file name: skip reason} for the files the indexer
        refused, read from its dry-run plan (the plan says why)."""
        plan = run([self.indexer, "-n", "-d", index, corpus], env=self.env)
        skipped = {}
        for line in plan.stdout.decode("utf-8", "replace").splitlines():
            f = line.split("\t")
            if len(f) >= 3 and f[0] == "skip":
                skipped[os.path.basename(f[1])] = f[2]
        p = run([self.indexer, "-q", "-d", index, corpus], env=self.env)
        if p.returncode not in (0, 1):
            raise Fatal(f"indexer failed (exit {p.returncode}): "
                        + p.stderr.decode("utf-8", "replace").strip())
        return skipped

    def search(self, index, *args):
        p = run([self.searcher, "-d", index, "--format", "json", *args], env=self.env)
        if p.returncode == 2:
            raise Fatal(f"searcher {' '.join(args)}: "
                        + p.stderr.decode("utf-8", "replace").strip())
        return [json.loads(line) for line in p.stdout.decode("utf-8").splitlines()
                if line.strip()]


def phrase_query(text):
    """The phrase as a query: its words between quotes, punctuation that is not part of
    a word (brackets, commas, quotes) left out."""
    words = re.sub(r"[()\[\]{},;:!?\"“”‘’«»]", " ", text).split()
    return '"' + " ".join(words) + '"'


# ---- comparing ------------------------------------------------------------------------

def compare(exp_notes, found):
    """Match found citations to expected footnotes; returns (right, missed, false) lists."""
    used = set()
    right, missed = [], []
    for e in exp_notes:
        want = fold(e["first_words"])
        hit = None
        for i, c in enumerate(found):
            if i in used or c["page"] != e["page"]:
                continue
            if c["mark"] != e["mark"]:
                continue
            if fold(c["text"]).startswith(want):
                hit = i
                break
        if hit is None:
            missed.append(e)
        else:
            used.add(hit)
            right.append(e)
    false = [c for i, c in enumerate(found) if i not in used]
    return right, missed, false


def not_footnote_note(doc, c):
    """Why a false footnote is known to be wrong, if it is one of the listed traps."""
    for n in doc.exp.get("not_footnotes", []):
        if n["page"] == c["page"] and fold(c["text"]).startswith(fold(n["text"])):
            return n["why"]
    return None


def measure(tools, docs, path, tmp):
    corpus = os.path.join(tmp, path, "corpus")
    index = os.path.join(tmp, path, "index")
    files = build_corpus(docs, path, corpus)
    skipped = tools.index(index, corpus)
    reports = {h["id"]: h for h in tools.search(index, "--limit", "100000",
                                                "--fields", "id,pages", "type:report")}
    cites = tools.search(index, "--limit", "1000000", "--snippet-width", "10000",
                         "--fields", "id,footnote,mark,page,snippet", "type:citation")
    by_doc = {}
    for c in cites:
        report = c["id"].rsplit("#", 1)[0]
        by_doc.setdefault(report, []).append(
            {"footnote": c.get("footnote"), "mark": str(c.get("mark", "")),
             "page": c.get("page"),
             "text": c.get("snippet") or "", "id": c["id"]})
    rows = []
    for d in docs:
        row = {"doc": d.name, "path": path, "expected": len(d.exp["footnotes"])}
        if d.name not in reports:
            why = skipped.get(files[d.name], "not indexed as a report")
            row["na"] = (f"n/a: .{path} not supported" if path == "pdf" and
                         why.startswith("unsupported format") else f"n/a: {why}")
            rows.append(row)
            continue
        found = sorted(by_doc.get(d.name, []), key=lambda c: (c["page"] or 0,
                                                               c["footnote"] or 0))
        if "scope" in d.exp:  # only these pages were read by hand
            first, last = d.exp["scope"]
            found = [c for c in found if c["page"] and first <= c["page"] <= last]
        right, missed, false = compare(d.exp["footnotes"], found)
        row.update(right=len(right), missed=missed, false=false,
                   symbols=sum(1 for e in d.exp["footnotes"] if e["number"] is None),
                   symbols_right=sum(1 for e in right if e["number"] is None),
                   pages=reports[d.name].get("pages"), pages_want=d.exp["pages"])
        row["phrases"] = []
        for ph in d.exp.get("phrases", []):
            q = phrase_query(ph["text"])
            in_passage = any(h.get("id", "").startswith(d.name + "#") for h in
                             tools.search(index, "--limit", "100000", "--fields", "id",
                                          q + " type:passage"))
            in_kwic = any(h.get("id", "").startswith(d.name + "#") for h in
                          tools.search(index, "--kwic", "--limit", "100000", q))
            row["phrases"].append((ph, in_passage, in_kwic))
        rows.append(row)
    return rows


# ---- the table and the targets -----------------------------------------------------

def print_table(rows, docs, verbose):
    width = max(len(d.name) for d in docs)
    print(f"{'document':<{width}}  {'path':<6}  {'expected':>8}  {'right':>5}  {'missed':>6}"
          f"  {'false':>5}  {'pages ok':<12}  phrases ok")
    for r in rows:
        head = f"{r['doc']:<{width}}  {r['path']:<6}  {r['expected']:>8}"
        if "na" in r:
            print(f"{head}  {r['na']}")
            continue
        pages = ("yes" if r["pages"] == r["pages_want"] else "NO") + \
            f" {r['pages']}/{r['pages_want']}"
        ok = sum(1 for _, a, b in r["phrases"] if a and b)
        print(f"{head}  {r['right']:>5}  {len(r['missed']):>6}  {len(r['false']):>5}  "
              f"{pages:<12}  {ok}/{len(r['phrases'])}")
    print()
    for path in PATHS:
        rs = [r for r in rows if r["path"] == path and "na" not in r]
        if not rs:
            continue
        exp = sum(r["expected"] for r in rs)
        right = sum(r["right"] for r in rs)
        false = sum(len(r["false"]) for r in rs)
        share = 100.0 * right / exp if exp else 100.0
        sym = sum(r["symbols"] for r in rs)
        sym_right = sum(r["symbols_right"] for r in rs)
        print(f"total {path:<6}  expected {exp}, right {right} ({share:.1f}%), "
              f"missed {exp - right}, false {false}; symbol footnotes right "
              f"{sym_right}/{sym}")
    doc_by_name = {d.name: d for d in docs}
    shown = False
    for r in rows:
        if "na" in r:
            continue
        lines = []
        limit = None if verbose else 5
        for e in r["missed"][:limit]:
            lines.append(f"    missed  p{e['page']} {e['mark']}: {e['first_words']}")
        for c in r["false"][:limit]:
            why = not_footnote_note(doc_by_name[r["doc"]], c)
            text = " ".join(c["text"].split())[:70]
            lines.append(f"    false   p{c['page']} {c['footnote']}: {text}"
                         + (f"  [{why}]" if why else ""))
        for ph, a, b in r["phrases"]:
            if not (a and b):
                lines.append(f"    phrase  p{ph['pages'][0]}-{ph['pages'][1]} \"{ph['text']}\": "
                             f"passage {'yes' if a else 'no'}, kwic {'yes' if b else 'no'}")
        more = (len(r["missed"]) + len(r["false"])) - sum(
            1 for x in lines if x.startswith(("    missed", "    false")))
        if more > 0:
            lines.append(f"    ... {more} more (-v lists all)")
        if lines:
            if not shown:
                print("\ndetails:")
                shown = True
            print(f"  {r['doc']} ({r['path']}):")
            print("\n".join(lines))


def check_targets(rows):
    """The list of targets missed (empty: all hold)."""
    fails = []
    for path in PATHS:
        rs = [r for r in rows if r["path"] == path]
        na = [r for r in rs if "na" in r]
        if na:
            fails.append(f"{path}: {len(na)} document(s) not read ({na[0]['na']})")
        ok = [r for r in rs if "na" not in r]
        if not ok:
            continue
        if path == "pdf":
            bad = [r["doc"] for r in ok if r["right"] != r["expected"] or r["false"]]
            if bad:
                fails.append("pdf: not every footnote right and none false in "
                             + ", ".join(bad))
        else:
            exp = sum(r["expected"] for r in ok)
            right = sum(r["right"] for r in ok)
            false = sum(len(r["false"]) for r in ok)
            if exp and right < TEXT_TARGET * exp:
                fails.append(f"{path}: {right}/{exp} footnotes right, under "
                             f"{TEXT_TARGET:.0%}")
            if false:
                fails.append(f"{path}: {false} false footnotes")
        for r in ok:
            if r["pages"] != r["pages_want"]:
                fails.append(f"{path}: {r['doc']} has {r['pages']} pages, not "
                             f"{r['pages_want']}")
            lost = [ph["text"] for ph, a, b in r["phrases"] if not (a and b)]
            if lost:
                fails.append(f"{path}: {r['doc']}: phrase(s) over a page break not found: "
                             + "; ".join(lost))
    return fails


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=None,
                    help="build directory holding bin/indexer and bin/searcher "
                         "(default: $DS_BIN/.., else ./build)")
    ap.add_argument("--doc", action="append", help="only this document (repeatable)")
    ap.add_argument("--path", action="append", choices=PATHS,
                    help="only this path (repeatable)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list every missed and false footnote")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir and say where")
    a = ap.parse_args(argv)
    if a.build:
        bindir = os.path.join(a.build, "bin")
    else:
        bindir = os.environ.get("DS_BIN", os.path.join(SRC, "build", "bin"))
    tmp = tempfile.mkdtemp(prefix="dossier-accuracy-")
    try:
        tools = Tools(bindir)
        docs = load_docs(a.doc)
        for d in docs:
            d.make_pdf(tmp)
        rows = []
        for path in a.path or PATHS:
            rows += measure(tools, docs, path, tmp)
        print_table(rows, docs, a.verbose)
        fails = check_targets(rows)
        print()
        if fails:
            print("targets NOT met:")
            for f in fails:
                print("  - " + f)
        else:
            print("targets met")
        return 1 if fails else 0
    except Fatal as e:
        print(f"report_accuracy: {e}", file=sys.stderr)
        return 2
    finally:
        if a.keep:
            print(f"(temp dir kept: {tmp})", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
