"""End-to-end tests of concordances: searcher --kwic, --collocates and --timeline.

Every expected number here is found independently of the searcher: by scanning the seed
report's text, by building a synthetic corpus whose truth is known, or by hand from the
formulas in README.md ("Concordances")."""
import json
import math
import os
import random
import re
import unittest
import xml.etree.ElementTree as ET

from cli import CliTest, SeedTest, SEED, SRC


# The occurrences of "public core" in the seed's dated statements, in the order of the
# text, with the speaker and the first day of the statement (read off the report by
# hand: "On 2 July 2020, the Republic of Finland: “... the public core ...”").
PUBLIC_CORE_STATEMENTS = [
    ("2020-07-02", "Finland"),
    ("2021-01-19", "Netherlands"),
    ("2021-02-19", "Slovenia"),
    ("2021-02-19", "Germany"),
    ("2021-02-19", "Netherlands"),
    ("2021-02-23", "United Kingdom"),
    ("2021-02-25", "Netherlands"),
    ("2021-03-03", "Global Commission on the Stability of Cyberspace"),
    ("2021-03-08", "Tech Accord"),
    ("2021-03-09", "Germany"),
    ("2021-03-09", "civil society"),
    ("2021-03-12", "Global Commission on the Stability of Cyberspace"),
]
# ... and two more in narrative passages after them (the Chair's summary and the
# Netherlands' comments on the final report), which quote no dated statement.
PUBLIC_CORE_NARRATIVE = 2


def independent_phrase_count(text, words):
    """Occurrences of the words adjacent (case-insensitive, across line breaks and
    punctuation), counted on the letters-only tokens of text."""
    toks = [t.lower() for t in re.findall(r"[^\W\d_]+", text)]
    k = len(words)
    return sum(1 for i in range(len(toks) - k + 1) if toks[i:i + k] == words)


