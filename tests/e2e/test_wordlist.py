"""End-to-end tests of searcher --words: the word list of a subcorpus.

The expected lists are counted here, from the texts the test writes, by the rule README.md
gives ("--words"): the folded words of the body text (never the title or other fields),
accents and case folded, numbers and
footnote markers left out, a possessive counted as its head, a hyphenated
compound as its joined whole and as each part."""
import json
import random
import re
import unicodedata
import unittest
from collections import Counter

from cli import CliTest

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


if __name__ == "__main__":
    unittest.main()
