"""End-to-end tests of searcher --words (the word list of a subcorpus) and --keywords
(its keyness against a reference).

The expected lists are counted here, from the texts the test writes, by the rule README.md
gives ("--words"): the folded words of the body text (never the title or other fields),
accents and case folded, numbers and
footnote markers left out, a possessive counted as its head, a hyphenated
compound as its joined whole and as each part."""
import json
import math
import random
import re
import unicodedata
import unittest
from collections import Counter

from cli import CliTest, SeedTest

WORDS = ["alpha", "beta", "gamma", "delta", "Core", "public", "state", "norm", "état",
         "cyber-security", "ICANN's", "2021", "the", "and"]
SEPS = [" ", " ", "\n", ", ", ". ", ";\n"]


def words_of(text):
    """The words of text, as the rule counts them."""
    out = []
    for tok in re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text):
        tok = tok.lower().replace("’", "'")  # folded: lower case, no accents
        tok = "".join(c for c in unicodedata.normalize("NFKD", tok)
                      if not unicodedata.combining(c))
        if re.fullmatch(r"\d+", tok):
            continue
        tok = re.sub(r"'s$", "", tok)
        parts = tok.split("-")
        out += ["".join(parts)] + parts if len(parts) > 1 else parts
    return out


def word_list(texts):
    """{word: (freq, docs)} of the given texts."""
    freq, docs = Counter(), Counter()
    for t in texts:
        c = Counter(words_of(t))
        freq.update(c)
        docs.update(c.keys())
    return {w: (freq[w], docs[w]) for w in freq}


def ranked(table):
    return sorted(table, key=lambda w: (-table[w][0], w.encode()))


class WordList(CliTest):
    def setUp(self):
        super().setUp()
        rnd = random.Random(14)
        self.texts = {}
        for i in range(12):
            words = [rnd.choice(WORDS) for _ in range(rnd.randint(0, 120))]
            text = "".join(w + rnd.choice(SEPS) for w in words)
            actor = "Finland" if i % 3 == 0 else "Chile"
            self.texts[i] = (actor, text)
            self.write(f"d{i:02d}.txt",
                       f"---\ntitle: Zebra quokka {i}\nactor: {actor}\n---\n{text}")
        self.index_corpus("-q")

    def rows(self, *args, check=0):
        rc, out, err = self.search("--words", "--format", "json", *args, check=check)
        return [json.loads(line) for line in out.splitlines()]

    def check_against(self, rows, texts):
        want = word_list(texts)
        total = sum(f for f, d in want.values())
        self.assertEqual([r["word"] for r in rows], ranked(want))
        for r in rows:
            self.assertEqual((r["freq"], r["docs"]), want[r["word"]], r["word"])
            self.assertAlmostEqual(r["per_million"], r["freq"] * 1e6 / total, delta=0.01)
        self.assertEqual([r["rank"] for r in rows], list(range(1, len(rows) + 1)))

    def test_whole_index(self):
        self.check_against(self.rows(), [t for a, t in self.texts.values()])
        words = {r["word"] for r in self.rows()}
        self.assertNotIn("zebra", words)  # the title is a field, not body text
        self.assertIn("cybersecurity", words)
        self.assertNotIn("icann's", words)

    def test_subcorpus(self):
        self.check_against(self.rows("actor:finland"),
                           [t for a, t in self.texts.values() if a == "Finland"])

    def test_filters_and_cut(self):
        want = word_list([t for a, t in self.texts.values()])
        rows = self.rows("--no-stopwords", "--min-freq", "30")
        kept = {w: v for w, v in want.items() if v[0] >= 30 and w not in ("the", "and")}
        self.assertEqual([r["word"] for r in rows], ranked(kept))
        cut = self.rows("-n", "2", "--offset", "1")
        self.assertEqual([r["word"] for r in cut], ranked(want)[1:3])
        self.assertEqual([r["rank"] for r in cut], [2, 3])

    def test_formats(self):
        js = self.rows("actor:chile")
        rc, tsv, err = self.search("--words", "-f", "tsv", "--header", "actor:chile", check=0)
        lines = tsv.splitlines()
        self.assertEqual(lines[0], "rank\tword\tfreq\tdocs\tper_million")
        self.assertEqual(len(lines) - 1, len(js))
        for line, r in zip(lines[1:], js):
            rank, word, freq, docs, pm = line.split("\t")
            self.assertEqual((int(rank), word, int(freq), int(docs)),
                             (r["rank"], r["word"], r["freq"], r["docs"]))
            self.assertAlmostEqual(float(pm), r["per_million"], delta=0.01)
        rc, text, err = self.search("--words", "actor:chile", check=0)
        total = sum(r["freq"] for r in js)
        ndocs = sum(1 for a, t in self.texts.values() if a == "Chile")
        self.assertTrue(text.startswith(f"{total} words in {ndocs} documents; "), text)
        first = text.splitlines()[2].split()
        self.assertEqual(first[:4], [str(js[0]["rank"]), js[0]["word"], str(js[0]["freq"]),
                                     str(js[0]["docs"])])
        rc, out, err = self.search("--words", "--batch", "-f", "tsv", "-n", "1",
                                   stdin=b"a\t\nb\tactor:chile\n", check=0)
        self.assertEqual([l.split("\t")[:3] for l in out.splitlines()],
                         [["a", "1", self.rows()[0]["word"]], ["b", "1", js[0]["word"]]])

    def test_exit_statuses(self):
        self.search("--words", "actor:nobody", check=1)
        self.search("--words", "--min-freq", "100000", check=1)
        self.search("--words", "alpha(", check=2)
        self.search("--words", "--window", "3", check=2)
        self.search("--words", "--kwic", "alpha", check=2)
        self.search("--words", "--count", check=2)
        self.search("--kwic", "--no-stopwords", "alpha", check=2)


