#!/usr/bin/env python3
"""fts5.py - the SQLite FTS5 peer, for bench/index_bench.sh and bench/query_bench.sh.

  fts5.py index DB PATH...          index every .txt file under each PATH into DB (new)
  fts5.py optimize DB               merge DB's FTS5 segments into one ('optimize')
  fts5.py query DB [--limit N] [--count] [--times FILE] < queries

Index: one table `docs` USING fts5(id UNINDEXED, body, tokenize='porter unicode61'):
the text is stored (FTS5's own content table) and indexed with positions (detail=full),
stemmed by the Porter stemmer; one row per file, all in one transaction.

Query: one query per line (optionally ID<TAB>QUERY); `docs MATCH ?` ORDER BY rank (bm25)
LIMIT N, with a snippet() of each hit (as dossier prints one), printed as
ID<TAB>rank<TAB>id<TAB>score<TAB>snippet. --count prints ID<TAB>matches. The query text
is translated to FTS5 syntax: a "phrase" stays a phrase, bare words are quoted (so that
words such as AND/OR/NOT or punctuation are not operators), AND is implicit. --times
writes each query's wall time in seconds, one per line, measured in this process.
"""
import os
import re
import sqlite3
import sys
import time


def need_fts5(con):
    try:
        con.execute("CREATE VIRTUAL TABLE temp.probe USING fts5(x)")
        con.execute("DROP TABLE temp.probe")
    except sqlite3.OperationalError as e:
        sys.exit("fts5.py: this sqlite3 module has no FTS5 (%s)" % e)


def files_under(root):
    if os.path.isfile(root):
        return [(root, os.path.basename(root))]
    out = []
    for d, dirs, names in os.walk(root):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(".txt"):
                p = os.path.join(d, n)
                out.append((p, os.path.relpath(p, root)))
    return out


def index(db, roots):
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    need_fts5(con)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, "
                "tokenize='porter unicode61')")
    n = nbytes = 0
    con.execute("BEGIN")
    for root in roots:
        for path, ident in files_under(root):
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            con.execute("INSERT INTO docs(id, body) VALUES (?, ?)", (ident, text))
            n += 1
            nbytes += len(text.encode("utf-8"))
    con.execute("COMMIT")
    con.close()
    print("fts5.py: %d documents, %d bytes" % (n, nbytes), file=sys.stderr)


def optimize(db):
    con = sqlite3.connect(db)
    con.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    con.commit()
    con.execute("VACUUM")
    con.close()


PHRASE = re.compile(r'"([^"]*)"')


def to_fts5(q):
    """Our query text to FTS5's: phrases kept, bare words quoted, AND implicit."""
    parts = []
    pos = 0
    for m in PHRASE.finditer(q):
        parts += ['"%s"' % w for w in q[pos:m.start()].split()]
        words = m.group(1).replace('"', "").split()
        if words:
            parts.append('"%s"' % " ".join(words))
        pos = m.end()
    parts += ['"%s"' % w.replace('"', "") for w in q[pos:].split()]
    return " AND ".join(parts)


def query(db, args):
    limit, count, times = 10, False, None
    i = 0
    while i < len(args):
        if args[i] == "--limit":
            limit = int(args[i + 1])
            i += 1
        elif args[i] == "--count":
            count = True
        elif args[i] == "--times":
            times = open(args[i + 1], "w")
            i += 1
        else:
            sys.exit("fts5.py: unknown option " + args[i])
        i += 1
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    out = sys.stdout
    hits_sql = ("SELECT id, bm25(docs), snippet(docs, 1, '', '', '…', 24) FROM docs "
                "WHERE docs MATCH ? ORDER BY rank LIMIT ?")
    count_sql = "SELECT count(*) FROM docs WHERE docs MATCH ?"
    for n, line in enumerate(sys.stdin, 1):
        line = line.rstrip("\r\n")
        if not line:
            continue
        ident, _, q = line.partition("\t") if "\t" in line else (str(n), "", line)
        t0 = time.perf_counter()
        try:
            if count:
                c = con.execute(count_sql, (to_fts5(q),)).fetchone()[0]
                out.write("%s\t%d\n" % (ident, c))
            else:
                rows = con.execute(hits_sql, (to_fts5(q), limit)).fetchall()
                for r, (doc, score, snip) in enumerate(rows, 1):
                    snip = re.sub(r"[\t\r\n]", " ", snip)
                    out.write("%s\t%d\t%s\t%.4f\t%s\n" % (ident, r, doc, score, snip))
        except sqlite3.OperationalError as e:
            out.write("%s\t#error\t%s\n" % (ident, e))
        if times:
            times.write("%.9f\n" % (time.perf_counter() - t0))
    if times:
        times.close()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    mode, db = sys.argv[1], sys.argv[2]
    if mode == "index":
        index(db, sys.argv[3:])
    elif mode == "optimize":
        optimize(db)
    elif mode == "query":
        query(db, sys.argv[3:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