class SeedConcordance(SeedTest):
    """The seed report, indexed as the corpus has it (a report, its passages, citations)."""

    def kwic(self, *args, check=0):
        rc, out, err = self.search("--kwic", "--format", "json", *args, check=check)
        return [json.loads(line) for line in out.splitlines()]

    def types(self):
        return {h["type"] for h in self.search_json("--fields", "type", '"public core"')}

    def test_every_occurrence_counted(self):
        """The whole report (or the single document the seed was before reports were
        parsed) holds every occurrence the raw text has: none is in a footnote."""
        want = independent_phrase_count(self.seed_text, ["public", "core"])
        self.assertEqual(want, 14)
        kind = "report" if "report" in self.types() else "text"
        lines = self.kwic(f'"public core" type:{kind}')
        self.assertEqual(len(lines), want)
        for line in lines:
            # the phrase matches across white space and punctuation, as the scan counts
            self.assertEqual(re.findall(r"[a-z]+", line["match"].lower()), ["public", "core"])
        rc, out, err = self.search("--kwic", "--count", f'"public core" type:{kind}', check=0)
        self.assertEqual(out, f"{want} occurrences in 1 document\n")

    def test_unfiltered_concordance_counts_each_occurrence_once(self):
        want = independent_phrase_count(self.seed_text, ["public", "core"])
        rc, out, err = self.search("--kwic", "--count", '"public core"', check=0)
        self.assertTrue(out.startswith(f"{want} occurrences in "), out)
        lines = self.kwic('"public core"')
        self.assertNotIn("report", {self.search_json("--fields", "type", f"id:{l['id']}")[0]
                                    ["type"] for l in lines})

    def test_excluding_a_type_does_not_bring_reports_back(self):
        rc, out, err = self.search("--kwic", "--count", "--format", "tsv", "internet", check=0)
        occ = int(out.split("\t")[0])
        rc, out, err = self.search("--kwic", "--count", "--format", "tsv",
                                   "internet -type:citation", check=0)
        self.assertLessEqual(int(out.split("\t")[0]), occ)

    def test_count_equals_lines(self):
        for query in ('"public core"', "protect", "cyber*", "internet NEAR/3 core",
                      '"public core" date:2021-02..2021-03 actor:netherlands'):
            rc, out, err = self.search("--kwic", "--count", "--format", "tsv", query)
            occ, docs = map(int, out.split("\t"))
            lines = self.kwic(query, check=None)
            self.assertEqual(occ, len(lines), query)
            self.assertEqual(docs, len({line["id"] for line in lines}), query)

    def test_actor_and_date_of_each_occurrence(self):
        if "passage" not in self.types():
            self.skipTest("the seed is not split into dated passages with actors yet")
        lines = self.kwic("--sort", "date", '"public core" type:passage')
        self.assertEqual(len(lines), len(PUBLIC_CORE_STATEMENTS) + PUBLIC_CORE_NARRATIVE)
        # passages of one day come in id order: match each statement to a line of its day
        left = [(line["date"], (line["actor"] or "").lower()) for line in lines]
        for date, actor in PUBLIC_CORE_STATEMENTS:
            found = [i for i, (d, a) in enumerate(left) if d == date and actor.lower() in a]
            self.assertTrue(found, f"no occurrence by {actor} on {date} in {left}")
            del left[found[0]]
        self.assertEqual([d for d, a in left], ["2021-03-12"] * PUBLIC_CORE_NARRATIVE)
        self.assertEqual([line["date"] for line in lines], sorted(line["date"] for line in lines))
        # the filters of the example select the Dutch statements of Feb-March and
        # the paragraph "The delegation of the Netherlands, ..., noted" (dated by its section)
        lines = self.kwic('"public core" date:2021-02..2021-03 actor:netherlands type:passage')
        self.assertEqual([line["date"] for line in lines],
                         ["2021-02-19", "2021-02-25", "2021-03-12"])

    def test_context_across_a_page_break(self):
        if "report" not in self.types():
            self.skipTest("the seed is not parsed as a report (pages, footnotes) yet")
        lines = self.kwic("--context", "300", '"public core" type:report')
        for line in lines:
            for junk in ("http", "UN Web TV", "Open-ended Working Group on Developments in"):
                self.assertNotIn(junk, line["left"] + line["right"], line)
            for part in ("left", "right"):
                self.assertNotRegex(line[part], r"\s\s|\n")
        # "term public core" starts a page: its left context is the end of the page
        # before, read on without the footnote block between them
        regret = [line for line in lines if line["left"].endswith("regret that the term ")]
        self.assertEqual(len(regret), 1)
        self.assertIn("on equal footings.” On 12 March 2021, the GCSC", regret[0]["left"])
        # a phrase that itself crosses the page break
        lines = self.kwic('"not only constitute barriers"')
        self.assertGreaterEqual(len(lines), 1)
        for line in lines:
            self.assertEqual(line["match"], "not only constitute barriers")

    def test_text_format_aligns_keywords(self):
        rc, out, err = self.search("--kwic", '"public core"', check=0)
        lines = out.splitlines()
        self.assertEqual(len(lines), len(self.kwic('"public core"')))
        for line in lines:  # the left context is right-aligned in 40 columns
            self.assertEqual(line[40:51].lower(), "public core", line)