class SeedWords(SeedTest):
    """The seed report: a report container holds its passages' text again, so the word
    list of everything leaves it out (every word counted once)."""

    def table(self, query):
        rc, out, err = self.search("--words", "-f", "json", query, check=0)
        return {r["word"]: (r["freq"], r["docs"]) for r in map(json.loads, out.splitlines())}

    def test_report_containers_left_out(self):
        whole = self.table("")
        parts = [self.table("type:passage"), self.table("type:citation")]
        want = {w: tuple(sum(t.get(w, (0, 0))[i] for t in parts) for i in (0, 1))
                for t in parts for w in t}
        self.assertEqual(whole, want)
        self.assertEqual(self.table("type:report")["cyber"][1], 1)  # asked for: there


def keyness(a, b, c1, c2):
    """Rayson and Garside's G2 and the log ratio (0.5 for a zero count), computed anew."""
    e1, e2 = c1 * (a + b) / (c1 + c2), c2 * (a + b) / (c1 + c2)
    g2 = 2 * ((a * math.log(a / e1) if a else 0) + (b * math.log(b / e2) if b else 0))
    return g2, math.log2(((a or 0.5) / c1) / ((b or 0.5) / c2))


class KeywordsByHand(CliTest):
    """d1 (Finland) "x a a b", d2 (Chile) "a b b b c": C1 = 4, C2 = 5."""

    def setUp(self):
        super().setUp()
        self.write("d1.txt", "---\nactor: Finland\n---\nx a a b\n")
        self.write("d2.txt", "---\nactor: Chile\n---\na b b b c\n")
        self.index_corpus("-q")

    def rows(self, *args, check=0):
        rc, out, err = self.search("--keywords", "--format", "json", *args, check=check)
        return [json.loads(line) for line in out.splitlines()]

    def test_two_by_two(self):
        # x: a=1, b=0: E1 = 4/9, G2 = 2 ln(9/4) = 1.6219; LR = log2((1/4) / (0.5/5)) = 1.3219
        # a: a=2, b=1: E1 = 4/3, E2 = 5/3, G2 = 2 (2 ln 1.5 + ln 0.6) = 0.6002; LR = log2 2.5
        rows = self.rows("--min-freq", "1", "actor:finland")
        self.assertEqual([(r["word"], r["freq"], r["ref_freq"]) for r in rows],
                         [("x", 1, 0), ("a", 2, 1)])
        self.assertAlmostEqual(rows[0]["g2"], 2 * math.log(9 / 4), places=5)
        self.assertAlmostEqual(rows[0]["g2"], 1.6219, places=4)
        self.assertAlmostEqual(rows[1]["g2"], 0.6002, places=4)
        for r in rows:
            self.assertAlmostEqual(r["log_ratio"], math.log2(2.5), places=5)
        # by ratio: a tie, broken by the word's bytes
        rows = self.rows("--min-freq", "1", "--rank-by", "ratio", "actor:finland")
        self.assertEqual([r["word"] for r in rows], ["a", "x"])
        # negative: b (1 against 3: G2 = 2 (ln(9/16) + 3 ln(27/20)) = 0.6499), c only with
        # --min-ref-freq 1 (a = 0, b = 1: G2 = 2 ln(9/5) = 1.1756, first)
        self.assertEqual([r["word"] for r in self.rows("--negative", "actor:finland")], ["b"])
        rows = self.rows("--negative", "--min-ref-freq", "1", "actor:finland")
        self.assertEqual([(r["word"], r["freq"], r["ref_freq"]) for r in rows],
                         [("c", 0, 1), ("b", 1, 3)])
        self.assertAlmostEqual(rows[0]["g2"], 2 * math.log(9 / 5), places=5)
        self.assertAlmostEqual(rows[1]["g2"], 0.6499, places=4)
        self.assertAlmostEqual(rows[0]["log_ratio"], math.log2((0.5 / 4) / (1 / 5)), places=5)
        # the default filter: a >= 3
        self.assertEqual(self.rows("actor:finland", check=1), [])

    def test_formats_and_statuses(self):
        rc, tsv, err = self.search("--keywords", "-f", "tsv", "--header", "--min-freq", "1",
                                   "actor:finland", check=0)
        self.assertEqual(tsv.splitlines(), ["rank\tword\tfreq\tref_freq\tg2\tlog_ratio",
                                            "1\tx\t1\t0\t1.6219\t1.3219",
                                            "2\ta\t2\t1\t0.6002\t1.3219"])
        rc, text, err = self.search("--keywords", "--min-freq", "1", "actor:finland", check=0)
        lines = text.splitlines()
        self.assertIn("subcorpus 4 words in 1 documents; reference 5 words in 1 documents",
                      lines[0])
        self.assertEqual(lines[2].split(), ["1", "x", "1", "0", "1.622", "1.322"])
        self.search("--keywords", "--reference", "a(", "actor:finland", check=2)
        self.search("--keywords", "actor:finland(", check=2)
        self.search("--keywords", "--window", "2", "actor:finland", check=2)
        self.search("--words", "--negative", check=2)
        self.search("--kwic", "--reference", "a", "a", check=2)
        self.search("--keywords", "--rank-by", "mi", "a", check=2)
        self.search("--keywords", check=2)


