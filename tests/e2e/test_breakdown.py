"""End-to-end tests of searcher --breakdown: the forms each keyword of a query matched.

The expected counts are found independently: the synthetic corpus is tokenized here
(lower-cased runs of letters) and each unit's forms counted by hand-written rules (a
wildcard: tokens starting with its head; a stem: the forms written into the corpus that
stem to it; a phrase: adjacent tokens). They are checked for the whole index and for a
subcorpus (a type: filter), in text, TSV and JSON, and against --kwic's own lines."""
import json
import random
import re
import unittest

from cli import CliTest

NORMS = ["norm", "norms", "normative", "normal"]
PROTECTS = ["protect", "protects", "protecting", "protection"]  # all stem to "protect"
FILLER = ["alpha", "beta", "public", "core", "state", "gamma"]

QUERY = 'norm* protect "public core"'


def tokens(text):
    return [t.lower() for t in re.findall(r"[^\W\d_]+", text)]


def expected(texts):
    """{(unit, form): (occurrences, documents)} by the rules in the docstring, over the
    documents the query selects: those holding all three units (the query is an AND)."""
    want = {}
    for name, text in texts.items():
        toks, mine = tokens(text), {}
        for i, t in enumerate(toks):
            if t.startswith("norm"):
                mine[("norm*", t)] = mine.get(("norm*", t), 0) + 1
            if t in PROTECTS:
                mine[("protect", t)] = mine.get(("protect", t), 0) + 1
            if t == "public" and i + 1 < len(toks) and toks[i + 1] == "core":
                key = ('"public core"', "public core")
                mine[key] = mine.get(key, 0) + 1
        if {unit for unit, form in mine} != {"norm*", "protect", '"public core"'}:
            continue
        for key, n in mine.items():
            occ, docs = want.get(key, (0, 0))
            want[key] = (occ + n, docs + 1)
    return want


class Breakdown(CliTest):
    def setUp(self):
        super().setUp()
        rnd = random.Random(14)
        self.texts = {}
        self.memos = {}
        words = NORMS + PROTECTS + FILLER * 3
        for i in range(24):
            ws = [rnd.choice(words) for _ in range(rnd.randint(0, 200))]
            ws = [w.upper() if rnd.random() < 0.1 else w for w in ws]
            text = "".join(w + rnd.choice([" ", "\n", ", ", ". "]) for w in ws)
            kind = "memo" if i % 3 == 0 else "note"
            name = f"d{i:02d}.txt"
            self.texts[name] = text
            if kind == "memo":
                self.memos[name] = text
            self.write(name, f"---\ntype: {kind}\n---\n{text}")
        self.index_corpus("-q")

    def rows(self, fmt, *query):
        rc, out, err = self.search("--breakdown", "--format", fmt, *query)
        self.assertEqual(rc, 0, err)
        if fmt == "json":
            return {(r["unit"], r["form"]): (r["occurrences"], r["documents"])
                    for r in map(json.loads, out.splitlines())}, out
        if fmt == "tsv":
            got = {}
            for line in out.splitlines():
                unit, kind, form, occ, docs = line.split("\t")
                got[(unit, form)] = (int(occ), int(docs))
            return got, out
        return self.text_rows(out), out

    @staticmethod
    def text_rows(out):
        got, unit = {}, None
        for line in out.splitlines():
            if not line.startswith("  "):
                unit = line.split(" (")[0]
                continue
            form, occ, docs = re.match(r"  (.+?)\s+(\d+)\s+(\d+)$", line).groups()
            got[(unit, form)] = (int(occ), int(docs))
        return got

    def test_every_format_equals_an_independent_count(self):
        for texts, query in ((self.texts, [QUERY]), (self.memos, ["type:memo", QUERY])):
            want = expected({k: v for k, v in texts.items()})
            for fmt in ("text", "tsv", "json"):
                got, out = self.rows(fmt, *query)
                self.assertEqual(got, want, f"{fmt} {query}")

    def test_order_and_unit_lines(self):
        got, out = self.rows("text", QUERY)
        units = [l for l in out.splitlines() if not l.startswith("  ")]
        self.assertEqual([u.split(" (")[0] for u in units], ["norm*", "protect", '"public core"'])
        self.assertIn("norm* (wildcard): ", units[0])
        self.assertIn("protect (stem): ", units[1])
        self.assertIn('"public core" (phrase): ', units[2])
        # a unit line's documents are the documents holding any of its forms
        rc, out, err = self.search("--breakdown", "norm*", check=0)
        want_docs = {n for n, t in self.texts.items() if any(x.startswith("norm") for x in tokens(t))}
        want_occ = sum(1 for t in self.texts.values() for x in tokens(t) if x.startswith("norm"))
        self.assertEqual(out.splitlines()[0], f"norm* (wildcard): {want_occ} occurrences in "
                                              f"{len(want_docs)} documents")
        rows, out = self.rows("tsv", QUERY)
        lines = [l.split("\t") for l in out.splitlines()]
        for unit in ("norm*", "protect"):
            mine = [(-int(l[3]), l[2]) for l in lines if l[0] == unit]
            self.assertEqual(mine, sorted(mine), "occurrences desc, then bytes")
        self.assertEqual({l[1] for l in lines}, {"wildcard", "stem", "phrase"})

    def test_counts_equal_kwic_lines(self):
        """For each form, the --kwic lines whose match folds to it; a NEAR group and an
        overlapping pair of units too (one line per start byte, the longest)."""
        for query in (QUERY, "core NEAR/2 state", 'norm* normal "public core" public'):
            rc, out, err = self.search("--kwic", "--format", "json", query, check=0)
            kwic = {}
            for line in map(json.loads, out.splitlines()):
                form = " ".join(tokens(line["match"]))
                kwic[form] = kwic.get(form, 0) + 1
            got, _ = self.rows("json", query)
            forms = {}
            for (unit, form), (occ, docs) in got.items():
                forms[form] = forms.get(form, 0) + occ
            self.assertEqual(forms, kwic, query)
            rc, out, err = self.search("--kwic", "--count", "-f", "tsv", query, check=0)
            self.assertEqual(sum(forms.values()), int(out.split("\t")[0]), query)

    def test_exit_statuses(self):
        self.search("--breakdown", "zzzz", check=1)
        self.write("only.txt", "---\ntype: other\n---\nsolitary word\n")
        self.index_corpus("-q")
        self.search("--breakdown", "type:memo", "solitary", check=1)
        self.search("--breakdown", "solitary", check=0)
        for bad in (["--count"], ["--sort", "doc"], ["--kwic"], ["-n", "3"], ["--window", "2"],
                    ["--context", "5"]):
            rc, out, err = self.search("--breakdown", *bad, "norm*")
            self.assertEqual(rc, 2, bad)
            self.assertIn("searcher:", err)
        self.search("--breakdown", "type:memo", check=2)  # no keyword
        self.search("--breakdown", '"unclosed', check=2)

    def test_batch_carries_the_query_id(self):
        rc, out, err = self.search("--breakdown", "--batch", "-f", "tsv", "--header",
                                   stdin=b"q1\tnorm*\nq2\tzzzz\n")
        self.assertEqual(rc, 0, err)
        lines = out.splitlines()
        self.assertEqual(lines[0], "query\tunit\tkind\tform\toccurrences\tdocuments")
        self.assertTrue(all(l.startswith("q1\tnorm*\twildcard\t") for l in lines[1:] if
                            not l.startswith("q2")))


if __name__ == "__main__":
    unittest.main()
