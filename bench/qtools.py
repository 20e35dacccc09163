#!/usr/bin/env python3
"""qtools.py - query sampling, independent counting and timing for bench/*.sh.

  qtools.py sample CORPUS OUTDIR [--n 200] [--seed 4242]
      OUTDIR/phrases.tsv: N distinct phrases of 2-3 consecutive words of the texts;
      OUTDIR/words.tsv: N distinct single words; lines ID<TAB>QUERY. A word is a
      whitespace-separated token of the text with leading and trailing punctuation
      stripped (inner punctuation kept: "nation's", "well-being", "U.S"), as a reader
      would copy it; positions are drawn uniformly over the corpus's words (frequent
      words are likelier) with a fixed seed, duplicates drawn again. OUTDIR/punct.tsv:
      N/10 two-word phrases whose first word holds an apostrophe and N/10 whose first
      word holds a hyphen (for the count check, where tokenizers differ).
  qtools.py count CORPUS QUERIES
      Independent DOCUMENT count of each phrase (ID<TAB>COUNT): a document matches when
      the phrase's words occur adjacent and in order, case-insensitively, both text and
      phrase tokenized on non-alphanumerics (so "nation's" is "nation s"; "U.S." is
      "u s"). No accent folding, no stemming. Hard-linked copies are scanned once.
  qtools.py compare QUERIES OURS REF CORPUS [--label NAME] [--show N]
      Compare two ID<TAB>COUNT files; print how many agree, and classify every
      disagreement by what separates the phrase's words where they occur in the text
      (apostrophe, hyphen, period, other punctuation), by punctuation inside the query's
      words and by non-ASCII letters, with examples; and say when the count equals the
      independent count of another reading of the phrase ('s dropped, hyphen joined...),
      which names the tokenizer rule behind the difference.
  qtools.py drive MODE TIMES OUT QUERIES -- CMD...
      Start CMD once, feed it the queries one at a time through a pipe and time each
      answer (write the query, read until its end): per-query latency of a long-lived
      process, pipe round trip included. MODE 'sentinel' (dossier's searcher: after
      each query an invalid query "(" whose in-band error line marks the end) or
      'endmark' (peers/xapian_query prints ID<TAB>#end).
  qtools.py spawn N TIMES QUERIES -- CMD...
      Run CMD once per query (the first N queries), the query as its last argument, and
      time each process from spawn to exit; the same for /bin/true first, whose median
      is printed as the spawn overhead.
  qtools.py kwicpick CORPUS [--seed 4242]
      Three queries for the KWIC benchmark, one per line (KIND<TAB>WORDS<TAB>COUNT):
      rare (a phrase of two content words of 5+ letters found exactly once in CORPUS,
      drawn with the seed), frequent (the most frequent phrase of two content words),
      word (the most frequent content word); content = not in a short stop list.
      Words as the text spells them, lower-cased; counts of the tokenized text.
  qtools.py pct TIMES...
      p50/p90/p99/mean in milliseconds of files of seconds, one per line.
"""
import os
import random
import re
import subprocess
import sys
import time

TOKEN = re.compile(r"[^\W_]+")
EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def toks(s):
    return TOKEN.findall(s.lower())


def read_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                qid, _, q = line.partition("\t")
                out.append((qid, q))
    return out


def corpus_files(root):
    out = []
    for d, dirs, names in os.walk(root):
        dirs.sort()
        out += [os.path.join(d, n) for n in sorted(names) if n.endswith(".txt")]
    return out


def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


# ---- sample --------------------------------------------------------------------------

def sample(args):
    corpus, outdir = args[0], args[1]
    n, seed = 200, 4242
    if "--n" in args:
        n = int(args[args.index("--n") + 1])
    if "--seed" in args:
        seed = int(args[args.index("--seed") + 1])
    words = []  # one list per document of (clean word, raw token)
    for path in corpus_files(corpus):
        ws = []
        for raw in read_text(path).split():
            w = EDGE.sub("", raw)
            ws.append(w if w and '"' not in w and "*" not in w else None)
        words.append(ws)
    flat = [(d, i) for d, ws in enumerate(words) for i in range(len(ws))]
    rng = random.Random(seed)
    phrases, singles = {}, {}
    while len(phrases) < n:
        d, i = rng.choice(flat)
        k = rng.choice((2, 3))
        span = words[d][i:i + k]
        if len(span) == k and all(span):
            q = '"%s"' % " ".join(span)
            phrases.setdefault(q.lower(), q)
    while len(singles) < n:
        d, i = rng.choice(flat)
        w = words[d][i]
        if w:
            singles.setdefault(w.lower(), w)
    # Phrases with a word holding an apostrophe or a hyphen, for the count check only.
    marked = {"a": [], "h": []}
    for d, i in flat:
        w = words[d][i]
        if w and i + 1 < len(words[d]) and words[d][i + 1]:
            if "'" in w or "\u2019" in w:
                marked["a"].append((d, i))
            elif "-" in w.strip("-"):
                marked["h"].append((d, i))
    punct = {}
    for tag in ("a", "h"):
        picks = {}
        while marked[tag] and len(picks) < n // 10:
            d, i = rng.choice(marked[tag])
            q = '"%s"' % " ".join(words[d][i:i + 2])
            picks.setdefault(q.lower(), q)
        punct.update(picks)
    os.makedirs(outdir, exist_ok=True)
    for name, qs, tag in (("phrases.tsv", phrases, "p"), ("words.tsv", singles, "w"),
                          ("punct.tsv", punct, "x")):
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            for j, q in enumerate(qs.values(), 1):
                f.write("%s%03d\t%s\n" % (tag, j, q))
    print("qtools: sampled %d phrases and %d words (seed %d)" % (n, n, seed))