class SyntheticConcordance(CliTest):
    """A corpus where the truth is known: random words with the phrase planted."""

    WORDS = ["alpha", "beta", "gamma", "delta", "core", "public", "state", "norm"]
    SEPS = [" ", " ", " ", "\n", ", ", ". ", ";\n", "  \t"]

    def setUp(self):
        super().setUp()
        rnd = random.Random(6)
        self.texts = {}
        for i in range(30):
            words = [rnd.choice(self.WORDS) for _ in range(rnd.randint(0, 300))]
            words = [w.upper() if rnd.random() < 0.1 else w for w in words]
            text = "".join(w + rnd.choice(self.SEPS) for w in words)
            date = "" if i % 7 == 0 else f"date: 20{10 + i % 5}-{1 + i % 12:02d}-03\n"
            self.texts[f"d{i:02d}.txt"] = text
            self.write(f"d{i:02d}.txt", f"---\n{date}---\n{text}" if date else text)
        self.index_corpus("-q")

    def kwic(self, *args):
        rc, out, err = self.search("--kwic", "--format", "json", *args)
        return [json.loads(line) for line in out.splitlines()]

    def test_counts_equal_an_independent_scan(self):
        for words in (["public", "core"], ["core", "core"], ["alpha", "beta", "gamma"],
                      ["norm"]):
            query = '"' + " ".join(words) + '"'
            want = {name: independent_phrase_count(t, words) for name, t in self.texts.items()}
            lines = self.kwic(query)
            got = {}
            for line in lines:
                got[line["id"]] = got.get(line["id"], 0) + 1
            self.assertEqual(got, {k: v for k, v in want.items() if v}, query)
            rc, out, err = self.search("--kwic", "--count", query)
            self.assertEqual(out, f"{sum(want.values())} occurrences in "
                                  f"{len(got)} documents\n")

    def test_match_is_the_exact_bytes(self):
        lines = self.kwic('"public core"', "--context-words", "2")
        self.assertGreater(len(lines), 10)
        for line in lines:
            # offsets are into the stored text: the file after its front matter
            text = self.texts[line["id"]].encode("utf-8")
            match = line["match"].encode("utf-8")
            self.assertEqual(text[line["offset"]:line["offset"] + len(match)], match)
            # the phrase matches across white space and punctuation, as the scan counts
            self.assertEqual(re.findall(r"[a-z]+", line["match"].lower()), ["public", "core"])

    def test_sort_orders(self):
        every = self.kwic("--context-words", "3", "core")
        order = [(l["id"], l["offset"]) for l in every]
        self.assertEqual(order, sorted(order))  # document order: by id, then offset
        first_word = lambda s: (re.findall(r"[a-z]+", s.lower()) or [""])[0]
        last_word = lambda s: (re.findall(r"[a-z]+", s.lower()) or [""])[-1]
        for sort, key in (("R1", lambda l: first_word(l["right"])),
                          ("L1", lambda l: last_word(l["left"]))):
            lines = self.kwic("--context-words", "3", "--sort", sort, "core")
            self.assertEqual(len(lines), len(every))
            keys = [(key(l), l["id"], l["offset"]) for l in lines]
            self.assertEqual(keys, sorted(keys), sort)
        lines = self.kwic("--sort", "date", "core")
        dates = [l["date"] or "" for l in lines]
        self.assertEqual(dates, sorted(dates))
        self.assertEqual(dates[0], "")  # undated first
        lines = self.kwic("--sort", "-date", "core")
        self.assertEqual([l["date"] or "" for l in lines], sorted(dates, reverse=True))
        # --offset and --limit cut the same list
        self.assertEqual(self.kwic("--context-words", "3", "--offset", "5", "--limit", "7", "core"),
                         every[5:12])
        self.assertEqual(self.kwic("--sort", "L1", "--offset", "3", "-n", "4", "core"),
                         self.kwic("--sort", "L1", "core")[3:7])

    def test_tsv_and_text(self):
        rc, out, err = self.search("--kwic", "-f", "tsv", "--header", "-n", "3", "core", check=0)
        rows = [r.split("\t") for r in out.splitlines()]
        self.assertEqual(rows[0], ["id", "date", "actor", "title", "offset", "left", "match",
                                   "right", "page", "line", "locator"])
        self.assertEqual(len(rows), 4)
        for r in rows[1:]:
            self.assertEqual(len(r), 11)
            self.assertEqual(r[6].lower(), "core")
            # plain documents have no line map: no page or line, a locator of the match
            self.assertEqual(r[8:10], ["", ""])
            self.assertTrue(r[10].startswith(f"{r[0]}@{r[4]}-{int(r[4]) + 4}~"), r[10])
        rc, out, err = self.search("--kwic", "--context", "20", "core", check=0)
        for line in out.splitlines():
            self.assertEqual(line[20:24].lower(), "core", line)

    def test_timeline(self):
        rc, out, err = self.search("--timeline", "-f", "tsv", "--header", "norm", check=0)
        rows = [r.split("\t") for r in out.splitlines()]
        self.assertEqual(rows[0], ["period", "occurrences", "documents"])
        want, undated = {}, [0, 0]
        for name, text in self.texts.items():
            n = independent_phrase_count(text, ["norm"])
            i = int(name[1:3])
            if not n:
                continue
            if i % 7 == 0:
                undated = [undated[0] + n, undated[1] + 1]
            else:
                year = f"20{10 + i % 5}"
                occ, docs = want.get(year, (0, 0))
                want[year] = (occ + n, docs + 1)
        periods = [str(y) for y in range(int(min(want)), int(max(want)) + 1)]
        expect = [[p, *map(str, want.get(p, (0, 0)))] for p in periods]
        if undated[1]:
            expect.append(["undated", *map(str, undated)])
        self.assertEqual(rows[1:], expect)
        # months: a continuous axis, empty months included
        rc, out, err = self.search("--timeline", "--by", "month", "-f", "json", "norm", check=0)
        months = [json.loads(l)["period"] for l in out.splitlines()]
        months = [m for m in months if m != "undated"]
        self.assertEqual(len(months), len(set(months)))
        y0, m0 = map(int, months[0].split("-"))
        for k, p in enumerate(months):
            self.assertEqual(p, f"{y0 + (m0 - 1 + k) // 12}-{(m0 - 1 + k) % 12 + 1:02d}")

    def test_svg_is_xml(self):
        svg = os.path.join(self.tmp, "chart.svg")
        query = 'norm OR "<public> & \'core\'"'
        self.search("--timeline", "--svg", svg, query, check=0)
        root = ET.parse(svg).getroot()
        ns = "{http://www.w3.org/2000/svg}"
        self.assertEqual(root.tag, ns + "svg")
        self.assertEqual(root.find(ns + "title").text, query)
        texts = [t.text for t in root.iter(ns + "text")]
        self.assertIn(query, texts)
        self.assertIn("occurrences", texts)
        bars = [r for r in root.iter(ns + "rect") if r.find(ns + "title") is not None]
        rc, out, err = self.search("--timeline", "-f", "tsv", query, check=0)
        periods = [r for r in out.splitlines() if not r.startswith("undated")]
        self.assertEqual(len(bars), len(periods))  # a bar for every period, none undated


