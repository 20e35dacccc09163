"""End-to-end: `--collocates` counts the words of windows read from each record's position
map around occurrences found from the index's position lists, never tokenizing a whole
text (collocates.h). DS_COLLOC_TEXT=1 (a test hook) takes the old path, which matches and
tokenizes every whole text: both must print the same bytes for every query class (those
of test_kwic_positions, GENERATED_QUERIES), every measure, window, frequency floor, stop
list, paging and format, on the seed report and on a generated corpus. DS_COLLOC_TOKENS=1
prints the tokens read for words on stderr: far fewer than a long document holds."""
import random
import re
import unittest

from cli import CliTest, SeedTest
import test_kwic_positions as kp
from test_kwic_positions import GENERATED_QUERIES, QUERIES

# Every option of --collocates (and each of the formats).
OPTIONS = [("--format", "tsv"),
           ("--format", "json", "--measure", "mi", "--window", "1", "--min-freq", "1"),
           ("--format", "text", "--measure", "t", "--window", "3", "--no-stopwords"),
           ("--format", "tsv", "--window", "50", "--min-freq", "1", "--offset", "2",
            "--limit", "7"),
           ("--format", "json", "--window", "2", "--min-freq", "2", "--header")]


class Same:
    """Both paths of --collocates, over a batch of queries (one process per path)."""

    def assert_paths_same(self, queries):
        batch = "".join(f"q{i}\t{q}\n" for i, q in enumerate(queries)).encode()
        rows = 0
        for args in OPTIONS:
            got = self.run_tool("searcher", "-d", self.index, "--collocates", "--batch",
                                *args, stdin=batch)
            want = self.run_tool("searcher", "-d", self.index, "--collocates", "--batch",
                                 *args, stdin=batch, env={"DS_COLLOC_TEXT": "1"})
            self.assertIn(want[0], (0, 1), f"{args}: {want[2]}")
            self.assertEqual(got, want, args)
            rows += len(want[1].splitlines())
        return rows

    def tokens(self, *args, text=False):
        env = {"DS_COLLOC_TOKENS": "1"}
        if text:
            env["DS_COLLOC_TEXT"] = "1"
        rc, out, err = self.run_tool("searcher", "-d", self.index, "--collocates", *args,
                                     env=env)
        self.assertEqual(rc, 0, err)
        return int(re.search(r"collocates: (\d+) tokens read for words", err).group(1)), out


class SeedCollocates(Same, SeedTest):
    def test_every_query_class(self):
        queries = [q + scope for q in QUERIES
                   for scope in ("", " type:report", " type:passage", " type:citation")]
        self.assertGreater(self.assert_paths_same(queries), 500)


class GeneratedCollocates(Same, CliTest):
    """The corpus of test_kwic_positions (markers, possessives, compounds, identifiers,
    overlapping phrases, titles), and texts whose windows reach over many compounds."""

    def setUp(self):
        super().setUp()
        rnd = random.Random(11)
        words, seps = kp.GeneratedPositions.WORDS, kp.GeneratedPositions.SEPS
        for i in range(60):
            text = "".join(rnd.choice(words) + rnd.choice(seps)
                           for _ in range(rnd.randint(0, 200)))
            title = " ".join(rnd.choice(words[:8] + ["update"]) for _ in range(4))
            date = "" if i % 5 == 0 else f"date: {2015 + i % 4}\n"
            self.write(f"g{i:02d}.txt", f"---\ntitle: {title}\nactor: Public Core\n{date}---\n"
                       + text)
        # three positions a word: 50 words left of "zebra" lie 150 positions back
        self.write("compounds.txt", " ".join(f"x{i}-y{i}-z{i}" for i in range(200))
                   + " zebra " + " ".join(f"p{i}-q-r" for i in range(200)) + " zebra.")
        # a long text with a rare word: its windows are all that is read
        filler = " ".join(f"w{i % 997}" for i in range(60000))
        self.write("long.txt", filler + " okapi grazes here " + filler)
        self.index_corpus("-q", "-j", "2")

    def test_every_query_class(self):
        self.assertGreater(self.assert_paths_same(QUERIES + GENERATED_QUERIES), 300)

    def test_windows_over_compounds(self):
        self.assert_paths_same(["zebra", "p3 NEAR/2 q", '"y7 z7 x8"'])
        rc, out, err = self.search("--collocates", "--window", "50", "--min-freq", "1",
                                   "-f", "tsv", "zebra")
        words = {row.split("\t")[1] for row in out.splitlines()}
        # the 50th word left of the first zebra, and the 50th right of it
        self.assertIn("x150y150z150", words)
        self.assertIn("p49qr", words)
        self.assertNotIn("x149y149z149", words)

    def test_whole_texts_are_not_tokenized(self):
        read, out = self.tokens("--window", "5", "--min-freq", "1", "-f", "tsv", "okapi")
        whole, want = self.tokens("--window", "5", "--min-freq", "1", "-f", "tsv", "okapi",
                                  text=True)
        self.assertEqual(out, want)
        self.assertEqual(len(out.splitlines()), 10)  # 5 filler words left, 5 right
        self.assertGreaterEqual(whole, 120000)  # the text path reads the whole text
        self.assertLess(read, 100)  # a checkpoint's run (32) and the window


if __name__ == "__main__":
    unittest.main()