# ---- count ---------------------------------------------------------------------------

def count(args):
    corpus, qpath = args[0], args[1]
    queries = [(qid, tuple(toks(q))) for qid, q in read_queries(qpath)]
    by_first = {}
    for qid, seq in queries:
        if seq:
            by_first.setdefault(seq[0], []).append((qid, seq))
    counts = {qid: 0 for qid, _ in queries}
    seen = {}  # (dev, inode) -> set of matching query ids
    for path in corpus_files(corpus):
        st = os.stat(path)
        key = (st.st_dev, st.st_ino)
        if key not in seen:
            t = toks(read_text(path))
            hit = set()
            for i, w in enumerate(t):
                for qid, seq in by_first.get(w, ()):
                    if qid not in hit and tuple(t[i:i + len(seq)]) == seq:
                        hit.add(qid)
            seen[key] = hit
        for qid in seen[key]:
            counts[qid] += 1
    for qid, _ in queries:
        print("%s\t%d" % (qid, counts[qid]))


# ---- compare -------------------------------------------------------------------------

def read_counts(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[1].lstrip("-").isdigit():
                out[parts[0]] = int(parts[1])
            elif parts and parts[0]:
                out.setdefault(parts[0].strip("[]").split("]")[0], None)
    return out


def separators(texts, seq):
    """What joins the words of seq where they occur (case-insensitive) in texts."""
    pat = re.compile(r"(?<![^\W_])" + r"([\W_]+)".join(re.escape(w) for w in seq)
                     + r"(?![^\W_])", re.IGNORECASE)
    kinds, examples = set(), []
    for t in texts:
        for m in pat.finditer(t):
            for sep in m.groups():
                if "'" in sep or "\u2019" in sep:
                    kinds.add("apostrophe")
                elif "-" in sep or "\u2014" in sep or "\u2013" in sep:
                    kinds.add("hyphen/dash")
                elif "." in sep:
                    kinds.add("period")
                elif sep.strip():
                    kinds.add("other punctuation")
            if len(examples) < 2:
                examples.append(t[max(0, m.start() - 20):m.end() + 20].replace("\n", " "))
    return kinds, examples


# Readings of a phrase that another tokenizer may give it, to explain a difference.
VARIANTS = (
    ("'s dropped (possessive rule)", lambda q: re.sub(r"['\u2019]s\b", "", q, flags=re.I)),
    ("apostrophe joined", lambda q: re.sub(r"['\u2019]", "", q)),
    ("hyphen joined", lambda q: q.replace("-", "")),
    ("parts with the hyphen dropped", lambda q: re.sub(r"\b[^\W_]+-", "", q)),
)


class Texts:
    """The corpus's distinct texts (hard links read once) with their multiplicity."""

    def __init__(self, corpus):
        mult, paths = {}, {}
        for p in corpus_files(corpus):
            st = os.stat(p)
            key = (st.st_dev, st.st_ino)
            mult[key] = mult.get(key, 0) + 1
            paths.setdefault(key, p)
        self.raw = [read_text(paths[k]) for k in mult]
        self.mult = list(mult.values())
        self.joined = [" %s " % " ".join(toks(t)) for t in self.raw]

    def doc_count(self, *qs):
        """Documents holding any of the phrases qs."""
        needles = [" %s " % " ".join(toks(q)) for q in qs]
        return sum(m for j, m in zip(self.joined, self.mult) if any(n in j for n in needles))


def compare(args):
    qpath, ours_p, ref_p, corpus = args[:4]
    label = args[args.index("--label") + 1] if "--label" in args else "ours"
    show = int(args[args.index("--show") + 1]) if "--show" in args else 6
    queries = read_queries(qpath)
    ours, ref = read_counts(ours_p), read_counts(ref_p)
    diffs = [(qid, q) for qid, q in queries if ours.get(qid) != ref.get(qid)]
    print("   %s vs independent count: %d of %d phrases agree" %
          (label, len(queries) - len(diffs), len(queries)))
    if not diffs:
        return
    texts = Texts(corpus)
    classes = {}
    for qid, q in diffs:
        kinds, ex = separators(texts.raw, toks(q))
        inner = re.sub(r"[^\W_]", "", q.strip('"').replace(" ", ""))
        if inner:
            kinds.add("query word holds %r" % "".join(sorted(set(inner))))
        if any(ord(c) > 127 for c in q):
            kinds.add("non-ASCII letters")
        o, r = ours.get(qid), ref.get(qid)
        direction = ("error" if o is None else "more" if (r is None or o > r) else "fewer")
        why = ""
        for name, f in VARIANTS:
            v = f(q)
            if v != q and o is not None and texts.doc_count(q, v) == o:
                why = "; = independent count of %s OR %s (%s)" % (q, v, name)
                break
        key = "%s finds %s; %s" % (label, direction,
                                   ", ".join(sorted(kinds)) or "words joined by spaces only")
        classes.setdefault(key, []).append((qid, q, o, r, ex, why))
    for key, items in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print("   %3d x %s" % (len(items), key))
        for qid, q, o, r, ex, why in items[:show]:
            print("         %s %s: %s %s, independent %s%s" % (qid, q, label, o, r, why))
            if ex:
                print("             e.g. ...%s..." % ex[0])


# ---- timing --------------------------------------------------------------------------

def drive(args):
    mode, times_p, out_p, qpath = args[:4]
    cmd = args[args.index("--") + 1:]
    queries = read_queries(qpath)
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
                            errors="replace")
    times = []
    with open(out_p, "w", encoding="utf-8") as out:
        for qid, q in queries:
            if mode == "sentinel":
                end = "%s~end\t#error" % qid
                msg = "%s\t%s\n%s~end\t(\n" % (qid, q, qid)
            else:
                end = "%s\t#end" % qid
                msg = "%s\t%s\n" % (qid, q)
            t0 = time.perf_counter()
            proc.stdin.write(msg)
            proc.stdin.flush()
            while True:
                line = proc.stdout.readline()
                if not line:
                    sys.exit("qtools drive: %s ended early" % cmd[0])
                if line.startswith(end):
                    break
                out.write(line)
            times.append(time.perf_counter() - t0)
    proc.stdin.close()
    proc.wait()
    with open(times_p, "w") as f:
        f.writelines("%.9f\n" % t for t in times)