class Collocates(CliTest):
    """A tiny corpus: the table worked out by hand."""

    def setUp(self):
        super().setUp()
        self.write("d1.txt", "x a k b x\n")
        self.write("d2.txt", "k a c\n")
        self.index_corpus("-q")

    def test_table_by_hand(self):
        # keyword k, window 1: windows "a b" (d1) and "a" (d2): O(a) = 2, O(b) = 1.
        # f(k) = 2 occurrences; N = 5 + 3 = 8 word positions; f(a) = 2, f(b) = 1.
        # E(a) = 2 * 2 * 2 / 8 = 1, E(b) = 2 * 1 * 2 / 8 = 0.5
        n, fk, span = 8, 2, 2

        def ll(o, fw):
            r1, c1 = fk * span, fw
            cells = [(o, r1 * c1 / n), (r1 - o, r1 * (n - c1) / n),
                     (c1 - o, (n - r1) * c1 / n), (n - r1 - c1 + o, (n - r1) * (n - c1) / n)]
            return 2 * sum(a * math.log(a / e) for a, e in cells if a > 0)

        want = {"mi": {"a": math.log2(2 / 1), "b": math.log2(1 / 0.5)},
                "t": {"a": (2 - 1) / math.sqrt(2), "b": (1 - 0.5) / math.sqrt(1)},
                "ll": {"a": ll(2, 2), "b": ll(1, 1)}}
        for measure, scores in want.items():
            rc, out, err = self.search("--collocates", "--window", "1", "--min-freq", "1",
                                       "--measure", measure, "-f", "json", '"k"', check=0)
            rows = [json.loads(l) for l in out.splitlines()]
            self.assertEqual([r["word"] for r in rows],
                             sorted(scores, key=lambda w: (-round(scores[w], 6),
                                                           -{"a": 2, "b": 1}[w], w)))
            for r in rows:
                self.assertEqual((r["observed"], r["freq"]), {"a": (2, 2), "b": (1, 1)}[r["word"]])
                self.assertAlmostEqual(r["expected"], {"a": 1.0, "b": 0.5}[r["word"]], places=5)
                self.assertAlmostEqual(r["score"], scores[r["word"]], places=4)
        rc, out, err = self.search("--collocates", "--window", "1", "-f", "tsv", "--header",
                                   '"k"', check=1)  # min-freq 3: nothing
        self.assertEqual(out, "rank\tword\tobserved\texpected\tscore\tfreq\n")

    def test_stopwords(self):
        self.write("d3.txt", "the k the\n")
        self.index_corpus("-q")
        rc, out, err = self.search("--collocates", "--window", "1", "--min-freq", "1", "-f", "tsv",
                                   '"k"', check=0)
        self.assertIn("\tthe\t", out)
        rc, out, err = self.search("--collocates", "--window", "1", "--min-freq", "1", "-f", "tsv",
                                   "--no-stopwords", '"k"', check=0)
        self.assertNotIn("\tthe\t", out)
        self.assertNotIn("\ta\t", out)