class KeywordsCounted(WordList):
    """The random corpus of WordList: every row against the independent counts."""

    def test_against_rest_and_reference(self):
        fin = word_list([t for a, t in self.texts.values() if a == "Finland"])
        chl = word_list([t for a, t in self.texts.values() if a == "Chile"])
        c1, c2 = sum(f for f, d in fin.values()), sum(f for f, d in chl.values())
        for args in ((), ("--reference", "actor:chile")):  # Chile is the rest here
            rc, out, err = self.search("--keywords", "-f", "json", "--min-freq", "1", *args,
                                       "actor:finland", check=0)
            rows = [json.loads(line) for line in out.splitlines()]
            want = [w for w in fin if fin[w][0] * c2 > chl.get(w, (0, 0))[0] * c1]
            want.sort(key=lambda w: (-keyness(fin[w][0], chl.get(w, (0, 0))[0], c1, c2)[0],
                                     w.encode()))
            self.assertEqual([r["word"] for r in rows], want)
            for r in rows:
                g2, lr = keyness(r["freq"], r["ref_freq"], c1, c2)
                self.assertEqual(r["freq"], fin[r["word"]][0])
                self.assertEqual(r["ref_freq"], chl.get(r["word"], (0, 0))[0])
                self.assertAlmostEqual(r["g2"], g2, places=4)
                self.assertAlmostEqual(r["log_ratio"], lr, places=4)


if __name__ == "__main__":
    unittest.main()
