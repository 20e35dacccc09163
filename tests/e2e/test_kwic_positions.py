"""End-to-end: `--kwic --count` (and `--timeline`) counts from the index's position lists, and must give
exactly what the text-based `--kwic` prints: N = its lines, M = the documents of those
lines. Checked for every class of query (word, stem, wildcard, exact phrase, overlapping
phrase matches, "..."~N, NEAR/N, possessives, compounds, identifiers, footnote markers,
phrases over page breaks, words that are also in the title) on the seed report and on a
generated corpus that mixes all of them."""
import json
import random
import unittest

from cli import CliTest, SeedTest
from test_concordance import independent_phrase_count

QUERIES = [
    "internet", "protect", "cyber*", "secur*", '"public core"', '"public core"~3',
    "public NEAR/3 core", "internet NEAR/5 public", '"the public core of the internet"',
    "ICANN's", "ICANN", '"ICANN\'s mission"', "ICT-related", '"ict related"', "mission",
    '"not only constitute barriers"', "update", "cybersecurity", "discussions",
    '"public core" internet', "protect OR protection", '"public core" -"critical"',
    "2021", "A/75/816", "norms NEAR/4 cyber",
]

# What the generated corpora (here and in test_snippet_positions) hold besides the
# seed's classes: overlapping phrases, markers, possessives, identifiers, title words.
GENERATED_QUERIES = ['"a a"', '"a a a"', '"a a"~3', "a NEAR/2 a", "a NEAR/2 core",
                     "mission 2", '"mission 2"', "2", "75", '"it\'s not"', '"it not"', "U.N.",
                     "un", "a/res*", '"cyber security"', "https://www.icann.org/en/public",
                     "title:update core", "actor:public internet"]


class Counts:
    """Both counts of a query: from --kwic --count, and from the lines --kwic prints."""

    def both(self, query):
        rc, out, err = self.search("--kwic", "--count", "--format", "tsv", query)
        self.assertIn(rc, (0, 1), f"{query}: {err}")
        occ, docs = map(int, out.split("\t"))
        rc, out, err = self.search("--kwic", "--format", "json", query)
        self.assertIn(rc, (0, 1), f"{query}: {err}")
        lines = [json.loads(line) for line in out.splitlines()]
        return (occ, docs), (len(lines), len({line["id"] for line in lines})), lines

    def assert_same(self, query):
        counted, printed, lines = self.both(query)
        self.assertEqual(counted, printed, query)
        self.assert_timeline(query, lines)
        self.assert_lines_same(query)
        return lines

    # --kwic prints from position lists and the position map; DS_KWIC_TEXT=1 (kwic.h,
    # a test hook) forces the old path, which tokenizes each whole text with mt_find.
    # Every query class above, in every format, orders, both kinds of context, paging.
    OUTPUTS = [("--format", "tsv"), ("--format", "json"),
               ("--format", "tsv", "--sort", "-date", "--context", "7"),
               ("--format", "json", "--sort", "date", "--context-words", "3"),
               ("--format", "text", "--context", "12"),
               ("--format", "text", "--context-words", "2"),
               ("--format", "tsv", "--offset", "3", "--limit", "5"),
               ("--format", "json", "--sort", "R2")]  # L1..R9: the text path in both

    def assert_lines_same(self, query):
        """The lines printed from positions equal the text path's, byte for byte."""
        for args in self.OUTPUTS:
            got = self.run_tool("searcher", "-d", self.index, "--kwic", *args, query)
            want = self.run_tool("searcher", "-d", self.index, "--kwic", *args, query,
                                 env={"DS_KWIC_TEXT": "1"})
            self.assertIn(want[0], (0, 1), f"{query} {args}: {want[2]}")
            self.assertEqual(got, want, f"{query} {args}")

    def assert_timeline(self, query, lines):
        """--timeline (also from position lists) per year and month: the lines of each
        period, and the documents holding them."""
        for by, width in (("year", 4), ("month", 7)):
            want = {}
            for line in lines:
                period = line["date"][:width] if line["date"] else "undated"
                if by == "month" and line["date"] and len(line["date"]) == 4:
                    period += "-01"  # a year's first day is in January
                occ, docs = want.get(period, (0, set()))
                want[period] = (occ + 1, docs | {line["id"]})
            rc, out, err = self.search("--timeline", "--by", by, "--format", "tsv", query)
            got = {}
            for row in out.splitlines():
                period, occ, docs = row.split("\t")
                if int(docs):
                    got[period] = (int(occ), int(docs))
            self.assertEqual(got, {p: (o, len(d)) for p, (o, d) in want.items()},
                             f"{query} by {by}")


class SeedPositions(Counts, SeedTest):
    def test_every_query_class(self):
        nonzero = 0
        for query in QUERIES:
            for scope in ("", " type:report", " type:passage", " type:citation"):
                nonzero += len(self.assert_same(query + scope)) > 0
        self.assertGreater(nonzero, 40)

    def test_figures_stay(self):
        self.assertEqual(len(self.assert_same('"public core"')), 14)
        self.assertEqual(len(self.assert_same('"public core" type:report')), 14)
        # the long phrase, over line and page breaks: every one the raw text has
        lines = self.assert_same('"the public core of the internet" type:report')
        self.assertEqual(len(lines), independent_phrase_count(
            self.seed_text, "the public core of the internet".split()))
        self.assertEqual(len(lines), 9)
        # "mission.2": the report parser took the marker out of the text
        self.assertTrue(self.assert_same("mission type:report"))


class GeneratedPositions(Counts, CliTest):
    """Plain texts (markers stay tokens there) and a report, with titles sharing words."""

    WORDS = ["public", "core", "internet", "a", "a", "a", "protect", "protecting",
             "protection", "ICANN\u2019s", "ICANN's", "ICANN", "ICT-related", "ict",
             "related", "cyber-security", "cybersecurity", "cyber", "mission.2",
             "mission", "rights.\u201d5", "mission\u00b2", "A/RES/75/282", "2", "75",
             "https://www.icann.org/en/public", "update", "it's", "not", "U.N.", "norms"]
    SEPS = [" ", " ", " ", "\n", ", ", ". ", "\f", " (", ") "]

    def setUp(self):
        super().setUp()
        rnd = random.Random(11)
        for i in range(60):
            words = [rnd.choice(self.WORDS) for _ in range(rnd.randint(0, 200))]
            text = "".join(w + rnd.choice(self.SEPS) for w in words)
            title = " ".join(rnd.choice(self.WORDS[:8] + ["update"]) for _ in range(4))
            date = ("" if i % 5 == 0 else f"date: {2015 + i % 4}\n" if i % 7 == 0
                    else f"date: {2015 + i % 4}-{1 + i % 12:02d}-0{1 + i % 9}\n")
            self.write(f"g{i:02d}.txt",
                       f"---\ntitle: {title}\nactor: Public Core\n{date}---\n{text}")
        self.index_corpus("-q", "-j", "2")

    def test_every_query_class(self):
        queries = QUERIES + GENERATED_QUERIES
        nonzero = 0
        for query in queries:
            nonzero += len(self.assert_same(query)) > 0
        self.assertGreater(nonzero, 30)
        # overlapping matches count separately, as the lines show them
        lines = self.assert_same('"a a"')
        self.assertGreater(len(lines), len({(l["id"]) for l in lines}))


if __name__ == "__main__":
    unittest.main()