class Errors(CliTest):
    def setUp(self):
        super().setUp()
        self.text = "Alpha beta\r\nalpha\tBETA x\x1b[31m\u202e alpha beta \xff\n"
        self.write("e.txt", self.text)
        self.index_corpus("-q")

    def test_usage_errors(self):
        for args, msg in ((["--kwic", "type:text"], "no word, phrase"),
                          (["--kwic", "--sort", "relevance", "alpha"], "does not apply to --kwic"),
                          (["--kwic", "--sort", "L0", "alpha"], "does not apply to --kwic"),
                          (["--context", "5", "alpha"], "apply to --kwic only"),
                          (["--kwic", "--window", "5", "alpha"], "apply to --collocates only"),
                          (["--kwic", "--svg", "x.svg", "alpha"], "apply to --timeline only"),
                          (["--kwic", "--timeline", "alpha"], "exclude each other"),
                          (["--kwic", "--facet", "year", "alpha"], "search results only"),
                          (["--collocates", "--count", "alpha"], "--kwic only"),
                          (["--timeline", "--sort", "date", "alpha"], "--kwic only"),
                          (["--collocates", "--measure", "dice", "alpha"], "--measure"),
                          (["--timeline", "--by", "week", "alpha"], "--by"),
                          (["--kwic", "(alpha"], "unbalanced")):
            rc, out, err = self.search(*args, check=2)
            self.assertIn(msg, err, args)
        rc, out, err = self.search("--timeline", "--svg", os.path.join(self.tmp, "no", "x.svg"),
                                   "alpha", check=2)
        self.assertIn("searcher: error: cannot write", err)  # the disk's fault, not the query's
        rc, out, err = self.search("--kwic", '"no such phrase"', check=1)
        self.assertEqual(out, "")

    def test_hostile_text_and_batch(self):
        rc, out, err = self.search("--kwic", '"alpha beta"', check=0)
        self.assertNotIn("\x1b", out)
        self.assertNotIn("\u202e", out)
        self.assertEqual(len(out.splitlines()), 3)
        lines = [json.loads(l) for l in self.search("--kwic", "-f", "json", '"alpha beta"',
                                                      check=0)[1].splitlines()]
        self.assertEqual([l["match"] for l in lines], ["Alpha beta", "alpha\tBETA", "alpha beta"])
        raw = self.text.encode("utf-8")
        self.assertEqual([l["offset"] for l in lines], [0, 12, raw.index(b"alpha beta", 13)])
        rc, out, err = self.search("--kwic", "--batch", "-f", "tsv", "--count",
                                   stdin=b"q1\t\"alpha beta\"\nq2\tgamma\n", check=0)
        self.assertEqual(out, "q1\t3\t1\nq2\t0\t0\n")


if __name__ == "__main__":
    unittest.main()