def spawn(args):
    n, times_p, qpath = int(args[0]), args[1], args[2]
    cmd = args[args.index("--") + 1:]
    queries = read_queries(qpath)[:n]
    base = []
    for _ in range(max(n, 20)):
        t0 = time.perf_counter()
        subprocess.run(["/bin/true"])
        base.append(time.perf_counter() - t0)
    times = []
    for _, q in queries:
        t0 = time.perf_counter()
        subprocess.run(cmd + [q], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    with open(times_p, "w") as f:
        f.writelines("%.9f\n" % t for t in times)
    base.sort()
    print("%.3f" % (base[len(base) // 2] * 1000))


STOP = set("""a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down
during each few for from further had has have having he her here hers him his how i if in
into is it its itself just may me might more most must my no nor not now of off on once
only or other our ours out over own same shall she should so some such than that the their
theirs them then there these they this those through to too under until up upon very was
we were what when where which while who whom why will with would you your s t which one
us made new""".split())


def kwicpick(args):
    corpus = args[0]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 4242
    words, pairs = {}, {}
    for path in corpus_files(corpus):
        t = toks(read_text(path))
        for i, w in enumerate(t):
            if w in STOP or w.isdigit():
                continue
            words[w] = words.get(w, 0) + 1
            if i + 1 < len(t) and t[i + 1] not in STOP and not t[i + 1].isdigit():
                key = (w, t[i + 1])
                pairs[key] = pairs.get(key, 0) + 1
    rare = sorted(k for k, c in pairs.items()
                  if c == 1 and len(k[0]) >= 5 and len(k[1]) >= 5)
    pick = random.Random(seed).choice(rare)
    freq = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
    word = max(words.items(), key=lambda kv: (kv[1], kv[0]))
    print("rare\t%s\t%d" % (" ".join(pick), 1))
    print("frequent\t%s\t%d" % (" ".join(freq[0]), freq[1]))
    print("word\t%s\t%d" % word)


def percentiles(xs):
    xs = sorted(xs)

    def p(q):
        return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000

    return p(0.5), p(0.9), p(0.99), sum(xs) / len(xs) * 1000


def pct(args):
    xs = []
    for path in args:
        with open(path) as f:
            xs += [float(x) for x in f if x.strip()]
    print("%.3f %.3f %.3f %.3f" % percentiles(xs))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmds = {"sample": sample, "count": count, "compare": compare, "drive": drive,
            "spawn": spawn, "pct": pct, "kwicpick": kwicpick}
    if sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
