#!/usr/bin/env python3
"""Write a PDF's text lines with their geometry as rgeom_dump reads them (a stand-in for
the PDF reader, indexer/sources/pdf.c, to measure the layout path on real PDFs).

    pdf_layout_tsv.py FILE.pdf > FILE.tsv

Reads `pdftohtml -xml -i -zoom 1` (points, y down). Output, one record a line:
    P <TAB> width <TAB> height <TAB> label        a page ("" label: none)
    L <TAB> x0 <TAB> y0 <TAB> x1 <TAB> y1 <TAB> size <TAB> text   a line of that page
Text pieces of one line (vertically overlapping, left to right) are joined; a piece of
digits in smaller type raised above the line's baseline is a superscript and written
as Unicode superscript digits, as the reader does. A line's size is that of most of its
characters, superscripts aside.
"""
import html
import re
import subprocess
import sys

SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
PIECE = re.compile(r'<text top="(-?[\d.]+)" left="(-?[\d.]+)" width="([\d.]+)" '
                   r'height="([\d.]+)" font="(\d+)">(.*?)</text>', re.S)


def pieces(body, fonts):
    for m in PIECE.finditer(body):
        t = html.unescape(re.sub(r"<[^>]+>", "", m.group(6)))
        if t.strip():
            top, left, w, h = (float(m.group(k)) for k in range(1, 5))
            yield dict(x0=left, y0=top, x1=left + w, y1=top + h, size=fonts[m.group(5)], t=t)


def lines(ps):
    cur = []
    for p in ps:
        if cur:
            last = cur[-1]
            lo, hi = min(q["y0"] for q in cur), max(q["y1"] for q in cur)
            if p["y0"] < hi and p["y1"] > lo and p["x0"] >= last["x1"] - 2 \
                    and p["x0"] - last["x1"] < 4 * p["size"]:
                cur.append(p)
                continue
            yield cur
        cur = [p]
    if cur:
        yield cur


def write_line(ln, out):
    big = max(q["size"] for q in ln)
    text, weight = "", {}
    for i, q in enumerate(ln):
        t = q["t"]
        others = [r for r in ln if r is not q and r["size"] > q["size"] * 1.15]
        if re.fullmatch(r"\s*\d{1,3}\s*", t) and others and \
                q["y0"] < min(r["y0"] for r in others) + 0.5:
            t = t.strip().translate(SUP)
        else:
            weight[q["size"]] = weight.get(q["size"], 0) + len(t)
        if text and i > 0 and q["x0"] - ln[i - 1]["x1"] > 0.15 * q["size"] \
                and not text.endswith(" ") and not t.startswith(" "):
            text += " "
        text += t
    size = max(weight, key=weight.get) if weight else big
    base = [q for q in ln if q["size"] == size] or ln
    text = " ".join(text.replace("\t", " ").split())
    out.write("L\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%s\n" % (
        min(q["x0"] for q in ln), min(q["y0"] for q in base), max(q["x1"] for q in ln),
        max(q["y1"] for q in base), size, text))


def main():
    x = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", "-zoom", "1", sys.argv[1]],
                       capture_output=True, text=True, check=True).stdout
    fonts = {}
    for pm in re.finditer(r'<page number="\d+"[^>]*height="([\d.]+)" width="([\d.]+)">(.*?)</page>',
                          x, re.S):
        for f in re.finditer(r'<fontspec id="(\d+)" size="([\d.]+)"', pm.group(3)):
            fonts[f.group(1)] = float(f.group(2))
        sys.stdout.write("P\t%s\t%s\t\n" % (pm.group(2), pm.group(1)))
        for ln in lines(pieces(pm.group(3), fonts)):
            write_line(ln, sys.stdout)


if __name__ == "__main__":
    main()
